/**
 * The swap inside the output folder DIR, which itself is never replaced (its inode, mode, owner,
 * group and setgid bit stay; a bind mount of it keeps working). Per process id P:
 *   DIR/.pve-apidoc-tmp-P   the new tree, written completely first (on DIR's file system, so
 *                           every later step is a rename)
 *   DIR/.pve-apidoc-swap-P  the journal: written (atomically, by rename) once the new tree and
 *                           zip are complete; it lists the root entries to swap and the files
 *                           the swap may remove. It is the commit point for a crash: from here on
 *                           the next build finishes the swap (rollForward).
 *   DIR/.pve-apidoc-old-P   the previous build's root entries, moved aside one by one as the new
 *                           ones are renamed in
 * After the renames, whatever the previous build did not write (a note in `api/`) is carried
 * from the retired entries into the new tree by rename, and only the previous build's own files
 * are removed. Entries of DIR the swap does not name (`.git`, `CNAME`) are never touched.
 * Every step checks with lstat what is there, so rollForward and rollBack can resume after a
 * crash at any step, and a link is never followed.
 */
import { chmodSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputError } from '../errors.js';
import { isRecord } from '../model/is-record.js';
import { readJsonFile } from './json-file.js';
import { INTERNAL_PREFIX, isSafeRelative, MAX_RECORD_BYTES } from './record.js';
import { lstatOrNull, removeEntry, removeWhere, unlinkIfThere } from './remove.js';

export interface SwapNames {
  staging: string;
  retired: string;
  journal: string;
  /** The new zip, beside the zip's final path (see staging.ts). */
  zipStaging: string;
}

export function swapNames(target: string, zipStaging: string, pid: number): SwapNames {
  return {
    staging: join(target, `${INTERNAL_PREFIX}tmp-${pid}`),
    retired: join(target, `${INTERNAL_PREFIX}old-${pid}`),
    journal: join(target, `${INTERNAL_PREFIX}swap-${pid}`),
    zipStaging,
  };
}

/** The pid of an internal name of DIR (`.pve-apidoc-tmp-123` -> 123), or null. */
export function internalPid(name: string): number | null {
  const m = /^\.pve-apidoc-(?:tmp|old|swap)-([1-9]\d{0,9})(?:\.part)?$/.exec(name);
  return m ? Number(m[1]) : null;
}

export interface Journal {
  /** Root entries of the new tree, in swap order. */
  swap: string[];
  /** Relative paths the swap may remove (the previous build's files; with --force the collisions). */
  replaceable: string[];
  /** Where the staged zip goes (absent without --offline). */
  zip?: string;
}

/** Writes the journal whole or not at all: a partly written one would not say what may be removed. */
export async function writeJournal(names: SwapNames, journal: Journal): Promise<void> {
  const part = `${names.journal}.part`;
  await writeFile(part, JSON.stringify(journal), { flag: 'wx' });
  renameSync(part, names.journal);
}

/** The journal at `file`, or null when there is none (or it is not one we wrote: then nothing is rolled forward). */
export function readJournal(file: string): Journal | null {
  // As large as a record at most: it lists the previous build's files.
  const data = readJsonFile(file, MAX_RECORD_BYTES);
  if (!isRecord(data)) return null;
  const { swap, replaceable, zip } = data;
  if (!isNameList(swap) || !isNameList(replaceable) || swap.some((n) => n.includes('/'))) return null;
  return { swap, replaceable, ...(typeof zip === 'string' ? { zip } : {}) };
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && isSafeRelative(v));
}

/** Root entries a swap touches: the new ones, and the previous build's that the new build no longer writes. */
function rootEntries(journal: Journal): { name: string; incoming: boolean }[] {
  const incoming = new Set(journal.swap);
  const retiring = new Set(journal.replaceable.map((f) => f.split('/')[0] ?? f).filter((n) => !incoming.has(n)));
  return [...journal.swap.map((name) => ({ name, incoming: true })), ...[...retiring].sort().map((name) => ({ name, incoming: false }))];
}

export type SwapStep = 'retired' | 'swapped' | 'zipped' | 'carried' | 'cleaned';

/**
 * Finishes a swap from wherever it stopped: every root entry moved aside and the new one in, the
 * zip in, what is not ours carried back, our retired files removed, the journal last.
 * `zipPath` is the zip this build would write: a journal cannot aim the rename elsewhere.
 */
