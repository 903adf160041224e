/**
 * Recovery of what killed builds left, and the zip's staging name. Two generations of names:
 *
 * Inside the output folder DIR (this version, see swap.ts): `.pve-apidoc-tmp-P`, `-swap-P`,
 * `-old-P`, and the lock's own `.pve-apidoc-lock.new-P` / `.break-P`. They are recovered under
 * the lock (lock.ts), and only for a dead pid P: a build still running is never touched. A
 * journal means the build had everything ready: its swap is finished (rolled forward), so folder
 * and zip come from the same build. Without one, its staging is removed; the output was not
 * touched. A retired folder without a journal is only left by a swap that could not put back the
 * user's files: it is kept.
 *
 * Beside the output folder: the staged zip `.NAME.zip.tmp-P` (the zip lives beside the folder),
 * and the names older versions of this tool staged under, recovered as those versions would:
 *   .NAME.tmp-P      the new folder, complete once the journal exists
 *   .NAME.swap-P     the journal
 *   .NAME.old-P      the previous output folder, moved aside during the swap
 * (a `.old-P` without a journal, left by even older versions, is put back if the output is
 * missing). These run before the lock (the lock lives inside the folder they may move), so they
 * tolerate another build recovering the same names at the same time (ENOENT is not an error).
 * Every name is checked with lstat: a link planted under one of these names is removed as a link,
 * never followed, and never taken for a folder or zip of ours.
 */
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isAlive, LOCK_FILE } from './lock.js';
import { isSpooling } from './spool.js';
import { isMissing, lstatOrNull, removeEntry } from './remove.js';
import { internalPid, readJournal as readSwapJournal, rollForward as finishSwap, swapNames } from './swap.js';

/** The new zip, staged beside where it goes. */
export function zipStagingName(zipPath: string, pid: number): string {
  return join(dirname(zipPath), `.${basename(zipPath)}.tmp-${pid}`);
}

/** Finishes or discards, inside `target`, what dead builds left (call with the lock held). */
export async function recoverInside(target: string, zipPath: string): Promise<void> {
  const pids = new Set<number>();
  for (const entry of readdirOrEmpty(target)) {
    const pid = internalPid(entry);
    if (pid !== null && !isAlive(pid)) pids.add(pid);
    // The lock's own temporary names (lock.ts): a build killed while creating or breaking it.
    const lockTemp = entry.startsWith(`${LOCK_FILE}.`) ? /^\.(?:new|break)-([1-9]\d{0,9})$/.exec(entry.slice(LOCK_FILE.length)) : null;
    if (lockTemp && !isAlive(Number(lockTemp[1]))) await removeEntry(join(target, entry));
  }
  // Staged zips beside the folder: each belongs to the build of that pid (journal or not).
  const zipPrefix = `.${basename(zipPath)}.tmp-`;
  for (const entry of readdirOrEmpty(dirname(zipPath))) {
    const pid = entry.startsWith(zipPrefix) ? entry.slice(zipPrefix.length) : '';
    if (/^[1-9]\d{0,9}$/.test(pid) && !isAlive(Number(pid))) pids.add(Number(pid));
  }
  for (const pid of [...pids].sort((a, b) => a - b)) {
    const names = swapNames(target, zipStagingName(zipPath, pid), pid);
    // This process's own staging, holding the files it spooled (spool.ts): live, not a leftover.
    if (isSpooling(names.staging)) continue;
    const journal = readSwapJournal(names.journal);
    if (journal !== null) {
      await finishSwap(target, zipPath, names, journal);
      continue;
    }
    await removeEntry(names.staging);
    await removeEntry(`${names.journal}.part`);
    // Not a journal we wrote (we write a file by rename); whatever sits at that name is only removed.
    await removeEntry(names.journal);
    if (lstatOrNull(names.zipStaging)?.isDirectory() !== true) await removeEntry(names.zipStaging);
  }
}

interface StagingNames {
  staging: string;
  retired: string;
  zipStaging: string;
  journal: string;
}

function stagingNames(target: string, zipPath: string, pid: number): StagingNames {
  const parent = dirname(target);
  const name = basename(target);
  return {
    staging: join(parent, `.${name}.tmp-${pid}`),
    retired: join(parent, `.${name}.old-${pid}`),
    zipStaging: zipStagingName(zipPath, pid),
    journal: join(parent, `.${name}.swap-${pid}`),
  };
}

/** Legacy journal contents: where the staged zip goes (absent without --offline). */
interface Journal {
  zip?: string;
}

/**
 * Finishes or undoes what dead builds of older versions (and this process, if it reused a dead
 * one's pid) left beside `target`. Builds still running (live pid) are left alone.
 */
export async function recoverLegacy(target: string, zipPath: string): Promise<void> {
  for (const pid of stalePids(target)) {
    const names = stagingNames(target, zipPath, pid);
    const journal = readJournal(names.journal);
    if (journal !== null) await rollForward(target, zipPath, names, journal);
    else await discard(target, names);
  }
}

async function rollForward(target: string, zipPath: string, names: StagingNames, journal: Journal): Promise<void> {
  if (isDir(names.staging)) {
    if (isDir(target) && lstatOrNull(names.retired) === null) renameIfThere(target, names.retired);
    if (lstatOrNull(target) === null) renameIfThere(names.staging, target);
  }
  // Only to the zip this build would write: a planted journal cannot aim the rename elsewhere.
  if (journal.zip === zipPath && isFile(names.zipStaging)) renameIfThere(names.zipStaging, zipPath);
  await removeEntry(names.staging);
  await removeEntry(names.zipStaging);
  await removeEntry(names.retired);
  await removeEntry(names.journal);
}

async function discard(target: string, names: StagingNames): Promise<void> {
  // Only a real folder is ever put back; a link of that name is just removed below.
  if (lstatOrNull(target) === null && isDir(names.retired)) renameIfThere(names.retired, target);
  await removeEntry(names.staging);
  await removeEntry(names.retired);
  // Not a journal we wrote (we write a file); a link or folder of that name is only removed.
  await removeEntry(names.journal);
}

/** The pids of dead builds that left a legacy staging name beside `target` (zip staging: recoverInside). */
function stalePids(target: string): number[] {
  const pids = new Set<number>();
  const scan = (dir: string, prefixes: string[]): void => {
    for (const entry of readdirOrEmpty(dir)) {
      for (const prefix of prefixes) {
        const pid = entry.startsWith(prefix) ? entry.slice(prefix.length) : '';
        if (/^[1-9]\d{0,9}$/.test(pid) && !isAlive(Number(pid))) pids.add(Number(pid));
      }
    }
  };
  const name = basename(target);
  scan(
    dirname(target),
    ['tmp', 'old', 'swap'].map((kind) => `.${name}.${kind}-`),
  );
  return [...pids].sort((a, b) => a - b);
}

function readJournal(file: string): Journal | null {
  if (!isFile(file)) return null;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null) return {};
    const zip = (data as { zip?: unknown }).zip;
    return typeof zip === 'string' ? { zip } : {};
  } catch {
    // A journal is written in one small write; an unreadable one still means "swap began".
    return {};
  }
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A rename another build's recovery may have done first (both read the same dead build's names). */
function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

function isDir(path: string): boolean {
  return lstatOrNull(path)?.isDirectory() === true;
}

function isFile(path: string): boolean {
  return lstatOrNull(path)?.isFile() === true;
}
