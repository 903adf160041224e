/**
 * Worker thread of the multi-version build (./pool.ts): renders the versions it is sent, one
 * message per job, with one set of templates and assets for all of them.
 */
import { parentPort } from 'node:worker_threads';
import type { RenderShared } from '../build.js';
import { siteAssets } from '../render/assets.js';
import { loadTemplates } from '../render/templates.js';
import { renderVersion, type VersionJob } from './render.js';

let shared: RenderShared | undefined;

parentPort?.on('message', (message: { id: number; job: VersionJob }) => {
  try {
    shared ??= { assets: siteAssets(), templates: loadTemplates(message.job.options.templates) };
    const files = renderVersion(message.job, shared);
    parentPort!.postMessage({ id: message.id, files });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id: message.id, error: { message: e.message, stack: e.stack ?? '' } });
  }
});
