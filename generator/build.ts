/**
 * The pipeline, top to bottom: load -> validate -> dereference -> normalize -> render -> write
 * (validation checks nesting before dereferencing and the full shape right after it).
 * Each stage is a function of the previous stage's output; nothing is global. `loadModel` stops
 * after normalize and is shared by the other commands (openapi, diff).
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dereference } from './deref/index.js';
import { InputError } from './errors.js';
import { load } from './load/index.js';
import type { ReadOptions } from './load/source.js';
import type { Logger } from './log.js';
import { normalize } from './model/normalize.js';
import type { ApiModel } from './model/types.js';
import { isRecord } from './model/is-record.js';
import { tryItFiles, TRY_IT_SCRIPT } from './render/try-it.js';
import { siteAssets, type Assets } from './render/assets.js';
import { searchIndexAsset } from './search/index.js';
import { buildManifest } from './render/manifest.js';
import { exportFiles } from './export/index.js';
import { navTreeAsset } from './render/nav.js';
import { renderSite } from './render/pages.js';
import { SECTION_ID_SUFFIXES } from './render/section-ids.js';
import { allPhases, PHASES, type BuildResult, type Phase } from './build-result.js';
import { type FileKeeper, keepInMemory, totalBytes, type OutputFile } from './output-file.js';
import { loadTemplates, type Templates } from './render/templates.js';
import type { RenderOptions } from './render/site-context.js';
import { validate, validateFormatsRegistry, validateStructure } from './validate/index.js';
import { checkOutput, writeOutput } from './write/atomic.js';
import { resolveTarget } from './write/guard.js';
import { Spool } from './write/spool.js';
import { handleInterrupts } from './write/interrupt.js';
import { bundleZip } from './write/zip.js';
import { publishFiles } from './publish/index.js';
import { themeAssets } from './publish/theme.js';
import { usesCleanUrls } from './publish/base-url.js';
import { checkPveHostOptions, pveHostFiles, pveHostKeeps } from './publish/pve-host.js';
import type { BuildOptions, ModelOptions } from './build-options.js';
import { openStore, type CacheStore } from './cache/store.js';
import { cachedModel, modelKey } from './cache/model-cache.js';
import { cachedFiles, renderKey } from './cache/render-cache.js';

export type { BuildOptions, ModelOptions } from './build-options.js';

type Timer = <T>(phase: Phase, work: () => T) => T;

function timer(timings: Partial<Record<Phase, number>>, log?: Logger): Timer {
  return (phase, work) => {
    log?.progress?.(`${phase}…`);
    const start = performance.now();
    const result = work();
    if (result instanceof Promise) {
      return result.finally(() => {
        timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
      }) as typeof result;
    }
    timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    return result;
  };
}

export async function loadModel(
  options: ModelOptions,
  log: Logger,
  timings: Partial<Record<Phase, number>> = {},
): Promise<{ model: ApiModel; references: number }> {
  const time = timer(timings, log);
  const read: ReadOptions = { ...options.read, insecure: options.insecure ?? options.read?.insecure ?? false };
  const loaded = await time('load', () => load(options.schema, read));
  for (const note of loaded.notes) log.debug?.(`${options.schema}: ${note}`);
  const formats = options.formats ? await time('load', () => loadFormats(options.formats!, read)) : undefined;
  time('validate', () => validateStructure(loaded));
  const { document, references } = await time('deref', () => dereference(loaded));
  time('validate', () => validate(loaded, document));
  const model = time('normalize', () =>
    normalize(
      {
        source: options.schema,
        dialect: loaded.dialect,
        document,
        ...(formats ? { formats } : {}),
        ...(options.product ? { product: options.product } : {}),
        ...(options.version !== undefined ? { version: options.version } : {}),
        ...(options.title ? { title: options.title } : {}),
        ...(options.layout ? { layout: options.layout } : {}),
        reservedSuffixes: SECTION_ID_SUFFIXES,
      },
      log,
    ),
  );
  return { model, references };
}

/**
 * `loadModel` through the cache when there is one (and the schema is a local file): a hit skips
 * every stage, its time counted as load. `key` is the model's cache key, for the render grain.
 */
