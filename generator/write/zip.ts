/**
 * A small deterministic zip writer for the offline bundle (node:zlib only). The same files give the
 * same bytes on every machine: entries sorted by name, one fixed timestamp (1980-01-01 00:00, the
 * zip epoch), fixed Unix permissions, no extra fields, no comment. Entries are deflated unless
 * storing is smaller. No zip64: the bundle is far below 4 GB and 65535 entries, checked below.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { OutputError } from '../errors.js';
import { contentBytes, type OutputFile } from '../output-file.js';
import { trimEnd } from '../text/trim.js';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Version 2.0: deflate. "Made by" Unix (3) so the external attributes carry file modes. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
const STORE = 0;
const DEFLATE = 8;
/** 1980-01-01 00:00:00 in MS-DOS format: the earliest time a zip can hold. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Regular file, rw-r--r--. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const LIMIT = 0xffffffff;

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  content: OutputFile['content'];
}

/** The fields a local file header and its central-directory entry share. */
interface EntryFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/**
 * The 26 bytes the local header and the central directory header share, in the same order
 * (version needed, flags, method, time, date, CRC-32, sizes, name length), at `at`.
 */
function writeEntryFields(buffer: Buffer, at: number, f: EntryFields): void {
  buffer.writeUInt16LE(VERSION_NEEDED, at);
  buffer.writeUInt16LE(FLAGS, at + 2);
  buffer.writeUInt16LE(f.method, at + 4);
  buffer.writeUInt16LE(DOS_TIME, at + 6);
  buffer.writeUInt16LE(DOS_DATE, at + 8);
  buffer.writeUInt32LE(f.crc, at + 10);
  buffer.writeUInt32LE(f.compressed, at + 14);
  buffer.writeUInt32LE(f.size, at + 18);
  buffer.writeUInt16LE(f.nameLength, at + 22);
}

/** The archive bytes of `entries` (sorted by name here, so callers' order does not matter). */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length > 0xffff) throw new OutputError(`too many files for a zip without zip64: ${sorted.length}`);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let previous: string | undefined;
  for (const entry of sorted) {
    if (entry.name === previous) throw new OutputError(`duplicate zip entry: ${entry.name}`);
    previous = entry.name;
    if (entry.name.startsWith('/') || entry.name.split('/').includes('..')) throw new OutputError(`unsafe zip entry name: ${entry.name}`);
    const data = contentBytes(entry.content);
    const deflated = deflateRawSync(data, { level: constants.Z_BEST_COMPRESSION });
    const method = deflated.length < data.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : data;
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(data);
    if (data.length >= LIMIT || offset >= LIMIT) throw new OutputError('the offline bundle is too large for a zip without zip64');

    const fields: EntryFields = { method, crc, compressed: body.length, size: data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeEntryFields(local, 4, fields);
    // extra length at 28: 0

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    writeEntryFields(header, 6, fields);
    // extra length, comment length, disk number, internal attributes: all 0 (Buffer.alloc zeroes them)
    header.writeUInt32LE(FILE_ATTRIBUTES, 38);
    header.writeUInt32LE(offset, 42);

    chunks.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset + centralSize >= LIMIT) throw new OutputError('the offline bundle is too large for a zip without zip64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/**
 * The offline bundle's bytes: every output file below one folder named like the zip (pve-9.1.zip
 * unpacks into pve-9.1/). The write stage stages and swaps it in together with the folder.
 */
export function bundleZip(folder: string, files: readonly OutputFile[]): Buffer {
  return createZip(files.map((f) => ({ name: `${folder}/${f.file}`, content: f.content })));
}

/** The zip written next to an offline output folder: `out/` -> `out.zip`. */
export function zipPathFor(outDir: string): string {
  return trimEnd(outDir, '\\/') + '.zip';
}
