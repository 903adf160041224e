/**
 * Removing what the write stage owns, never following a symbolic link: a link is unlinked (its
 * target is never read, listed or changed), and a folder's entries are classified with lstat
 * semantics (readdir's file types), so a link inside a folder is removed as a link too.
 * Many unlinks are in flight at once: a site is ~900 small files, and one-at-a-time system calls
 * dominated the stage (fs.rm recursive goes one entry at a time).
 */
import { lstatSync, type Stats } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Operations in flight at once; libuv's pool has 4 threads, a few more keeps it fed. */
export const PARALLEL = 16;

/** Removes `path`: a folder tree (links inside removed as links), a file, or a link itself. */
export async function removeEntry(path: string): Promise<void> {
  const stat = lstatOrNull(path);
  if (stat === null) return;
  if (!stat.isDirectory()) {
    await unlink(path);
    return;
  }
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = async (d: string): Promise<void> => {
    dirs.push(d);
    const entries = await readdir(d, { withFileTypes: true });
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      // Dirent types come from the entry itself: a link to a folder is not a directory here.
      if (e.isDirectory()) subdirs.push(walk(join(d, e.name)));
      else files.push(join(d, e.name));
    }
    await Promise.all(subdirs);
  };
  await walk(path);
  await inParallel(files, (f) => unlink(f));
  // Children before parents: deepest paths first.
  dirs.sort((a, b) => b.length - a.length);
  for (const d of dirs) await rmdir(d);
}

export function lstatOrNull(path: string): Stats | null {
  return lstatSync(path, { throwIfNoEntry: false }) ?? null;
}

export async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}