async function loadModelCached(
  options: ModelOptions,
  log: Logger,
  timings: Partial<Record<Phase, number>>,
  store: CacheStore | undefined,
): Promise<{ model: ApiModel; references: number; key?: string }> {
  const key = store ? modelKey(options) : undefined;
  if (!store || key === undefined) return loadModel(options, log, timings);
  const start = performance.now();
  const staged = (): number => (['load', 'validate', 'deref', 'normalize'] as const).reduce((n, p) => n + (timings[p] ?? 0), 0);
  const before = staged();
  const loaded = await cachedModel(store, key, log, (recorder) => loadModel(options, recorder, timings));
  timings.load = (timings.load ?? 0) + performance.now() - start - (staged() - before);
  return { ...loaded, key };
}

/** The build cache of `options`, or undefined without one. */
export function buildCache(options: Pick<BuildOptions, 'cache' | 'cacheMaxBytes'>, log: Logger): CacheStore | undefined {
  return options.cache === undefined ? undefined : openStore(options.cache, log, options.cacheMaxBytes);
}

/** A formats registry from another file: a reference dump (its `formats`) or a bare registry object. */
async function loadFormats(source: string, read: ReadOptions): Promise<Record<string, unknown>> {
  const loaded = await load(source, read);
  const document = loaded.document;
  if (!isRecord(document)) throw new InputError(source, '', 'a formats registry must be a JSON object');
  if (loaded.dialect === 'refs' && 'root' in document) {
    validateStructure(loaded);
    const { document: deref } = await dereference(loaded);
    validate(loaded, deref);
    const formats = (deref as Record<string, unknown>)['formats'];
    if (!isRecord(formats)) throw new InputError(source, '/formats', 'the reference dump has no formats registry');
    return formats;
  }
  validateFormatsRegistry(loaded);
  return document;
}

/** What every version of a multi-version build shares: the assets and templates, read once. */
export interface RenderShared {
  assets: Assets;
  templates: Templates;
}

/**
 * How a site is rendered, beyond its model and options: `shared`, what every version of a
 * multi-version build shares; `extra`, render options added (that build's version context);
 * `hold`, what becomes of each file as it is made (the build's spool, write/spool.ts).
 */
export interface RenderWith {
  shared?: RenderShared;
  extra?: Partial<RenderOptions>;
  hold?: FileKeeper;
}

/** A site ready to render: every file but the pages, and the templates and options the pages render with. */
export interface PreparedSite {
  files: OutputFile[];
  templates: Templates;
  render: RenderOptions;
}

/**
 * Everything of one model's site except its pages (assets, search index, manifest, exports). Split
 * from rendering so the dev server can keep it and render only the page a request asks for.
 */
export function prepareSite(model: ApiModel, options: BuildOptions, { shared, extra, hold = keepInMemory }: RenderWith = {}): PreparedSite {
  const assets = shared?.assets ?? siteAssets();
  const theme = themeAssets(options.theme);
  const assetVersions = { ...assets.versions, ...theme.versions };
  const searchIndex = searchIndexAsset(model, assetVersions);
  assetVersions['search-index.js'] = searchIndex.version;
  const navTree = navTreeAsset(model);
  assetVersions['nav-tree.js'] = navTree.version;
  const templates = shared?.templates ?? loadTemplates(options.templates);
  const render: RenderOptions = {
    cleanUrls: usesCleanUrls(options),
    baseUrl: options.baseUrl ?? '',
    assetVersions,
    ...(theme.view ? { theme: theme.view } : {}),
    ...(options.tryIt ? { tryIt: true } : {}),
    ...(options.layout === 'pve-host' ? { omitMarkdown: true } : {}),
    ...extra,
  };
  const out: OutputFile[] = [];
  // The console script ships only in --try-it builds.
  out.push(...(options.tryIt ? assets.files : assets.files.filter((f) => f.file !== `assets/${TRY_IT_SCRIPT}`)), ...theme.files);
  if (options.tryIt) out.push(...tryItFiles(model));
  out.push({ file: searchIndex.file, content: searchIndex.content });
  out.push({ file: navTree.file, content: navTree.content });
  out.push({ file: 'manifest.json', content: JSON.stringify(buildManifest(model), null, 2) + '\n' });
  const files = out.map(hold);
  // The exports are handed over one by one as they are made (llms-full.txt alone can be 100 MB).
  files.push(...exportFiles(model, layoutKeeps(options), hold));
  if (options.emit?.includes('model')) files.push(hold({ file: 'model.json', content: JSON.stringify(model, null, 2) + '\n' }));
  return { files, templates, render };
}

