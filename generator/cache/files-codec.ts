/**
 * Output files as one buffer and back: a JSON list of names and sizes, then the contents end to
 * end. Restored contents are views into the entry's bytes (no copy, no UTF-8 decoding): the writer
 * and the zip write a string and its UTF-8 bytes alike, as they do for the render pool's files.
 */
import { contentBytes, type OutputFile } from '../output-file.js';

export function encodeFiles(files: readonly OutputFile[]): Buffer {
  const contents = files.map((f) => contentBytes(f.content));
  const head = Buffer.from(JSON.stringify({ names: files.map((f) => f.file), sizes: contents.map((c) => c.length) }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return Buffer.concat([length, head, ...contents]);
}

/** The files `encodeFiles` encoded; throws on bytes that are not such an encoding. */
export function decodeFiles(bytes: Buffer): OutputFile[] {
  const headLength = bytes.readUInt32BE(0);
  const head: unknown = JSON.parse(bytes.subarray(4, 4 + headLength).toString());
  const names = field(head, 'names');
  const sizes = field(head, 'sizes');
  if (names.length !== sizes.length) throw new Error('not an encoded file list');
  let offset = 4 + headLength;
  const out: OutputFile[] = [];
  names.forEach((file, i) => {
    const size = sizes[i];
    if (typeof file !== 'string' || typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || offset + size > bytes.length) {
      throw new Error('not an encoded file list');
    }
    out.push({ file, content: bytes.subarray(offset, offset + size) });
    offset += size;
  });
  if (offset !== bytes.length) throw new Error('not an encoded file list');
  return out;
}

function field(head: unknown, name: string): unknown[] {
  const value: unknown = typeof head === 'object' && head !== null ? Reflect.get(head, name) : undefined;
  if (!Array.isArray(value)) throw new Error('not an encoded file list');
  return value;
}
