/**
 * The cache folder: one file per entry, named by its key (a SHA-256 of everything the entry
 * depends on). Two builds may share the folder: an entry is written under a temporary name and
 * renamed into place, so a reader sees a whole entry or none. The folder is read like any
 * untrusted file: an entry's header repeats its key and carries the SHA-256 and length of its
 * payload, and anything that does not match (truncated, corrupt, misnamed, not a regular file,
 * too large) is a miss, said under --verbose. Beyond `maxBytes` the least recently used entries
 * go. Failing to write is never an error: the build goes on without the entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';

/** Default bound of the folder: a five-release PVE site's entries take ~250 MB. */
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
const MAGIC = 'pve-apidoc-cache/1';
const ENTRY = /^[a-z]+-[0-9a-f]{64}\.bin$/;
const TEMP = /^\.tmp-[0-9a-f]+\.bin$/;
/** A temporary file older than this was left by a build that died: eviction removes it. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface CacheStore {
  readonly dir: string;
  read(kind: string, key: string): Buffer | undefined;
  write(kind: string, key: string, payload: Buffer): void;
  /** Removes the least recently used entries beyond the size bound. */
  evict(): void;
}

export function openStore(dir: string, log: Pick<Logger, 'debug'>, maxBytes = DEFAULT_MAX_BYTES): CacheStore {
  const debug = (message: string): void => log.debug?.(`cache: ${message}`);
  const name = (kind: string, key: string): string => `${kind}-${key}.bin`;
  return {
    dir,
    read(kind, key) {
      const file = join(dir, name(kind, key));
      let bytes: Buffer;
      try {
        const stat = lstatSync(file);
        if (!stat.isFile()) return miss(`${file} is not a regular file`);
        if (stat.size > maxBytes) return miss(`${file} is larger than the cache bound`);
        bytes = readFileSync(file);
      } catch {
        return undefined; // no entry: the usual miss, nothing to say
      }
      const payload = verify(bytes, kind, key);
      if (typeof payload === 'string') return miss(`${file} ${payload}: ignored`);
      try {
        // Recently used: eviction keeps it longer.
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // read-only cache folder: still a hit
      }
      return payload;
    },
    write(kind, key, payload) {
      const temp = join(dir, `.tmp-${randomBytes(8).toString('hex')}.bin`);
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temp, Buffer.concat([header(kind, key, payload), payload]), { flag: 'wx' });
        renameSync(temp, join(dir, name(kind, key)));
      } catch (error) {
        debug(`could not write ${name(kind, key)} (${error instanceof Error ? error.message : String(error)})`);
        try {
          unlinkSync(temp);
        } catch {
          // never created
        }
      }
    },
    evict() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      const entries: { file: string; size: number; used: number }[] = [];
      for (const entry of names) {
        const file = join(dir, entry);
        try {
          const stat = lstatSync(file);
          // Only our own regular files are ever removed (unlink never follows a link).
          if (!stat.isFile()) continue;
          if (TEMP.test(entry)) {
            if (Date.now() - stat.mtimeMs > STALE_TEMP_MS) unlinkSync(file);
          } else if (ENTRY.test(entry)) entries.push({ file, size: stat.size, used: stat.mtimeMs });
        } catch {
          // removed meanwhile by another build
        }
      }
      let total = entries.reduce((n, e) => n + e.size, 0);
      entries.sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
      for (const entry of entries) {
        if (total <= maxBytes) break;
        try {
          unlinkSync(entry.file);
          debug(`evicted ${entry.file}`);
        } catch {
          // removed meanwhile
        }
        total -= entry.size;
      }
    },
  };

  function miss(reason: string): undefined {
    debug(reason);
    return undefined;
  }
}

function header(kind: string, key: string, payload: Buffer): Buffer {
  return Buffer.from(`${MAGIC} ${kind} ${key} ${sha256(payload)} ${payload.length}\n`);
}

/** The payload of a whole, matching entry, or why the entry is not one. */
function verify(bytes: Buffer, kind: string, key: string): Buffer | string {
  const end = bytes.indexOf(10);
  if (end < 0 || end > 256) return 'has no header';
  const [magic, entryKind, entryKey, hash, length] = bytes.subarray(0, end).toString('latin1').split(' ');
  if (magic !== MAGIC || entryKind !== kind || entryKey !== key) return 'has a header for another entry';
  const payload = bytes.subarray(end + 1);
  if (String(payload.length) !== length) return 'is truncated';
  if (sha256(payload) !== hash) return 'is corrupt (its hash does not match)';
  return payload;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
