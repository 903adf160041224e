/**
 * Rendering one version of a multi-version site: the same `renderModelFiles` as a single-version
 * build, with the version context added and every file moved under the version's prefix. A job is
 * plain data so that it can run in a worker thread (./pool.ts) or inline.
 */
import { renderModelFiles, type BuildOptions, type RenderShared } from '../build.js';
import type { ApiModel } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import type { RenderOptions } from '../render/site-context.js';
import { versionContext, type VersionContextData } from './context.js';

export interface VersionJob {
  index: number;
  model: ApiModel;
  /** This version's build options (its schema, label and, for a hosted site, its own base URL). */
  options: BuildOptions;
  context: VersionContextData;
}

export function renderVersion(job: VersionJob, shared?: RenderShared): OutputFile[] {
  const prefix = job.context.prefixes[job.index]!;
  const extra: Partial<RenderOptions> = { versions: versionContext(job.context, job.index) };
  if (job.options.baseUrl !== undefined) extra.baseUrl = job.options.baseUrl;
  return renderModelFiles(job.model, job.options, { shared, extra }).map((f) => ({ file: prefix + f.file, content: f.content }));
}