export async function rollForward(
  target: string,
  zipPath: string,
  names: SwapNames,
  journal: Journal,
  step: (s: SwapStep) => void = () => {},
): Promise<void> {
  let first = true;
  for (const { name, incoming } of rootEntries(journal)) {
    const staged = join(names.staging, name);
    const live = join(target, name);
    const aside = join(names.retired, name);
    // Already done: an incoming entry is no longer staged; a retiring one is already aside.
    if (incoming ? lstatOrNull(staged) === null : lstatOrNull(aside) !== null) continue;
    if (lstatOrNull(live) !== null) {
      if (lstatOrNull(aside) !== null) {
        throw new OutputError(`cannot finish the swap in ${target}: both ${live} and ${aside} exist; move one of them away`);
      }
      mkdirIfMissing(names.retired);
      renameSync(live, aside);
      if (first) step('retired');
      first = false;
    }
    if (incoming) renameSync(staged, live);
  }
  step('swapped');
  if (journal.zip === zipPath && lstatOrNull(names.zipStaging)?.isFile() === true) renameSync(names.zipStaging, zipPath);
  step('zipped');
  const replaceable = new Set(journal.replaceable);
  const unplaced = carryOver(names.retired, target, '', replaceable, holdersOf(replaceable));
  step('carried');
  await removeWhere(names.retired, (rel) => replaceable.has(rel));
  await removeEntry(names.staging);
  step('cleaned');
  if (unplaced.length > 0) {
    // The journal stays removed: nothing more is to be done automatically, and these stay kept.
    unlinkIfThere(names.journal);
    throw new OutputError(
      `wrote ${target}, but ${unplaced.length} entr${unplaced.length === 1 ? 'y' : 'ies'} the previous build did not write could not be put back (their place is taken): ${unplaced.slice(0, 5).join(', ')}; they are kept in ${names.retired}`,
    );
  }
  unlinkIfThere(names.journal);
}

/**
 * Undoes a swap that has not reached the zip rename (in-process failure): new entries back into
 * staging, retired ones back in place. Throws if an entry cannot be put back; the journal then
 * stays and the next build rolls forward instead.
 */
export async function rollBack(target: string, names: SwapNames, journal: Journal): Promise<void> {
  for (const { name, incoming } of rootEntries(journal).reverse()) {
    const staged = join(names.staging, name);
    const live = join(target, name);
    const aside = join(names.retired, name);
    if (incoming && lstatOrNull(staged) === null && lstatOrNull(live) !== null) renameSync(live, staged);
    if (lstatOrNull(aside) !== null && lstatOrNull(live) === null) renameSync(aside, live);
  }
  // Only empty folders are removed here: anything still retired is kept (and reported).
  await removeWhere(names.retired, () => false);
  if (lstatOrNull(names.retired) !== null) throw new OutputError(`cannot undo the swap in ${target}: ${names.retired} is not empty`);
  unlinkIfThere(names.journal);
}

/** Every folder (relative) that holds a replaceable file at some depth. */
function holdersOf(replaceable: ReadonlySet<string>): Set<string> {
  const dirs = new Set<string>();
  for (const file of replaceable) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return dirs;
}

/**
 * Moves every entry below `from` that is not replaceable to the same place below `to` (whole
 * folders in one rename when they hold nothing of ours). Returns what could not be placed.
 */
function carryOver(from: string, to: string, rel: string, replaceable: ReadonlySet<string>, holders: ReadonlySet<string>): string[] {
  const src = rel === '' ? from : join(from, rel);
  const stat = lstatOrNull(src);
  if (stat === null) return [];
  if (rel !== '' && !stat.isDirectory()) {
    if (replaceable.has(rel)) return [];
    return place(from, to, rel) ? [] : [rel];
  }
  if (!stat.isDirectory()) return [];
  // A folder holding nothing of ours moves whole; else (or when its place is taken) entry by entry.
  if (rel !== '' && !holders.has(rel) && place(from, to, rel)) return [];
  const unplaced: string[] = [];
  for (const entry of readdirSync(src).sort()) {
    unplaced.push(...carryOver(from, to, rel === '' ? entry : `${rel}/${entry}`, replaceable, holders));
  }
  return unplaced;
}

/** Renames `from/rel` to `to/rel` when that place is free (creating its folders); false when taken. */
function place(from: string, to: string, rel: string): boolean {
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = join(to, ...parts.slice(0, i));
    const there = lstatOrNull(dir);
    if (there === null) {
      mkdirSync(dir);
      // A folder recreated for the user's files keeps the mode the retired one had.
      const mode = lstatOrNull(join(from, ...parts.slice(0, i)))?.mode;
      if (mode !== undefined) chmodSync(dir, mode & 0o7777);
    } else if (!there.isDirectory()) return false;
  }
  const dest = join(to, rel);
  if (lstatOrNull(dest) !== null) return false;
  renameSync(join(from, rel), dest);
  return true;
}

function mkdirIfMissing(dir: string): void {
  if (lstatOrNull(dir) === null) mkdirSync(dir);
}
