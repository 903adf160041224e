/**
 * One file of a build's output, as the renderers and exporters produce it and write/ stores it. A
 * module of its own, below every stage, so that write/, export/ and publish/ need not import the
 * HTML renderer for a type.
 */
export interface OutputFile {
  file: string;
  content: string | Buffer;
}

/** Total size of output files in bytes. */
export function totalBytes(files: readonly OutputFile[]): number {
  return files.reduce((n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length), 0);
}

/**
 * The file with its content as UTF-8 bytes: held until the write stage, a string with one character
 * beyond Latin-1 costs two bytes a character on V8's heap, bytes cost one, outside it.
 */
export function asBytes(f: OutputFile): OutputFile {
  return typeof f.content === 'string' ? { file: f.file, content: Buffer.from(f.content) } : f;
}
