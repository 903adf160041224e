/**
 * A rebuild with nothing new to say: when the folder already holds exactly the files this build
 * would write (same names, same bytes, the same record, and the same zip beside it), nothing is
 * staged, swapped or removed. The rebuild then costs reading the folder, not rewriting it, and
 * every file keeps its mtime and inode, so rsync, a web server's ETag or a file watcher sees no
 * change where there is none.
 *
 * Only our own files are looked at (the plan's replaceable set: regular files below real
 * folders), each opened without following a link; any difference, a missing file or a stale one
 * of ours (the record lists it) means a normal write.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { type OutputFile, SpooledContent } from '../output-file.js';
import { RECORD_FILE, recordContent } from './record.js';

/** Files are compared a chunk at a time through two buffers allocated once: 40,000 pages allocate nothing. */
const CHUNK = 256 * 1024;
let scratch: { ours: Buffer; theirs: Buffer } | undefined;

/** True when `target` holds exactly `files` (and our record of them) as the previous build wrote them. */
export function holdsExactly(target: string, files: readonly OutputFile[], ours: ReadonlySet<string>): boolean {
  const record = recordContent(files.map((f) => f.file));
  if (!sameBytes(join(target, RECORD_FILE), Buffer.from(record))) return false;
  for (const { file, content } of files) {
    if (!ours.has(file)) return false;
    const path = join(target, file);
    const same =
      content instanceof SpooledContent
        ? sameAsFile(path, content.path, content.bytes)
        : sameBytes(path, typeof content === 'string' ? Buffer.from(content) : content);
    if (!same) return false;
  }
  return true;
}

/** True when `path` is a regular file (not through a link at its last step) holding exactly `expected`. */
export function sameBytes(path: string, expected: Buffer): boolean {
  return compareWith(path, expected.length, (at, chunk) => chunk.equals(expected.subarray(at, at + chunk.length)));
}

/** True when `path` holds exactly the bytes of our own file `spooled` (`bytes` long), neither read whole. */
function sameAsFile(path: string, spooled: string, bytes: number): boolean {
  const fd = openOrNull(spooled);
  if (fd === null) return false;
  try {
    return compareWith(path, bytes, (at, chunk) => {
      const mine = buffers().ours.subarray(0, chunk.length);
      return readFully(fd, mine, at) === chunk.length && mine.equals(chunk);
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `path` (a regular file, opened without following a link at its last step) chunk by chunk,
 * asking `same(offset, chunk)` of each; false when it is not `length` bytes long or a chunk differs.
 */
function compareWith(path: string, length: number, same: (at: number, chunk: Buffer) => boolean): boolean {
  const fd = openOrNull(path);
  if (fd === null) return false; // missing, a link, unreadable: not the same
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size !== length) return false;
    const theirs = buffers().theirs;
    let at = 0;
    for (;;) {
      const n = readFully(fd, theirs, at);
      // A file that grew or shrank since fstat reads as different.
      if (n === 0) return at === length;
      if (at + n > length || !same(at, theirs.subarray(0, n))) return false;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads into `into` from `position` until it is full or the file ends; the bytes read. */
function readFully(fd: number, into: Buffer, position: number): number {
  let read = 0;
  while (read < into.length) {
    const n = readSync(fd, into, read, into.length - read, position + read);
    if (n === 0) break;
    read += n;
  }
  return read;
}

function openOrNull(path: string): number | null {
  try {
    return openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
}

function buffers(): { ours: Buffer; theirs: Buffer } {
  scratch ??= { ours: Buffer.allocUnsafe(CHUNK), theirs: Buffer.allocUnsafe(CHUNK) };
  return scratch;
}
