/**
 * The model grain: a hit skips load, validate, dereference and normalize. Keyed by the generator,
 * the schema's and formats file's bytes and the options the model depends on; a schema read from
 * a URL is not cached (its bytes are only known once fetched). The warnings and notes the stages
 * logged are kept with the model and logged again on a hit, so --strict and --json see the same.
 */
import { readFileSync } from 'node:fs';
import type { ModelOptions } from '../build-options.js';
import { isUrl } from '../load/source.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import { digest, generatorDigest } from './digest.js';
import { decodeModel, encodeModel } from './model-codec.js';
import type { CacheStore } from './store.js';

export interface LoadedModel {
  model: ApiModel;
  references: number;
}

type Line = ['warn' | 'info' | 'debug', string];

interface ModelEntry extends LoadedModel {
  lines: Line[];
}

/** The model's key, or undefined when a source is a URL. */
export function modelKey(options: ModelOptions): string | undefined {
  if (isUrl(options.schema) || (options.formats !== undefined && isUrl(options.formats))) return undefined;
  try {
    return digest([
      'model',
      generatorDigest(),
      options.schema,
      readFileSync(options.schema),
      options.formats,
      options.formats === undefined ? undefined : readFileSync(options.formats),
      options.product,
      options.version,
      options.title,
      options.layout ?? 'default',
      JSON.stringify(options.read ?? {}),
    ]);
  } catch {
    return undefined; // unreadable: the load stage reports it
  }
}

/** The model from the cache, or from `load` (then stored). */
export async function cachedModel(
  store: CacheStore,
  key: string,
  log: Logger,
  load: (log: Logger) => Promise<LoadedModel>,
): Promise<LoadedModel> {
  const hit = restore(store, key, log);
  if (hit) {
    log.debug?.(`cache: model of ${hit.model.source} from ${store.dir}`);
    for (const [level, message] of hit.lines) log[level]?.(message);
    return { model: hit.model, references: hit.references };
  }
  const lines: Line[] = [];
  const line = (level: Line[0], message: string): void => {
    lines.push([level, message]);
    log[level]?.(message);
  };
  const recorder: Logger = {
    warn: (m) => line('warn', m),
    info: (m) => line('info', m),
    debug: (m) => line('debug', m),
    ...(log.progress ? { progress: log.progress } : {}),
    get warnings() {
      return log.warnings;
    },
  };
  const loaded = await load(recorder);
  const entry: ModelEntry = { ...loaded, lines };
  const bytes = encodeModel(entry);
  if (bytes) store.write('model', key, bytes);
  else log.debug?.(`cache: the model of ${loaded.model.source} holds a value the cache cannot restore exactly: not cached`);
  return loaded;
}

function restore(store: CacheStore, key: string, log: Logger): ModelEntry | undefined {
  const bytes = store.read('model', key);
  if (!bytes) return undefined;
  try {
    const entry = decodeModel(bytes);
    if (isEntry(entry)) return entry;
  } catch {
    // fall through: a miss
  }
  log.debug?.(`cache: model entry ${key} does not decode: ignored`);
  return undefined;
}

function isEntry(value: unknown): value is ModelEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { model, references, lines } = value as Partial<Record<keyof ModelEntry, unknown>>;
  return typeof model === 'object' && model !== null && typeof references === 'number' && Array.isArray(lines);
}
