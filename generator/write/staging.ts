/**
 * The names a build stages under, beside the output folder `NAME` (and its zip `NAME.zip`), and
 * how the next build recovers what a killed build left behind. Per process id P:
 *   .NAME.tmp-P      the new folder, complete once the journal exists
 *   .NAME.zip.tmp-P  the new zip, complete once the journal exists
 *   .NAME.swap-P     the journal: written after both are complete, removed last; it holds the zip's
 *                    final path (the zip may live elsewhere when --out was a link)
 *   .NAME.old-P      the previous output folder, moved aside during the swap
 * A build that died before writing its journal never touched the output: its staging names are
 * removed (and a `.old-P` without a journal, left by older versions of this tool, is put back if
 * the output is missing). A build that died after writing it had everything ready: its swap is
 * finished (rolled forward), so folder and zip always come from the same build.
 * Every name is checked with lstat: a link planted under one of these names is removed as a link,
 * never followed, and never taken for a folder or zip of ours.
 */
import { readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { lstatOrNull, removeEntry } from './remove.js';

export interface StagingNames {
  staging: string;
  retired: string;
  zipStaging: string;
  journal: string;
}

export function stagingNames(target: string, zipPath: string, pid: number): StagingNames {
  const parent = dirname(target);
  const name = basename(target);
  return {
    staging: join(parent, `.${name}.tmp-${pid}`),
    retired: join(parent, `.${name}.old-${pid}`),
    zipStaging: join(dirname(zipPath), `.${basename(zipPath)}.tmp-${pid}`),
    journal: join(parent, `.${name}.swap-${pid}`),
  };
}

/** Journal contents: where the staged zip goes (absent without --offline). */
export interface Journal {
  zip?: string;
}

/**
 * Finishes or undoes what dead builds (and this process, if it reused a dead one's pid) left
 * beside `target`. Builds still running (live pid) are left alone.
 */
export async function recoverStale(target: string, zipPath: string): Promise<void> {
  for (const pid of stalePids(target, zipPath)) {
    const names = stagingNames(target, zipPath, pid);
    const journal = readJournal(names.journal);
    if (journal !== null) await rollForward(target, zipPath, names, journal);
    else await discard(target, names);
  }
}

async function rollForward(target: string, zipPath: string, names: StagingNames, journal: Journal): Promise<void> {
  if (isDir(names.staging)) {
    if (isDir(target) && lstatOrNull(names.retired) === null) renameSync(target, names.retired);
    if (lstatOrNull(target) === null) renameSync(names.staging, target);
  }
  // Only to the zip this build would write: a planted journal cannot aim the rename elsewhere.
  if (journal.zip === zipPath && isFile(names.zipStaging)) renameSync(names.zipStaging, zipPath);
  await removeEntry(names.staging);
  await removeEntry(names.zipStaging);
  await removeEntry(names.retired);
  await removeEntry(names.journal);
}

async function discard(target: string, names: StagingNames): Promise<void> {
  // Only a real folder is ever put back; a link of that name is just removed below.
  if (lstatOrNull(target) === null && isDir(names.retired)) renameSync(names.retired, target);
  await removeEntry(names.staging);
  if (lstatOrNull(names.zipStaging)?.isDirectory() !== true) await removeEntry(names.zipStaging);
  await removeEntry(names.retired);
  // Not a journal we wrote (we write a file); a link or folder of that name is only removed.
  await removeEntry(names.journal);
}

/** The pids of dead builds that left a staging name for `target` or its zip. */
function stalePids(target: string, zipPath: string): number[] {
  const pids = new Set<number>();
  const scan = (dir: string, prefixes: string[]): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
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
  scan(dirname(zipPath), [`.${basename(zipPath)}.tmp-`]);
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

/** Removes this build's own journal last: until then a crash is rolled forward. */
export function removeJournal(file: string): void {
  if (lstatOrNull(file) !== null) unlinkSync(file);
}

function isDir(path: string): boolean {
  return lstatOrNull(path)?.isDirectory() === true;
}

function isFile(path: string): boolean {
  return lstatOrNull(path)?.isFile() === true;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
