/**
 * Runs the render jobs of a multi-version build: in worker threads (one per core, at most one per
 * version) when the compiled worker is available, else inline. Rendering is CPU-bound and the
 * versions are independent, so on two cores five versions take about half the time. The result
 * does not depend on which thread rendered what: files are sorted by the caller.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderShared } from '../build.js';
import type { OutputFile } from '../render/pages.js';
import { renderVersion, type VersionJob } from './render.js';

/** The worker script beside this module; only present when running the compiled code (lib/). */
const WORKER = new URL('./worker.js', import.meta.url);

export function workerCount(jobs: number, requested?: number): number {
  const wanted = requested ?? availableParallelism();
  if (wanted <= 1 || jobs <= 1) return 0;
  if (!existsSync(fileURLToPath(WORKER))) return 0;
  return Math.min(wanted, jobs);
}

export async function renderJobs(jobs: VersionJob[], shared: () => RenderShared, workers: number): Promise<OutputFile[][]> {
  const results: OutputFile[][] = new Array<OutputFile[]>(jobs.length);
  if (workers === 0) {
    const s = shared();
    jobs.forEach((job, i) => (results[i] = renderVersion(job, s)));
    return results;
  }
  // Largest first, so that the last job to start is a small one.
  const queue = jobs.map((job, i) => i).sort((a, b) => jobs[b]!.model.stats.operations - jobs[a]!.model.stats.operations || a - b);
  const threads = Array.from({ length: workers }, () => new Worker(WORKER));
  try {
    await Promise.all(
      threads.map(async (thread) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          results[next] = await runOn(thread, next, jobs[next]!);
        }
      }),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}

function runOn(thread: Worker, id: number, job: VersionJob): Promise<OutputFile[]> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
    };
    const onMessage = (message: { id: number; files?: OutputFile[]; error?: { message: string; stack: string } }): void => {
      if (message.id !== id) return;
      cleanup();
      if (message.error) {
        const error = new Error(`rendering version ${job.options.version ?? id}: ${message.error.message}`);
        error.stack = message.error.stack;
        reject(error);
        return;
      }
      // Buffers arrive as plain Uint8Arrays: wrap them again without copying.
      resolve(
        message.files!.map((f) => ({
          file: f.file,
          content: typeof f.content === 'string' ? f.content : Buffer.from(f.content.buffer, f.content.byteOffset, f.content.byteLength),
        })),
      );
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
    thread.postMessage({ id, job });
  });
}
