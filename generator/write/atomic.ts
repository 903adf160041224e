/**
 * Write stage: all output goes into a fresh folder beside the target, which then replaces the
 * target in two renames. A build that fails at any point before the swap leaves the previous
 * output exactly as it was; a leftover staging folder from a killed build is removed next time.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import type { OutputFile } from '../render/pages.js';

/** The marker file that identifies a folder as ours, so we never replace someone's other folder. */
export const MARKER = 'manifest.json';

export function writeOutput(outDir: string, files: OutputFile[]): void {
  const target = resolve(outDir);
  guardTarget(target);
  const parent = dirname(target);
  const staging = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const retired = join(parent, `.${basename(target)}.old-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    removeStale(parent, basename(target));
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const made = new Set<string>();
    for (const { file, content } of files) {
      const full = join(staging, file);
      if (!full.startsWith(staging + sep)) throw new OutputError(`refusing to write outside the output folder: ${file}`);
      const dir = dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, content);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write output to ${target}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
  } catch (error) {
    // Put the previous output back if the second rename failed.
    if (!existsSync(target) && existsSync(retired)) renameSync(retired, target);
    rmSync(staging, { recursive: true, force: true });
    throw new OutputError(`cannot replace ${target}: ${(error as Error).message}`, { cause: error });
  }
  rmSync(retired, { recursive: true, force: true });
}

/** Refuse to replace a folder that is not empty and not a previous pve-apidoc output. */
function guardTarget(target: string): void {
  if (target === dirname(target)) throw new OutputError(`refusing to use the file-system root as output`);
  if (target === resolve(process.cwd()) || resolve(process.cwd()).startsWith(target + sep)) {
    throw new OutputError(`refusing to replace ${target}: it is the current folder or contains it`);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new OutputError(`output ${target} exists and is not a folder`);
  const entries = readdirSync(target);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new OutputError(`refusing to replace ${target}: it is not empty and has no ${MARKER} of a previous build (pick an empty or new folder)`);
  }
}

function removeStale(parent: string, name: string): void {
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.old-`)) {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}
