/**
 * Ctrl-C (SIGINT) and SIGTERM during a build. Before the write stage has anything on disk the
 * process just says so and exits (130 / 143, the shell's codes for those signals). While it
 * stages, the signal is noted and the write stage stops at its next step, removes its own staging
 * (never the previous output), releases the lock and then exits the same way; after the commit
 * point it finishes the swap first. A second signal exits at once: what is left is what a kill
 * leaves, and the next build recovers it (staging.ts).
 */
import { printable } from '../text/printable.js';

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type Signal = keyof typeof CODES;

/** Thrown through the write stage when a signal came; `committed`: the new output was already in place. */
export class Interrupted extends Error {
  constructor(
    readonly signal: Signal,
    readonly committed = false,
  ) {
    super(`interrupted by ${signal}`);
  }
}

interface Scope {
  target: string;
  /** True while the write stage has something to clean up or finish. */
  busy: boolean;
  received: Signal | null;
  /** True once the new output is in place: a later signal says so. */
  written: boolean;
  depth: number;
  handler: (signal: Signal) => void;
  /** Removes what the build put on disk before the write stage took over (spool.ts); run before exiting. */
  cleanup: (() => void) | null;
}

let scope: Scope | null = null;

/**
 * Handles the two signals until the returned function is called (nested calls share one scope:
 * build() opens one for the whole build, writeOutput its own for library callers).
 */
export function handleInterrupts(target: string): () => void {
  if (scope !== null) {
    scope.depth++;
    return close;
  }
  const handler = (signal: Signal): void => {
    if (scope === null) return;
    if (scope.received !== null) exitInterrupted(signal, scope.target, false, true);
    if (!scope.busy) exitInterrupted(signal, scope.target, scope.written);
    scope.received = signal;
  };
  scope = { target, busy: false, received: null, written: false, depth: 1, handler, cleanup: null };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return close;
}

function close(): void {
  if (scope === null) return;
  if (--scope.depth > 0) return;
  process.off('SIGINT', scope.handler);
  process.off('SIGTERM', scope.handler);
  scope = null;
}

/** Marks the write stage as holding staging or the lock (busy) or not. */
export function setBusy(busy: boolean): void {
  if (scope !== null) scope.busy = busy;
}

/** What a signal removes before the process exits (spool.ts: the spooled files), or null for nothing. */
export function setInterruptCleanup(cleanup: (() => void) | null): void {
  if (scope !== null) scope.cleanup = cleanup;
}

/** Marks the new output as in place (the swap committed). */
export function setWritten(): void {
  if (scope !== null) scope.written = true;
}

/** Throws Interrupted when a signal came: called between the write stage's steps and writes. */
export function checkInterrupt(): void {
  if (scope?.received) throw new Interrupted(scope.received);
}

/** The signal received so far, if any (the write stage exits with it once it has cleaned up). */
export function receivedSignal(): Signal | null {
  return scope?.received ?? null;
}

/**
 * One line, then the signal's exit code. `committed`: the new output was in place; `cutShort`: a
 * second signal stopped the clean-up (what is left is recovered by the next build, like a kill).
 */
export function exitInterrupted(signal: Signal, target: string, committed = false, cutShort = false): never {
  // Our own staging only (its files were renamed out of it if the swap committed).
  if (!cutShort) scope?.cleanup?.();
  const what = cutShort
    ? `the next build finishes or removes what this one left in ${target}`
    : committed
      ? `the new output in ${target} is complete`
      : `the previous output in ${target} is unchanged`;
  process.stderr.write(`pve-apidoc: interrupted; ${printable(what)}\n`);
  process.exit(CODES[signal]);
}
