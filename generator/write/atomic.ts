/**
 * Write stage: all output goes into a fresh folder beside the target, which then replaces the
 * target in two renames. A build that fails at any point before the swap leaves the previous
 * output exactly as it was; a leftover staging folder from a killed build is removed next time.
 * Files are written and the retired output removed with many operations in flight: a site is
 * ~900 small files and folders, and one-at-a-time system calls dominated the stage.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import type { OutputFile } from '../output-file.js';

/** The marker file that identifies a folder as ours, so we never replace someone's other folder. */
export const MARKER = 'manifest.json';

/** Operations in flight at once; libuv's pool has 4 threads, a few more keeps it fed. */
const PARALLEL = 16;

export async function writeOutput(outDir: string, files: OutputFile[]): Promise<void> {
  const target = resolve(outDir);
  guardTarget(target);
  const parent = dirname(target);
  const staging = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  const retired = join(parent, `.${basename(target)}.old-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    await removeStale(parent, basename(target));
    await rm(staging, { recursive: true, force: true });
    await writeTree(staging, files);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write output to ${target}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
  } catch (error) {
    // Put the previous output back if the second rename failed.
    if (!existsSync(target) && existsSync(retired)) renameSync(retired, target);
    await rm(staging, { recursive: true, force: true });
    throw new OutputError(`cannot replace ${target}: ${(error as Error).message}`, { cause: error });
  }
  await removeTree(retired);
}

async function writeTree(root: string, files: OutputFile[]): Promise<void> {
  const dirs = new Set<string>();
  for (const { file } of files) {
    const full = join(root, file);
    if (!full.startsWith(root + sep)) throw new OutputError(`refusing to write outside the output folder: ${file}`);
    dirs.add(dirname(full));
  }
  // Deepest folders only: `recursive` creates their parents; sorted for a repeatable order.
  const leaves = [...dirs].sort().filter((d, i, all) => !(all[i + 1]?.startsWith(d + sep) ?? false));
  await inParallel(leaves, (dir) => mkdir(dir, { recursive: true }));
  await inParallel(files, ({ file, content }) => writeFile(join(root, file), content));
}

/** Removes a folder tree with many unlinks in flight (fs.rm recursive goes one entry at a time). */
async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = async (d: string): Promise<void> => {
    dirs.push(d);
    const entries = await readdir(d, { withFileTypes: true });
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      if (e.isDirectory()) subdirs.push(walk(join(d, e.name)));
      else files.push(join(d, e.name));
    }
    await Promise.all(subdirs);
  };
  await walk(dir);
  await inParallel(files, (f) => unlink(f));
  // Children before parents: deepest paths first.
  dirs.sort((a, b) => b.length - a.length);
  for (const d of dirs) await rmdir(d);
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
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
    throw new OutputError(
      `refusing to replace ${target}: it is not empty and has no ${MARKER} of a previous build (pick an empty or new folder)`,
    );
  }
}

/** Leftovers of builds that were killed; a concurrent build's staging folder (live pid) is left alone. */
async function removeStale(parent: string, name: string): Promise<void> {
  for (const entry of readdirSync(parent)) {
    const m = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(tmp|old)-(\\d+)$`).exec(entry);
    if (m && !isAlive(Number(m[2]))) await removeTree(join(parent, entry));
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
