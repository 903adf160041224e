/**
 * The two grains for a multi-version build: each version's model, and each version's rendered
 * files (keyed by every version's model key too, since the switcher and the "since" notes read
 * them all). Misses go through the build's own loader and render pool.
 */
import type { ModelOptions } from '../build-options.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import type { VersionJob } from './render.js';
import { cachedModel, modelKey } from '../cache/model-cache.js';
import { renderKey, restoreFiles, storeFiles } from '../cache/render-cache.js';
import type { CacheStore } from '../cache/store.js';

type Load = (options: ModelOptions[], log: Logger) => Promise<ApiModel[]>;

/** Models in `options` order, and their keys (undefined for one read from a URL). */
export async function cachedVersionModels(
  store: CacheStore,
  options: readonly ModelOptions[],
  log: Logger,
  load: Load,
): Promise<{ models: ApiModel[]; keys: (string | undefined)[] }> {
  const models: ApiModel[] = [];
  const keys = options.map((o) => modelKey(o));
  for (const [i, o] of options.entries()) {
    const key = keys[i];
    const one = async (l: Logger): Promise<ApiModel> => {
      const [model] = await load([o], l);
      if (!model) throw new Error(`no model for ${o.schema}`);
      return model;
    };
    models.push(
      key === undefined
        ? await one(log)
        : (await cachedModel(store, key, log, async (l) => ({ model: await one(l), references: 0 }))).model,
    );
  }
  return { models, keys };
}

/** Every job's files, in job order: hits from the cache, misses from `render` (one call for all). */
export async function cachedVersionFiles(
  store: CacheStore,
  jobs: readonly VersionJob[],
  modelKeys: readonly (string | undefined)[],
  log: Logger,
  render: (jobs: VersionJob[]) => Promise<OutputFile[][]>,
): Promise<OutputFile[][]> {
  const known = modelKeys.every((k) => k !== undefined) ? modelKeys.filter((k) => k !== undefined) : undefined;
  const keys = jobs.map((job) =>
    known
      ? renderKey(known, job.options, [
          'version',
          String(job.index),
          JSON.stringify(job.context.labels),
          JSON.stringify(job.context.prefixes),
          String(job.context.cleanUrls),
        ])
      : undefined,
  );
  const out = keys.map((key) => (key === undefined ? undefined : restoreFiles(store, key, log)));
  const missing = jobs.filter((_, i) => out[i] === undefined);
  const rendered = missing.length > 0 ? await render(missing) : [];
  rendered.forEach((files, n) => {
    const i = jobs.indexOf(missing[n]!);
    out[i] = files;
    const key = keys[i];
    if (key !== undefined) storeFiles(store, key, files, log);
  });
  return out.map((files) => files ?? []);
}
