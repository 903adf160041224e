/**
 * Worker thread of the multi-version build (./pool.ts). Two kinds of jobs: load a schema into a
 * model (load, validate, dereference, normalize), and render a version. Templates and assets are
 * read once per thread for all the versions it renders.
 */
import { parentPort } from 'node:worker_threads';
import { loadModel, type ModelOptions, type Phase, type RenderShared } from '../build.js';
import { createLogger } from '../log.js';
import { siteAssets } from '../render/assets.js';
import { loadTemplates } from '../render/templates.js';
import { renderVersion, type VersionJob } from './render.js';

export type WorkerTask = { kind: 'load'; options: ModelOptions } | { kind: 'render'; job: VersionJob };
export type WorkerRequest = WorkerTask & { id: number };

let shared: RenderShared | undefined;

parentPort?.on('message', (message: WorkerRequest) => {
  void handle(message).then(
    (result) => parentPort!.postMessage({ id: message.id, result }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      parentPort!.postMessage({ id: message.id, error: { message: e.message, stack: e.stack ?? '' } });
    },
  );
});

async function handle(message: WorkerRequest): Promise<unknown> {
  if (message.kind === 'load') {
    // Warnings go back to the main thread, which prints them in version order.
    const log = createLogger({ quiet: true, write: () => undefined });
    const timings: Partial<Record<Phase, number>> = {};
    const { model } = await loadModel(message.options, log, timings);
    return { model, warnings: [...log.warnings], timings };
  }
  shared ??= { assets: siteAssets(), templates: loadTemplates(message.job.options.templates) };
  return renderVersion(message.job, shared);
}
