/**
 * Write stage: the new output (folder, and for --offline its zip) is written completely under
 * staging names beside the target, then swapped in with renames. The previous output stays
 * complete until the swap, and a build killed at any point leaves either the previous or the new
 * output, folder and zip from the same build (see staging.ts for the names and the recovery the
 * next build does). Only our own previous build is ever replaced (guard.ts), and nothing is ever
 * removed through a symbolic link (remove.ts).
 */
import { mkdirSync, renameSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import type { OutputFile } from '../output-file.js';
import { folderName, guardInputs, guardPageSizes, guardTarget, guardZip, resolveTarget } from './guard.js';
import { inParallel, lstatOrNull, removeEntry } from './remove.js';
import { recoverStale, removeJournal, stagingNames, type StagingNames } from './staging.js';
import { zipPathFor } from './zip.js';

export interface WriteOptions {
  /** Also write the offline zip `<target>.zip`: its bytes, given the folder name the entries go below. */
  zip?: (folder: string) => Buffer;
  /** Local files the build read (schema, formats, templates, logo): refused when inside the target. */
  inputs?: readonly string[];
}

export interface WriteResult {
  /** The folder written (an --out that is a link resolved). */
  target: string;
  zip?: { path: string; bytes: number };
}

/** Steps a test can crash at (PVE_APIDOC_TEST_CRASH_AT=kill:STEP or fail:STEP); see crashPoint. */
export const STEPS = ['writing', 'staged', 'zip-staged', 'journal', 'retired', 'swapped', 'zipped', 'cleaned'] as const;
export type Step = (typeof STEPS)[number];

/**
 * The checks writeOutput starts with, for a build to run first: a folder it would refuse to replace
 * is refused before any work (and before any warning about the schema).
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
  const names = stagingNames(target, zipPath, process.pid);
  let zipBytes: number | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    await recoverStale(target, zipPath);
    // Recovery may have put a previous folder back: it must pass the same checks.
    checkTarget();
    await writeTree(names.staging, files);
    crashPoint('staged');
    if (options.zip) {
      const bytes = options.zip(folderName(zipPath));
      // 'wx': never through whatever may sit at this name (recovery removed ours; a new one is refused).
      await writeFile(names.zipStaging, bytes, { flag: 'wx' });
      zipBytes = bytes.length;
      crashPoint('zip-staged');
    }
    await writeFile(names.journal, JSON.stringify(options.zip ? { zip: zipPath } : {}), { flag: 'wx' });
    crashPoint('journal');
  } catch (error) {
    await discardOwn(names);
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write output to ${target}: ${(error as Error).message}`, { cause: error });
  }
  await swap(target, zipPath, names, options.zip !== undefined);
  // Report the zip as the user named the folder, unless --out was a link resolved to elsewhere.
  const shownZip = target === resolve(outDir) ? zipPathFor(outDir) : zipPath;
  return { target, ...(zipBytes !== undefined ? { zip: { path: shownZip, bytes: zipBytes } } : {}) };
}

/**
 * The renames: previous folder aside, new folder in, new zip in; then the previous folder removed.
 * The last rename is the commit point: a failure before it is undone (the previous folder and zip
 * are back), a failure after it leaves the new output in place and the journal for the next build.
 */
async function swap(target: string, zipPath: string, names: StagingNames, withZip: boolean): Promise<void> {
  const hadPrevious = lstatOrNull(target) !== null;
  let retired = false;
  let swapped = false;
  let committed = false;
  try {
    if (hadPrevious) renameSync(target, names.retired);
    retired = hadPrevious;
    crashPoint('retired');
    renameSync(names.staging, target);
    swapped = true;
    committed = !withZip;
    crashPoint('swapped');
    if (withZip) renameSync(names.zipStaging, zipPath);
    committed = true;
    crashPoint('zipped');
    await removeEntry(names.retired);
    crashPoint('cleaned');
  } catch (error) {
    const reason = (error as Error).message;
    if (committed) {
      throw new OutputError(`wrote ${target}, but then failed: ${reason} (the next build removes what is left of the previous output)`, {
        cause: error,
      });
    }
    try {
      if (swapped) renameSync(target, names.staging);
      if (retired) renameSync(names.retired, target);
    } catch {
      // The journal stays: the next build finishes this swap (staging.ts); nothing is lost meanwhile.
      throw new OutputError(`cannot replace ${target}: ${reason}; the next build completes the swap`, { cause: error });
    }
    await discardOwn(names);
    throw new OutputError(`cannot replace ${target}: ${reason}`, { cause: error });
  }
  removeJournal(names.journal);
}

async function discardOwn(names: StagingNames): Promise<void> {
  await removeEntry(names.staging);
  await removeEntry(names.zipStaging);
  removeJournal(names.journal);
}

async function writeTree(root: string, files: OutputFile[]): Promise<void> {
  // Not recursive: the staging folder must be new (recovery removed any of ours, links included).
  await mkdir(root);
  const dirs = new Set<string>();
  for (const { file } of files) {
    const full = join(root, file);
    if (!full.startsWith(root + sep)) throw new OutputError(`refusing to write outside the output folder: ${file}`);
    dirs.add(dirname(full));
  }
  dirs.delete(root);
  // Deepest folders only: `recursive` creates their parents; sorted for a repeatable order.
  const leaves = [...dirs].sort().filter((d, i, all) => !(all[i + 1]?.startsWith(d + sep) ?? false));
  await inParallel(leaves, (dir) => mkdir(dir, { recursive: true }));
  const half = Math.floor(files.length / 2);
  await inParallel(files.slice(0, half), ({ file, content }) => writeFile(join(root, file), content));
  crashPoint('writing');
  await inParallel(files.slice(half), ({ file, content }) => writeFile(join(root, file), content));
}

/**
 * A test hook: PVE_APIDOC_TEST_CRASH_AT=kill:STEP kills the process (SIGKILL, nothing runs after)
 * at that step, fail:STEP throws there. It lets the test suite prove that a build dying at any
 * step leaves a complete output; it has no effect unless the variable is set.
 */
function crashPoint(step: Step): void {
  const hook = process.env.PVE_APIDOC_TEST_CRASH_AT;
  if (hook === undefined) return;
  if (hook === `kill:${step}`) process.kill(process.pid, 'SIGKILL');
  if (hook === `fail:${step}`) throw new Error(`injected failure at ${step}`);
}
