/**
 * Removing what the write stage owns, never following a symbolic link: a link is unlinked (its
 * target is never read, listed or changed), and a folder's entries are classified with lstat
 * semantics (readdir's file types), so a link inside a folder is removed as a link too.
 * Many unlinks are in flight at once: a site is ~900 small files, and one-at-a-time system calls
 * dominated the stage (fs.rm recursive goes one entry at a time).
 * An entry that is already gone (ENOENT) is not an error: another build's recovery, or the user,
 * may have removed it first, and "gone" is what removal wants.
 */
import { type Dirent, lstatSync, type Stats, unlinkSync } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Operations in flight at once; libuv's pool has 4 threads, a few more keeps it fed. */
const PARALLEL = 16;

/** Removes `path`: a folder tree (links inside removed as links), a file, or a link itself. */
export async function removeEntry(path: string): Promise<void> {
  await removeWhere(path, () => true);
}

/**
 * Removes the files below `root` for which `owned(relative path)` is true (links and other
 * non-folders included, never followed), then every folder left empty, deepest first; `root`
 * itself too when it ends up empty. Everything else stays where it is.
 */
export async function removeWhere(root: string, owned: (relative: string) => boolean): Promise<void> {
  const stat = lstatOrNull(root);
  if (stat === null) return;
  if (!stat.isDirectory()) {
    if (owned('')) await ignoreMissing(unlink(root));
    return;
  }
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = async (d: string, rel: string): Promise<void> => {
    dirs.push(d);
    let entries: Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      // Dirent types come from the entry itself: a link to a folder is not a directory here.
      if (e.isDirectory()) subdirs.push(walk(join(d, e.name), childRel));
      else if (owned(childRel)) files.push(join(d, e.name));
    }
    await Promise.all(subdirs);
  };
  await walk(root, '');
  await inParallel(files, (f) => ignoreMissing(unlink(f)));
  // Children before parents: deepest paths first. A folder still holding a kept entry stays.
  dirs.sort((a, b) => b.length - a.length);
  for (const d of dirs) {
    try {
      await rmdir(d);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  }
}

export function lstatOrNull(path: string): Stats | null {
  return lstatSync(path, { throwIfNoEntry: false }) ?? null;
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Unlinks a file (or link) that may already be gone: "gone" is what it wants. */
export function unlinkIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

async function ignoreMissing(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/**
 * Runs `work` on every item, PARALLEL at a time. On the first failure no further item starts,
 * and the failure is thrown only once every started item has settled: a caller that then removes
 * what was written does not race writes still in flight.
 */
export async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  // One iterator shared by the workers: each takes the next item.
  const queue = items.values();
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (const item of queue) {
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
      if (failure !== undefined) break;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
