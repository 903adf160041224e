/**
 * Worker thread of the multi-version build (./pool.ts). Two kinds of jobs: load a schema into a
 * model (load, validate, dereference, normalize), and render a version. Templates and assets are
 * read once per thread for all the versions it renders.
 */
import { parentPort } from 'node:worker_threads';
import { loadModel, type ModelOptions, type RenderShared } from '../build.js';
import type { Phase } from '../build-result.js';
import { createLogger } from '../log.js';
import { siteAssets } from '../render/assets.js';
import { loadTemplates } from '../render/templates.js';
import { byteLength, contentBytes, type OutputFile } from '../output-file.js';
import { renderVersion, type VersionJob } from './render.js';

export type WorkerTask = { kind: 'load'; options: ModelOptions } | { kind: 'render'; job: VersionJob };
export type WorkerRequest = WorkerTask & { id: number };

let shared: RenderShared | undefined;

/**
 * A rendered version as one transferable block: the files' UTF-8 bytes back to back, and their
 * names and sizes. Moving one ArrayBuffer costs nothing; cloning ~16 MB of strings per version
 * (and encoding them again for the write) cost the main thread more than the rendering saved.
 */
export interface PackedFiles {
  names: string[];
  sizes: number[];
  bytes: ArrayBuffer;
}

function pack(files: OutputFile[]): PackedFiles {
  const sizes = files.map((f) => byteLength(f.content));
  const block = Buffer.allocUnsafeSlow(sizes.reduce((n, size) => n + size, 0));
  let offset = 0;
  files.forEach((f, i) => {
    if (typeof f.content === 'string') block.write(f.content, offset);
    else contentBytes(f.content).copy(block, offset);
    offset += sizes[i]!;
  });
  return { names: files.map((f) => f.file), sizes, bytes: block.buffer as ArrayBuffer };
}

parentPort?.on('message', (message: WorkerRequest) => {
  void handle(message).then(
    (result) => parentPort!.postMessage({ id: message.id, result }, isPacked(result) ? [result.bytes] : []),
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
  return pack(renderVersion(message.job, shared));
}

function isPacked(value: unknown): value is PackedFiles {
  return typeof value === 'object' && value !== null && (value as { bytes?: unknown }).bytes instanceof ArrayBuffer;
}
