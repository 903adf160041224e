/**
 * What a rebuild may replace: the files the previous build wrote (its record, record.ts) that are
 * still the regular files it wrote, below real folders. A path the new build writes that exists
 * but is not ours is a collision: refused before anything is written (exit 5, naming the paths),
 * unless --force, which replaces such files and links (a link is replaced, never followed). A
 * folder of the user's where the new build writes a file is refused even with --force: replacing
 * it would delete what is inside.
 */
import { readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { OutputError } from '../errors.js';
import { isBystander, isLegacyBuild } from './guard.js';
import { legacyOwned, readRecord } from './record.js';
import { lstatOrNull } from './remove.js';

export interface WritePlan {
  /** Relative paths the swap may remove or replace: the previous build's files, and with --force the collisions. */
  replaceable: Set<string>;
}

/** How many colliding paths a refusal names before "and N more". */
const SHOWN = 5;

export function planWrite(target: string, newFiles: readonly string[], force: boolean): WritePlan {
  // No record: an older version's build (ours is what it could have written), or a new folder (nothing is ours).
  const previous = readRecord(target) ?? (isLegacyBuild(target) ? legacyOwned(target, newFiles) : new Set<string>());
  const writes = new Set(newFiles);
  const ours = new Set<string>();
  // Each folder lstat'ed once, for both loops: a site is ~900 files in ~450 folders.
  const dirs = new Map<string, Stats | null>();
  for (const file of previous) if (mayClaim(file, writes) && isOurFile(target, file, dirs)) ours.add(file);

  const files: string[] = [];
  const folders: string[] = [];
  // Per folder a new file needs: true when nothing below it can collide (missing, or not a real
  // folder: then it is itself the collision, counted once). Kept for every later file below it, so
  // that no lstat ever goes through a link in the way.
  const blocks = new Map<string, boolean>();
  for (const file of newFiles) {
    const parts = file.split('/');
    let blocked = false;
    // Each folder the file needs: a real folder, missing, or a file of ours (replaced by the folder).
    for (let i = 1; i < parts.length && !blocked; i++) {
      const dir = parts.slice(0, i).join('/');
      let known = blocks.get(dir);
      if (known === undefined) {
        const stat = dirStat(target, dir, dirs);
        known = stat === null || !stat.isDirectory();
        if (stat !== null && known && !ours.has(dir)) files.push(dir);
        blocks.set(dir, known);
      }
      blocked = known;
    }
    if (blocked) continue;
    // Ours was lstat'ed above (isOurFile): replaced without a second look.
    if (ours.has(file)) continue;
    const stat = lstatOrNull(join(target, file));
    if (stat === null) continue;
    if (stat.isDirectory()) {
      if (holdsOthers(target, file, ours)) folders.push(file);
    } else files.push(file);
  }

  if (folders.length > 0) {
    throw new OutputError(
      `refusing to write into ${target}: ${list(folders)} ${folders.length === 1 ? 'is a folder' : 'are folders'} holding files the previous build did not write, where this build writes a file; move ${folders.length === 1 ? 'it' : 'them'} away`,
    );
  }
  if (files.length > 0 && !force) {
    throw new OutputError(
      `refusing to overwrite ${files.length === 1 ? 'a file' : `${files.length} files`} in ${target} that the previous build did not write: ${list(files)}; move ${files.length === 1 ? 'it' : 'them'} away, or pass --force to overwrite`,
    );
  }
  return { replaceable: new Set([...ours, ...(force ? files : [])]) };
}

/**
 * The record (or a legacy manifest) is only the folder's own word, and travels with it (a gh-pages
 * branch commits it): below a hidden root entry or CNAME (`.git`, the bystanders guard.ts lets an
 * empty folder hold) a listed file is replaced when this build writes it again, never removed on
 * that word alone, so a record listing `.git/config` cannot delete a checkout's git data.
 */
function mayClaim(file: string, writes: ReadonlySet<string>): boolean {
  return writes.has(file) || !isBystander(file.split('/')[0] ?? file);
}

/** A file the previous build wrote is ours while it is still a regular file below real folders (no link on the way). */
function isOurFile(target: string, file: string, dirs: Map<string, Stats | null>): boolean {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (dirStat(target, parts.slice(0, i).join('/'), dirs)?.isDirectory() !== true) return false;
  }
  return lstatOrNull(join(target, file))?.isFile() === true;
}

/** lstat of the folder `rel` in `target`, remembered in `dirs`. */
function dirStat(target: string, rel: string, dirs: Map<string, Stats | null>): Stats | null {
  let stat = dirs.get(rel);
  if (stat === undefined) {
    stat = lstatOrNull(join(target, rel));
    dirs.set(rel, stat);
  }
  return stat;
}

/** True when the folder `rel` holds any entry that is not one of our files (links are entries, not followed). */
function holdsOthers(target: string, rel: string, ours: ReadonlySet<string>): boolean {
  for (const entry of readdirSync(join(target, rel), { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory() ? holdsOthers(target, child, ours) : !ours.has(child)) return true;
  }
  return false;
}

function list(paths: string[]): string {
  const sorted = [...paths].sort();
  const shown = sorted.slice(0, SHOWN).join(', ');
  return sorted.length > SHOWN ? `${shown} and ${sorted.length - SHOWN} more` : shown;
}
