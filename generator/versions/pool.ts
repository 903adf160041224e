/**
 * The threads of a multi-version build: schemas are loaded and versions rendered in worker threads
 * (see workerCount; at most one per version) when the compiled worker is available and there
 * are cores to spare, else inline. Both are CPU-bound and independent per version. Threads start before
 * anything else, so that their start-up overlaps the first work. Results do not depend on which
 * thread did what: models come back in version order, warnings are printed in version order,
 * files are sorted by the caller. A schema that fails to load in a thread is loaded again on the
 * main thread, which raises the very error (and exit code) a single-version build would.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadModel, type ModelOptions, type RenderShared } from '../build.js';
import type { Phase } from '../build-result.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import { renderVersion, type VersionJob } from './render.js';
import type { PackedFiles, WorkerTask } from './worker.js';

/** The worker script beside this module; only present when running the compiled code (lib/). */
const WORKER = new URL('./worker.js', import.meta.url);

/**
 * How many threads for `jobs` versions. Each thread is a fresh isolate that loads the modules and
 * warms up the JIT on its own: about +1 s of CPU for five versions (measured on the project's
 * 2-core machine: 3.2 s user inline, 4.1 s with two threads, and the render phase 1.7 s inline
 * against 1.9 s threaded). So threads only by default where they can pay: at least 4 cores, with
 * cores to spare (1-minute load average at most cores - 1); otherwise inline.
 * PVE_APIDOC_WORKERS=N overrides the default; the output is byte-identical either way (tested).
 */
export function workerCount(jobs: number, requested?: number): number {
  const cores = availableParallelism();
  const fromEnv = Number.parseInt(process.env['PVE_APIDOC_WORKERS'] ?? '', 10);
  const wanted = requested ?? (Number.isFinite(fromEnv) ? fromEnv : cores >= 4 && (loadavg()[0] ?? 0) <= cores - 1 ? cores : 0);
  if (wanted <= 1 || jobs <= 1) return 0;
  if (!existsSync(fileURLToPath(WORKER))) return 0;
  return Math.min(wanted, jobs);
}

interface Task {
  request: WorkerTask;
  /** How big the task is, to start the big ones first. */
  weight: number;
}

export class RenderPool {
  private readonly threads: Worker[];
  /** Why a thread stopped early (start-up failure, crash), so that no task waits for it forever. */
  private readonly failures = new Map<Worker, Error>();
  private nextId = 0;

  constructor(workers: number) {
    this.threads = Array.from({ length: workers }, () => {
      const thread = new Worker(WORKER);
      thread.on('error', (error) => this.failures.set(thread, error));
      thread.on('exit', (code) => {
        if (!this.failures.has(thread)) this.failures.set(thread, new Error(`render worker exited with code ${code}`));
      });
      return thread;
    });
  }

  /** Loads every schema (in `options` order) into a model; warnings are logged in that order. */
  async load(options: ModelOptions[], log: Logger, timings: Partial<Record<Phase, number>>): Promise<ApiModel[]> {
    if (this.threads.length === 0) {
      const models: ApiModel[] = [];
      for (const o of options) models.push((await loadModel(o, log, timings)).model);
      return models;
    }
    type Loaded = { model: ApiModel; warnings: string[]; timings: Partial<Record<Phase, number>> } | null;
    const loaded = await this.runAll<Loaded>(
      options.map((o, i) => ({ request: { kind: 'load', options: o }, weight: i })),
      () => null,
    );
    const models: ApiModel[] = [];
    for (let i = 0; i < options.length; i++) {
      const result = loaded[i];
      if (!result) {
        // Failed in the thread: load here, for the real error (or, if it now works, the model).
        models.push((await loadModel(options[i]!, log, timings)).model);
        continue;
      }
      for (const warning of result.warnings) log.warn(warning);
      for (const [phase, ms] of Object.entries(result.timings) as [Phase, number][]) timings[phase] = (timings[phase] ?? 0) + ms;
      models.push(result.model);
    }
    return models;
  }

  /** Renders every job; `shared` is only used (and only created) when rendering inline. */
  async render(jobs: VersionJob[], shared: () => RenderShared): Promise<OutputFile[][]> {
    if (this.threads.length === 0) {
      const s = shared();
      return jobs.map((job) => renderVersion(job, s));
    }
    const packed = await this.runAll<PackedFiles>(
      jobs.map((job) => ({ request: { kind: 'render', job }, weight: job.model.stats.operations })),
      (error) => {
        throw error;
      },
    );
    // Each file is a view into its version's block: no copy.
    return packed.map(({ names, sizes, bytes }) => {
      let offset = 0;
      return names.map((file, i) => {
        const content = Buffer.from(bytes, offset, sizes[i]!);
        offset += sizes[i]!;
        return { file, content };
      });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }

  /** Runs tasks on the threads, heaviest first; `onError` turns a failed task into a result (or throws). */
  private async runAll<T>(tasks: Task[], onError: (error: Error) => T): Promise<T[]> {
    const results = new Array<T>(tasks.length);
    const queue = tasks.map((_, i) => i).sort((a, b) => tasks[b]!.weight - tasks[a]!.weight || a - b);
    await Promise.all(
      this.threads.map(async (thread) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          try {
            const failed = this.failures.get(thread);
            if (failed) throw failed;
            results[next] = await this.send<T>(thread, tasks[next]!.request);
          } catch (error) {
            results[next] = onError(error instanceof Error ? error : new Error(String(error)));
          }
        }
      }),
    );
    return results;
  }

  private send<T>(thread: Worker, request: WorkerTask): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
      };
      const onMessage = (message: { id: number; result?: T; error?: { message: string; stack: string } }): void => {
        if (message.id !== id) return;
        cleanup();
        if (message.error) {
          const error = new Error(message.error.message);
          error.stack = message.error.stack;
          reject(error);
        } else resolve(message.result as T);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`render worker exited with code ${code}`));
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      thread.postMessage({ ...request, id });
    });
  }
}
