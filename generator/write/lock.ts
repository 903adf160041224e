/**
 * One build at a time swaps into a folder: `DIR/.pve-apidoc-lock`, created with 'wx' and holding
 * the owner's pid. Builds render in parallel; the write stage (recovery, collision check, staging,
 * swap) runs under the lock. A second build waits a bounded time, then fails with exit 5 naming
 * the pid. A lock whose pid is dead (a killed build) is stale: it is taken over, carefully, since
 * several builds may find it stale at once (see breakStale).
 */
import { linkSync, readFileSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputError } from '../errors.js';
import { checkInterrupt } from './interrupt.js';
import { INTERNAL_PREFIX } from './record.js';
import { isMissing, lstatOrNull, unlinkIfThere } from './remove.js';

export const LOCK_FILE = `${INTERNAL_PREFIX}lock`;

/** How long a build waits for another one's write stage (the real PVE site's takes ~2 s). */
const WAIT_MS = 120_000;
const POLL_MS = 50;

/** Locks this process holds: a lock file with our own pid is live only if it is one of these. */
const held = new Set<string>();

export interface Lock {
  release(): void;
}

/** Takes the lock of `target` (a folder that exists), waiting for another build's up to the bound. */
export async function acquireLock(target: string): Promise<Lock> {
  const file = join(target, LOCK_FILE);
  // A test hook: PVE_APIDOC_TEST_LOCK_WAIT_MS shortens the wait so that the timeout can be tested.
  const hook = Number(process.env.PVE_APIDOC_TEST_LOCK_WAIT_MS);
  const waitMs = process.env.PVE_APIDOC_TEST_LOCK_WAIT_MS !== undefined && Number.isFinite(hook) && hook >= 0 ? hook : WAIT_MS;
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Ctrl-C while waiting: stop here, between attempts (interrupt.ts).
    checkInterrupt();
    // Same-process builds into one folder (library use) wait for each other like processes do.
    if (!held.has(file)) {
      if (await tryCreate(file)) {
        held.add(file);
        return { release: () => release(file) };
      }
      const owner = ownerOf(file);
      // Released between our attempt and the read: try again at once.
      if (owner === 'gone') continue;
      if (owner === 'foreign')
        throw new OutputError(`${file} is not a lock a pve-apidoc build made (not a regular file); remove it and run again`);
      if (owner === 'torn' || (owner !== null && !isAlive(owner))) {
        breakStale(file, owner);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OutputError(
          `another build (pid ${owner ?? 'unknown'}) is writing into ${target}; gave up waiting after ${Math.round(waitMs / 1000)} s: run again once it is done${owner === null ? '' : `, or remove ${file} if process ${owner} is not a pve-apidoc build`}`,
        );
      }
    }
    await sleep(POLL_MS);
  }
}

/**
 * Creates the lock with its content in one step: the pid is written to a file of our own, which
 * is then linked to the lock's name (fails if it exists). A lock is never seen empty.
 */
async function tryCreate(file: string): Promise<boolean> {
  const part = `${file}.new-${process.pid}`;
  try {
    // Inside the try: a write that fails (ENOSPC) has already created the file.
    await writeFile(part, `${process.pid}\n`);
    linkSync(part, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    unlinkIfThere(part);
  }
}

/** Removes our lock, only if the file is still ours (never another build's that took over a stale one). */
function release(file: string): void {
  held.delete(file);
  if (ownerOf(file) !== process.pid) return;
  unlinkIfThere(file);
}

/**
 * Takes a stale lock away under a name of our own, so that only one of several builds that found
 * it stale does; if what we took turns out to be a live build's fresh lock (it replaced the stale
 * one between our read and our rename), it is put back by link (never over a third one).
 */
function breakStale(file: string, deadPid: number | 'torn'): void {
  const mine = `${file}.break-${process.pid}`;
  try {
    renameSync(file, mine);
  } catch (error) {
    if (isMissing(error)) return; // another build broke it first
    throw error;
  }
  const taken = ownerOf(mine);
  if (taken !== deadPid && typeof taken === 'number' && isAlive(taken)) {
    try {
      linkSync(mine, file);
    } catch {
      // A third build holds the lock now; the one we took away is checked by its owner on release.
    }
  }
  unlinkIfThere(mine);
}

/**
 * The pid in the lock; 'gone' when there is no lock; 'torn' for a file holding no pid: never a
 * live build's (tryCreate links it complete), but what a power loss leaves of one (its data not yet
 * on disk) or a hand-made file, so stale; 'foreign' for a folder or link (no build made it: the
 * caller refuses it at once rather than wait); null when unreadable (waited for).
 */
function ownerOf(file: string): number | 'torn' | 'gone' | 'foreign' | null {
  const stat = lstatOrNull(file);
  if (stat === null) return 'gone';
  if (!stat.isFile()) return 'foreign';
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    return isMissing(error) ? 'gone' : null;
  }
  return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : 'torn';
}

/**
 * Whether a process runs with this pid (EPERM: it exists but is someone else's). Our own pid is
 * "dead": what this process left under its pid is from an earlier build of ours that failed
 * (builds into one folder run one after the other, see `held`).
 */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
