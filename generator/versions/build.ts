/**
 * Multi-version build: one site for several releases. Each schema is loaded and normalized once;
 * the newest version's pages go to the site root, every other version's under `v/LABEL/`; every
 * page gets a version switcher, "since X" / "removed in Y" notes, and a link to the changelog pages
 * (one per consecutive pair, from the same `diffModels` as the `diff` command). Templates and
 * assets are read once and shared; on machines with cores to spare, versions load and render in
 * worker threads (./pool.ts); everything is written in one atomic swap.
 */
import { performance } from 'node:perf_hooks';
import { buildCache, buildInputs, type BuildOptions, type ModelOptions, type RenderShared } from '../build.js';
import { allPhases, type Phase } from '../build-result.js';
import { diffModels } from '../diff/compare.js';
import { checkOneProduct } from '../diff/product.js';
import type { ApiDiff } from '../diff/types.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import { siteAssets } from '../render/assets.js';
import { renderPage } from '../render/pages.js';
import { totalBytes, type OutputFile } from '../output-file.js';
import { SITE_FILES } from '../model/urls.js';
import type { RenderOptions } from '../render/site-context.js';
import { loadTemplates } from '../render/templates.js';
import { checkOutput, writeOutput } from '../write/atomic.js';
import { bundleZip } from '../write/zip.js';
import { changelogPages, type VersionSite } from './changelog.js';
import { versionContext, type VersionContextData } from './context.js';
import { changelogFile, compareVersions, versionPrefix, type VersionSpec } from './labels.js';
import { RenderPool, workerCount } from './pool.js';
import { presenceData } from './presence.js';
import type { VersionJob } from './render.js';
import { usesCleanUrls } from '../publish/base-url.js';
import { cachedVersionFiles, cachedVersionModels } from './cache.js';

export interface VersionsBuildOptions extends Omit<BuildOptions, 'schema' | 'version'> {
  /** One schema per version; any order (sorted as versions here). */
  versions: VersionSpec[];
  /** Worker threads (see pool.ts workerCount): by default one per core on idle machines with 4+ cores; 0 or 1 works inline. */
  workers?: number;
}

export type VersionsPhase = Phase | 'diff';

export interface VersionsBuildResult {
  out: string;
  /** Oldest first. */
  versions: { label: string; prefix: string; model: ApiModel }[];
  diffs: ApiDiff[];
  files: number;
  bytes: number;
  timings: Record<VersionsPhase, number>;
  /** The offline bundle's zip (--offline only). */
  zip?: { path: string; bytes: number };
  /** The output already held exactly these files: nothing was written (write/unchanged.ts). */
  unchanged?: true;
}

/** versions.json at the site root: the versions, where they live, and the changelog pages. */
interface VersionsManifest {
  generator: 'pve-apidoc';
  latest: string;
  versions: { label: string; url: string; manifest: string }[];
  changelogs: { old: string; new: string; url: string }[];
}

export async function buildVersions(options: VersionsBuildOptions, log: Logger): Promise<VersionsBuildResult> {
  if (options.versions.length === 0) throw new Error('buildVersions needs at least one version');
  const timings: Partial<Record<VersionsPhase, number>> = {};
  const specs = [...options.versions].sort((a, b) => compareVersions(a.label, b.label));
  checkOutput(options.out, {
    zip: options.offline === true,
    inputs: buildInputs(
      options,
      options.versions.map((v) => v.source),
    ),
  });
  const pool = new RenderPool(workerCount(specs.length, options.workers));
  try {
    return await buildWith(pool, specs, options, log, timings);
  } finally {
    await pool.close();
  }
}

