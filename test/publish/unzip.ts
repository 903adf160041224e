/**
 * A minimal, independent zip reader for tests (central directory + local headers, stored and
 * deflated entries): checks what generator/write/zip.ts writes without trusting its own code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipRecord {
  name: string;
  method: number;
  dosTime: number;
  dosDate: number;
  externalAttributes: number;
  versionMadeBy: number;
  flags: number;
  data: Buffer;
}

export function readZip(zip: Buffer): ZipRecord[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  let p = zip.readUInt32LE(eocd + 16);
  if (p + size !== eocd) throw new Error('central directory does not end at the EOCD record');
  const records: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header at ${p}`);
    const versionMadeBy = zip.readUInt16LE(p + 4);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const dosTime = zip.readUInt16LE(p + 12);
    const dosDate = zip.readUInt16LE(p + 14);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const uncompressed = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const externalAttributes = zip.readUInt32LE(p + 38);
    const offset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = zip.readUInt16LE(offset + 26);
    const localExtra = zip.readUInt16LE(offset + 28);
    if (zip.subarray(offset + 30, offset + 30 + localName).toString('utf8') !== name) throw new Error(`local name differs for ${name}`);
    const start = offset + 30 + localName + localExtra;
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== uncompressed) throw new Error(`size mismatch for ${name}`);
    if (crc32(data) !== crc) throw new Error(`crc mismatch for ${name}`);
    records.push({ name, method, dosTime, dosDate, externalAttributes, versionMadeBy, flags, data });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

/** Extracts every entry below `dir` (refusing names that would leave it). */
export function extractZip(zip: Buffer, dir: string): string[] {
  const root = resolve(dir);
  const names: string[] = [];
  for (const record of readZip(zip)) {
    const target = resolve(join(root, record.name));
    if (!target.startsWith(root + sep)) throw new Error(`entry escapes the folder: ${record.name}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, record.data);
    names.push(record.name);
  }
  return names;
}
