/**
 * The pipeline, top to bottom: load -> validate -> dereference -> normalize -> render -> write
 * (validation checks nesting before dereferencing and the full shape right after it).
 * Each stage is a function of the previous stage's output; nothing is global. `loadModel` stops
 * after normalize and is shared by the other commands (openapi, diff).
 */
import { performance } from 'node:perf_hooks';
import { dereference } from './deref/index.js';
import { InputError } from './errors.js';
import { load } from './load/index.js';
import type { ReadOptions } from './load/source.js';
import type { Logger } from './log.js';
import { normalize } from './model/normalize.js';
import type { ApiModel, Product } from './model/types.js';
import { isRecord } from './model/schema-node.js';
import { siteAssets } from './render/assets.js';
import { buildManifest } from './render/manifest.js';
import { renderSite, type OutputFile } from './render/pages.js';
import { loadTemplates } from './render/templates.js';
import { validate, validateStructure } from './validate/index.js';
import { writeOutput } from './write/atomic.js';

export type Phase = 'load' | 'validate' | 'deref' | 'normalize' | 'render' | 'write';

export interface ModelOptions {
  schema: string;
  formats?: string;
  product?: Product;
  version?: string;
  title?: string;
  insecure?: boolean;
  read?: ReadOptions;
}

export interface BuildOptions extends ModelOptions {
  out: string;
  /** Debug outputs written beside the site: "model" writes model.json. */
  emit?: string[];
  templates?: string;
  baseUrl?: string;
  /** Offline bundle: links end in index.html so the site works from file://. */
  offline?: boolean;
}

export interface BuildResult {
  model: ApiModel;
  out: string;
  files: number;
  bytes: number;
  references: number;
  timings: Record<Phase, number>;
}

type Timer = <T>(phase: Phase, work: () => T) => T;

function timer(timings: Partial<Record<Phase, number>>): Timer {
  return (phase, work) => {
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

export async function loadModel(options: ModelOptions, log: Logger, timings: Partial<Record<Phase, number>> = {}): Promise<{ model: ApiModel; references: number }> {
  const time = timer(timings);
  const read: ReadOptions = { ...options.read, insecure: options.insecure ?? options.read?.insecure ?? false };
  const loaded = await time('load', () => load(options.schema, read));
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
      },
      log,
    ),
  );
  return { model, references };
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
  return document;
}

export async function build(options: BuildOptions, log: Logger): Promise<BuildResult> {
  const timings: Partial<Record<Phase, number>> = {};
  const time = timer(timings);
  const { model, references } = await loadModel(options, log, timings);
  const files = time('render', () => {
    const assets = siteAssets();
    const templates = loadTemplates(options.templates);
    const out: OutputFile[] = renderSite(model, templates, {
      cleanUrls: !options.offline,
      baseUrl: options.baseUrl ?? '',
      assetVersions: assets.versions,
    });
    out.push(...assets.files);
    out.push({ file: 'manifest.json', content: JSON.stringify(buildManifest(model), null, 2) + '\n' });
    if (options.emit?.includes('model')) out.push({ file: 'model.json', content: JSON.stringify(model, null, 2) + '\n' });
    return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  });
  await time('write', () => writeOutput(options.out, files));
  const bytes = files.reduce((n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length), 0);
  return {
    model,
    out: options.out,
    files: files.length,
    bytes,
    references,
    timings: {
      load: timings.load ?? 0,
      validate: timings.validate ?? 0,
      deref: timings.deref ?? 0,
      normalize: timings.normalize ?? 0,
      render: timings.render ?? 0,
      write: timings.write ?? 0,
    },
  };
}
