/**
 * One file of a build's output, as the renderers and exporters produce it and write/ stores it. A
 * module of its own, below every stage, so that write/, export/ and publish/ need not import the
 * HTML renderer for a type.
 */
import { closeSync, constants, openSync, readFileSync } from 'node:fs';

export interface OutputFile {
  file: string;
  content: string | Buffer | SpooledContent;
}

/**
 * A finished file's bytes that the build moved out of memory, into its own staging folder (see
 * write/spool.ts): a very large API's pages would otherwise all be held until the write stage.
 */
export class SpooledContent {
  constructor(
    /** Where the bytes are, inside this build's own staging folder. */
    readonly path: string,
    readonly bytes: number,
  ) {}

  /** The bytes, read back (the unchanged check and the zip need them); never through a link. */
  read(): Buffer {
    const fd = openSync(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * What a build does with each file as soon as it is made: keeps it in memory as it is, or spools
 * its bytes to disk (write/spool.ts). The renderers and exporters hand every file through one.
 */
export type FileKeeper = (file: OutputFile) => OutputFile;

/** Keeps every file in memory, as it is. */
export const keepInMemory: FileKeeper = (f) => f;

/** True when the file's bytes are on disk (write/spool.ts), not in memory. */
export function isSpooled(f: OutputFile): boolean {
  return f.content instanceof SpooledContent;
}

/** Size of one file's content in bytes. */
export function byteLength(content: OutputFile['content']): number {
  if (typeof content === 'string') return Buffer.byteLength(content);
  return content instanceof SpooledContent ? content.bytes : content.length;
}

/** One file's content as bytes (a spooled one read back from disk). */
export function contentBytes(content: OutputFile['content']): Buffer {
  if (typeof content === 'string') return Buffer.from(content);
  return content instanceof SpooledContent ? content.read() : content;
}

/** Total size of output files in bytes. */
export function totalBytes(files: readonly OutputFile[]): number {
  return files.reduce((n, f) => n + byteLength(f.content), 0);
}

/**
 * The file with its content as UTF-8 bytes: held until the write stage, a string with one character
 * beyond Latin-1 costs two bytes a character on V8's heap, bytes cost one, outside it.
 */
export function asBytes(f: OutputFile): OutputFile {
  return typeof f.content === 'string' ? { file: f.file, content: Buffer.from(f.content) } : f;
}