/**
 * Every output file of one model's site (pages, assets, search index, manifest, and for a hosted
 * site sitemap.xml and robots.txt), sorted by name. `hold` receives each file as it is made.
 */
export function renderModelFiles(model: ApiModel, options: BuildOptions, how: RenderWith = {}): OutputFile[] {
  // The page files, layout included, are the model's (model/urls.ts); publish runs once, below.
  const site = prepareSite(model, options, how);
  const keep = layoutKeeps(options);
  const only = site.render.only;
  const pages = renderSite(model, site.templates, { ...site.render, only: only ? (file) => keep(file) && only(file) : keep }, how.hold);
  let out: OutputFile[] = [...pages, ...site.files];
  out.push(...publishFiles(out, options));
  if (options.layout === 'pve-host') out = pveHostFiles(out);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The output files the layout keeps (pve-host drops some); asked before a file is made. */
function layoutKeeps(options: BuildOptions): (file: string) => boolean {
  return options.layout === 'pve-host' ? pveHostKeeps : () => true;
}

export async function build(options: BuildOptions, log: Logger): Promise<BuildResult> {
  if (options.layout === 'pve-host') checkPveHostOptions(options);
  checkOutput(options.out, { zip: options.offline === true, inputs: buildInputs(options) });
  // Ctrl-C at any point says what became of the output (the write stage cleans up first).
  const closeInterrupts = handleInterrupts(resolve(options.out));
  try {
    return await buildChecked(options, log);
  } finally {
    closeInterrupts();
  }
}

async function buildChecked(options: BuildOptions, log: Logger): Promise<BuildResult> {
  const timings: Partial<Record<Phase, number>> = {};
  const time = timer(timings, log);
  const cache = buildCache(options, log);
  const { model, references, key } = await loadModelCached(options, log, timings, cache);
  const filesKey = cache && key !== undefined ? renderKey([key], options) : undefined;
  // Past HOLD_BYTES of output, files go to disk as they are made (write/spool.ts).
  const spool = new Spool(resolveTarget(options.out));
  let files: OutputFile[];
  let written: Awaited<ReturnType<typeof writeOutput>>;
  try {
    files = time('render', () =>
      cache && filesKey !== undefined
        ? cachedFiles(cache, filesKey, log, () => renderModelFiles(model, options, { hold: spool.keep }))
        : renderModelFiles(model, options, { hold: spool.keep }),
    );
    const all = files;
    written = await time('write', () =>
      writeOutput(options.out, all, {
        inputs: buildInputs(options),
        force: options.force === true,
        ...(options.offline ? { zip: (folder: string) => time('zip', () => bundleZip(folder, all)) } : {}),
      }),
    );
  } catch (error) {
    spool.discard();
    throw error;
  }
  const { zip, unchanged } = written;
  // The zip is built inside the write stage (it is swapped in with the folder); count its time once.
  if (timings.zip !== undefined && timings.write !== undefined) timings.write -= timings.zip;
  cache?.evict();
  log.progress?.('');
  const bytes = totalBytes(files);
  return {
    model,
    out: options.out,
    files: files.length,
    bytes,
    references,
    timings: allPhases(timings, PHASES),
    ...(zip ? { zip } : {}),
    ...(unchanged ? { unchanged } : {}),
  };
}

/** The local files a build reads: the write stage refuses to replace a folder that holds one. */
export function buildInputs(options: Omit<BuildOptions, 'schema'> & { schema?: string }, schemas: string[] = []): string[] {
  const inputs = [...schemas];
  if (options.schema !== undefined) inputs.push(options.schema);
  if (options.formats !== undefined) inputs.push(options.formats);
  if (options.templates !== undefined) inputs.push(options.templates);
  if (options.theme?.logo !== undefined) inputs.push(options.theme.logo);
  return inputs;
}