async function buildWith(
  pool: RenderPool,
  specs: VersionSpec[],
  options: VersionsBuildOptions,
  log: Logger,
  timings: Partial<Record<VersionsPhase, number>>,
): Promise<VersionsBuildResult> {
  const cache = buildCache(options, log);
  const loadOptions = specs.map((spec) => modelOptions(options, spec));
  const { models, keys } = cache
    ? await cachedVersionModels(cache, loadOptions, log, (o, l) => pool.load(o, l, timings))
    : { models: await pool.load(loadOptions, log, timings), keys: [] };
  // Before any rendering: a changelog between two products would call every operation added or removed.
  checkOneProduct(models);
  const latestIndex = specs.length - 1;
  const sites: VersionSite[] = specs.map((spec, i) => ({
    label: spec.label,
    model: models[i]!,
    prefix: versionPrefix(spec.label, i === latestIndex),
  }));

  const { diffs, files } = await timedAsync(timings, 'render', async () => {
    const cleanUrls = usesCleanUrls(options);
    let sharedCache: RenderShared | undefined;
    const shared = (): RenderShared => (sharedCache ??= { assets: siteAssets(), templates: loadTemplates(options.templates) });
    const context: VersionContextData = {
      labels: sites.map((s) => s.label),
      prefixes: sites.map((s) => s.prefix),
      pages: sites.map((s) => [...Object.values(SITE_FILES), ...s.model.paths.map((p) => p.file)]),
      cleanUrls,
      presence: presenceData(
        sites.map((s) => s.label),
        models,
      ),
    };
    const jobs: VersionJob[] = sites.map((site, index) => {
      // This version's build options, as plain data (they go to a worker thread).
      const {
        read: _read,
        versions: _versions,
        workers: _workers,
        ...plain
      } = { ...options, schema: specs[index]!.source, version: site.label };
      void [_read, _versions, _workers];
      const siteOptions: BuildOptions = plain;
      // Canonical links and sitemaps of an older version point into its own folder.
      if (options.baseUrl) siteOptions.baseUrl = options.baseUrl.replace(/\/?$/, '/') + site.prefix;
      return { index, model: site.model, options: siteOptions, context };
    });
    const rendered = cache
      ? cachedVersionFiles(cache, jobs, keys, log, (missing) => pool.render(missing, shared))
      : pool.render(jobs, shared);
    rendered.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile

    // Meanwhile, here: the comparisons and the changelog pages, at the root, with the newest
    // version's header and switcher.
    const diffs = timed(timings, 'diff', () => sites.slice(1).map((site, i) => diffModels(sites[i]!.model, site.model)));
    const out: OutputFile[] = [];
    const latest = sites[latestIndex]!;
    const rootOptions: RenderOptions = {
      cleanUrls,
      baseUrl: options.baseUrl ?? '',
      assetVersions: shared().assets.versions,
      versions: versionContext(context, latestIndex),
    };
    for (const page of changelogPages(sites, diffs, cleanUrls)) {
      out.push(
        renderPage(
          latest.model,
          shared().templates,
          rootOptions,
          page.file,
          page.template,
          { title: page.title, description: page.description },
          page.data,
        ),
      );
    }
    const manifest: VersionsManifest = {
      generator: 'pve-apidoc',
      latest: latest.label,
      versions: sites.map((s) => ({ label: s.label, url: s.prefix + 'index.html', manifest: s.prefix + 'manifest.json' })).reverse(),
      changelogs: diffs
        .map((_, i) => ({ old: sites[i]!.label, new: sites[i + 1]!.label, url: changelogFile(sites[i]!.label, sites[i + 1]!.label) }))
        .reverse(),
    };
    out.push({ file: 'versions.json', content: JSON.stringify(manifest, null, 2) + '\n' });
    for (const files of await rendered) out.push(...files);
    return { diffs, files: out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
  });

  const writeStart = performance.now();
  const { zip, unchanged } = await writeOutput(options.out, files, {
    force: options.force === true,
    inputs: buildInputs(
      options,
      options.versions.map((v) => v.source),
    ),
    ...(options.offline ? { zip: (folder: string) => timed(timings, 'zip', () => bundleZip(folder, files)) } : {}),
  });
  // The zip is built inside the write stage; its time is counted once, as 'zip'.
  timings.write = (timings.write ?? 0) + performance.now() - writeStart - (timings.zip ?? 0);

  cache?.evict();
  const bytes = totalBytes(files);
  return {
    out: options.out,
    versions: sites.map((s) => ({ label: s.label, prefix: s.prefix, model: s.model })),
    diffs,
    files: files.length,
    bytes,
    timings: allPhases(timings, ['load', 'validate', 'deref', 'normalize', 'diff', 'render', 'write', 'zip']),
    ...(zip ? { zip } : {}),
    ...(unchanged ? { unchanged } : {}),
  };
}

/** What loading one version needs (plain data: it may go to a worker thread). */
function modelOptions(options: VersionsBuildOptions, spec: VersionSpec): ModelOptions {
  const out: ModelOptions = { schema: spec.source, version: spec.label };
  if (options.formats !== undefined) out.formats = options.formats;
  if (options.product !== undefined) out.product = options.product;
  if (options.title !== undefined) out.title = options.title;
  if (options.insecure !== undefined) out.insecure = options.insecure;
  if (options.read !== undefined) out.read = options.read;
  return out;
}

function timed<T>(timings: Partial<Record<VersionsPhase, number>>, phase: VersionsPhase, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
  }
}

async function timedAsync<T>(timings: Partial<Record<VersionsPhase, number>>, phase: VersionsPhase, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
  }
}
