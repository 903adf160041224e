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
import type { OutputFile } from '../output-file.js';
import { RECORD_FILE, recordContent } from './record.js';

/** True when `target` holds exactly `files` (and our record of them) as the previous build wrote them. */
export function holdsExactly(target: string, files: readonly OutputFile[], ours: ReadonlySet<string>): boolean {
  const record = recordContent(files.map((f) => f.file));
  if (!sameBytes(join(target, RECORD_FILE), Buffer.from(record))) return false;
  for (const { file, content } of files) {
    if (!ours.has(file)) return false;
    if (!sameBytes(join(target, file), typeof content === 'string' ? Buffer.from(content) : content)) return false;
  }
  return true;
}

/** True when `path` is a regular file (not through a link at its last step) holding exactly `expected`. */
export function sameBytes(path: string, expected: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return false; // missing, a link, unreadable: not the same
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size !== expected.length) return false;
    // Read into one buffer of the expected size; a file that grew since fstat reads as different.
    const actual = Buffer.allocUnsafe(expected.length + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, actual, read, actual.length - read, null);
      if (n === 0) break;
      read += n;
      if (read > expected.length) return false;
    }
    return read === expected.length && actual.subarray(0, read).equals(expected);
  } finally {
    closeSync(fd);
  }
}
