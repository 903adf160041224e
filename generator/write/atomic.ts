/**
 * Write stage: the new output is written completely under a staging folder inside the output
 * folder DIR (and, for --offline, its zip beside DIR), then swapped in, root entry by root entry,
 * with renames (swap.ts). DIR itself is kept (inode, mode, owner, group), and nothing in it that
 * the previous build did not write is removed (its record, record.ts; collisions: plan.ts). One
 * build at a time writes into a folder (lock.ts); what a killed build left is finished or removed
 * by the next one (staging.ts), so the output is always the previous or the new one, folder and
 * zip from the same build. Only our own previous build is ever written into (guard.ts), and
 * nothing is ever removed through a symbolic link (remove.ts).
 */
import { mkdirSync, rmdirSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { isSpooled, type OutputFile, SpooledContent } from '../output-file.js';
import { folderName, guardInputs, guardPageSizes, guardTarget, guardZip, resolveTarget } from './guard.js';
import { checkInterrupt, exitInterrupted, handleInterrupts, Interrupted, receivedSignal, setBusy, setWritten } from './interrupt.js';
import { acquireLock } from './lock.js';
import { planWrite } from './plan.js';
import { INTERNAL_PREFIX, isSafeRelative, RECORD_FILE, recordContent } from './record.js';
import { inParallel, lstatOrNull, removeEntry } from './remove.js';
import { crashPoint } from './crash-point.js';
import { SPOOL_FOLDER } from './spool.js';
import { recoverInside, recoverLegacy, zipStagingName } from './staging.js';
import { type Journal, rollBack, rollForward, type SwapNames, swapNames, writeJournal } from './swap.js';
import { holdsExactly, sameBytes } from './unchanged.js';
import { zipPathFor } from './zip.js';

export interface WriteOptions {
  /** Also write the offline zip `<target>.zip`: its bytes, given the folder name the entries go below. */
  zip?: (folder: string) => Buffer;
  /** Local files the build read (schema, formats, templates, logo): refused when inside the target. */
  inputs?: readonly string[];
  /** Overwrite files at the paths this build writes that the previous build did not write (--force). */
  force?: boolean;
}

export interface WriteResult {
  /** The folder written (an --out that is a link resolved). */
  target: string;
  zip?: { path: string; bytes: number };
  /** The folder (and zip) already held exactly this build: nothing was written (unchanged.ts). */
  unchanged?: true;
}

/** Steps a test can crash at (PVE_APIDOC_TEST_CRASH_AT=kill:STEP, fail:STEP, sigint:STEP or sigterm:STEP); see crash-point.ts. */
export const STEPS = ['writing', 'staged', 'zip-staged', 'journal', 'retired', 'swapped', 'zipped', 'carried', 'cleaned'] as const;

/**
 * The checks writeOutput starts with, for a build to run first: a folder it would refuse to write
 * into is refused before any work (and before any warning about the schema).
 */
export function checkOutput(outDir: string, options: { zip: boolean; inputs?: readonly string[] }): void {
  const target = resolveTarget(outDir);
  guardTarget(target);
  guardInputs(target, options.inputs ?? []);
  if (options.zip) guardZip(zipPathFor(target), folderName(zipPathFor(target)));
}

export async function writeOutput(outDir: string, files: OutputFile[], options: WriteOptions = {}): Promise<WriteResult> {
  const target = resolveTarget(outDir);
  const zipPath = zipPathFor(target);
  const checkTarget = (): void => checkOutput(target, { zip: options.zip !== undefined, inputs: options.inputs ?? [] });
  checkTarget();
  guardPageSizes(files);
  const staged = checkNames(files);
  const closeInterrupts = handleInterrupts(target);
  try {
    mkdirSync(dirname(target), { recursive: true });
    // Older versions staged beside the folder; finished or undone first, as they would have been.
    await recoverLegacy(target, zipPath);
    const created = makeFolder(target);
    try {
      return await writeWithLock(target, () => writeLocked(target, zipPath, outDir, staged, options, checkTarget));
    } finally {
      // A first build that failed (taking the lock included: ENOSPC) leaves no empty folder behind.
      if (created) rmdirIfEmpty(target);
    }
  } catch (error) {
    if (error instanceof Interrupted) exitInterrupted(error.signal, target, error.committed);
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write output to ${target}: ${(error as Error).message}`, { cause: error });
  } finally {
    closeInterrupts();
  }
}

/** Runs `work` holding the lock of `target` (lock.ts), marked busy for the signal handler meanwhile. */
async function writeWithLock<T>(target: string, work: () => Promise<T>): Promise<T> {
  // Busy while taking the lock too: a signal then is acted on between attempts (acquireLock), not
  // in the middle of one, which would leave the lock's temporary name behind.
  setBusy(true);
  try {
    const lock = await acquireLock(target);
    try {
      return await work();
    } finally {
      lock.release();
    }
  } finally {
    setBusy(false);
  }
}

async function writeLocked(
  target: string,
  zipPath: string,
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOptions,
  checkTarget: () => void,
): Promise<WriteResult> {
  const paths = files.map((f) => f.file);
  await recoverInside(target, zipPath);
  // Recovery may have finished a swap: the folder must pass the same checks.
  checkTarget();
  const plan = planWrite(target, [...paths, RECORD_FILE], options.force === true);
  const names = swapNames(target, zipStagingName(zipPath, process.pid), process.pid);
  let zipBytes: number | undefined;
  const journal: Journal = {
    swap: [...new Set([...paths, RECORD_FILE].map((p) => p.split('/')[0] ?? p))].sort(),
    replaceable: [...plan.replaceable].sort(),
    ...(options.zip ? { zip: zipPath } : {}),
  };
  // The folder already holds this build: nothing to write. The zip, made here only then, is compared too.
  const same = holdsExactly(target, files, plan.replaceable);
  const zipMade = same && options.zip ? options.zip(folderName(zipPath)) : undefined;
  // Report the zip as the user named the folder, unless --out was a link resolved to elsewhere.
  const shownZip = target === resolve(outDir) ? zipPathFor(outDir) : zipPath;
  if (same && (zipMade === undefined || sameBytes(zipPath, zipMade))) {
    // Spooled files (spool.ts) sit in our staging folder: not needed after all.
    if (files.some(isSpooled)) await removeEntry(names.staging);
    return { target, unchanged: true, ...(zipMade !== undefined ? { zip: { path: shownZip, bytes: zipMade.length } } : {}) };
  }
  try {
    // The zip is made before the tree: spooled files (spool.ts) are read where they are, before
    // writeTree moves them to their names.
    const bytes = options.zip ? (zipMade ?? options.zip(folderName(zipPath))) : undefined;
    await writeTree(names.staging, files);
    crashPoint('staged');
    if (bytes !== undefined) {
      checkInterrupt();
      // 'wx': never through whatever may sit at this name (recovery removed ours; a new one is refused).
      await writeFile(names.zipStaging, bytes, { flag: 'wx' });
      zipBytes = bytes.length;
      crashPoint('zip-staged');
    }
    checkInterrupt();
    await writeJournal(names, journal);
    crashPoint('journal');
  } catch (error) {
    await discardOwn(names);
    throw error;
  }
  await swap(target, zipPath, names, journal);
  return { target, ...(zipBytes !== undefined ? { zip: { path: shownZip, bytes: zipBytes } } : {}) };
}

/**
 * The renames, then the carry-over and clean-up (swap.ts rollForward). The zip's rename is the
 * commit point: a failure before it is undone (the previous entries and zip are back), a failure
 * or signal after it leaves the new output complete, and the journal for the next build if
 * anything is left to finish.
 */
async function swap(target: string, zipPath: string, names: SwapNames, journal: Journal): Promise<void> {
  let committed = false;
  try {
    await rollForward(target, zipPath, names, journal, (step) => {
      if (step === 'zipped') {
        committed = true;
        setWritten();
      }
      crashPoint(step);
      if (!committed) checkInterrupt();
    });
  } catch (error) {
    const reason = (error as Error).message;
    if (committed) {
      if (error instanceof OutputError) throw error;
      throw new OutputError(`wrote ${target}, but then failed: ${reason} (the next build finishes the clean-up)`, { cause: error });
    }
    try {
      await rollBack(target, names, journal);
    } catch {
      // The journal stays: the next build finishes this swap (staging.ts); nothing is lost meanwhile.
      throw new OutputError(`cannot replace ${target}: ${reason}; the next build completes the swap`, { cause: error });
    }
    await discardOwn(names);
    if (error instanceof Interrupted) throw error;
    throw new OutputError(`cannot replace ${target}: ${reason}`, { cause: error });
  }
  const signal = receivedSignal();
  if (signal !== null) throw new Interrupted(signal, true);
}

async function discardOwn(names: SwapNames): Promise<void> {
  await removeEntry(names.staging);
  await removeEntry(names.zipStaging);
  await removeEntry(`${names.journal}.part`);
  await removeEntry(names.journal);
}

/** The output files with forward-slash names, checked: inside the folder, none of the write stage's own names. */
function checkNames(files: readonly OutputFile[]): OutputFile[] {
  return files.map(({ file, content }) => {
    const name = file.split(sep).join('/');
    if (name === RECORD_FILE || name.startsWith(INTERNAL_PREFIX))
      throw new OutputError(`refusing to write ${file}: the name is the write stage's own`);
    if (!isSafeRelative(name)) throw new OutputError(`refusing to write outside the output folder: ${file}`);
    return { file: name, content };
  });
}

async function writeTree(root: string, files: readonly OutputFile[]): Promise<void> {
  const spooled = files.some(isSpooled);
  // Not recursive: the staging folder must be new (recovery removed any of ours, links included),
  // unless the spool made it, as this process, for the files it holds (spool.ts).
  if (!spooled) await mkdir(root);
  else if (lstatOrNull(root)?.isDirectory() !== true) throw new OutputError(`the staging folder ${root} is gone`);
  const dirs = new Set<string>();
  for (const { file } of files) dirs.add(dirname(join(root, file)));
  dirs.delete(root);
  // Deepest folders only: `recursive` creates their parents; sorted for a repeatable order.
  const leaves = [...dirs].sort().filter((d, i, all) => !(all[i + 1]?.startsWith(d + sep) ?? false));
  await inParallel(leaves, (dir) => mkdir(dir, { recursive: true }));
  const write = ({ file, content }: OutputFile): Promise<void> => {
    checkInterrupt();
    // A spooled file is already in the staging folder: moved to its name, not written again.
    return content instanceof SpooledContent ? rename(content.path, join(root, file)) : writeFile(join(root, file), content);
  };
  const half = Math.floor(files.length / 2);
  await inParallel(files.slice(0, half), write);
  crashPoint('writing');
  await inParallel(files.slice(half), write);
  // What is left in the spool (files a layout dropped after they were made) is not part of the site.
  if (spooled) await removeEntry(join(root, SPOOL_FOLDER));
  await writeFile(join(root, RECORD_FILE), recordContent(files.map((f) => f.file)));
}

/** Creates the output folder if it is missing; true when this build created it (another may at the same time). */
function makeFolder(dir: string): boolean {
  if (lstatOrNull(dir) !== null) return false;
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function rmdirIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (a build wrote into it, or the user did): kept.
  }
}
