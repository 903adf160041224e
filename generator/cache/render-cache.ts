/**
 * The rendered grain: every output file of one model's site (or of one version of a multi-version
 * site), keyed by the model's key, the options that shape the output, the user's templates and
 * logo, and for a version the other versions' keys. A hit skips rendering: an unchanged rebuild
 * only writes. Pages cost ~95% of the render stage and depend on the whole model (navigation,
 * search, the version switcher), so a whole site is the grain that pays; see README "Cache".
 */
import { readFileSync } from 'node:fs';
import type { BuildOptions } from '../build-options.js';
import type { Logger } from '../log.js';
import { isSpooled, totalBytes, type OutputFile } from '../output-file.js';
import { digest, generatorDigest, treeDigest, type Part } from './digest.js';
import { decodeFiles, encodeFiles } from './files-codec.js';
import type { CacheStore } from './store.js';

/** The options that do not shape the files: where they go, how inputs are read, the cache itself. */
const NOT_OUTPUT = new Set(['out', 'cache', 'cacheMaxBytes', 'read', 'insecure', 'schema', 'versions', 'workers']);

/** The key of the files rendered from the models `modelKeys` with `options`; `context` adds what else they depend on. */
export function renderKey(modelKeys: readonly string[], options: BuildOptions, context: readonly Part[] = []): string | undefined {
  const shaping = Object.entries(options)
    .filter(([k]) => !NOT_OUTPUT.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  let logo: Buffer | undefined;
  try {
    logo = options.theme?.logo === undefined ? undefined : readFileSync(options.theme.logo);
  } catch {
    return undefined; // the theme stage reports it
  }
  return digest([
    'files',
    generatorDigest(),
    ...modelKeys,
    JSON.stringify(shaping),
    options.templates === undefined ? undefined : treeDigest(options.templates),
    logo,
    ...context,
  ]);
}

/** The files from the cache, or from `render` (then stored, unless too large: storeFiles). */
export function cachedFiles(store: CacheStore, key: string, log: Logger, render: () => OutputFile[]): OutputFile[] {
  const hit = restoreFiles(store, key, log);
  if (hit) return hit;
  const files = render();
  storeFiles(store, key, files, log);
  return files;
}

/** The largest set of rendered files the cache stores (PVE 9.1's site is 24 MB). */
const MAX_FILES_ENTRY_BYTES = 128 * 1024 * 1024;

/**
 * Stores a site's files unless they are larger than `limit`. Encoding copies the whole output into
 * one buffer: for a very large API (20,000 paths, 760 MB of output) that copy doubled the build's
 * peak memory, and an entry that size would evict nearly everything else anyway.
 */
export function storeFiles(
  store: CacheStore,
  key: string,
  files: readonly OutputFile[],
  log: Logger,
  limit = MAX_FILES_ENTRY_BYTES,
): boolean {
  const bytes = totalBytes(files);
  // Spooled files (write/spool.ts): a site past the spool's budget, not read back from disk to be stored.
  if (bytes > limit || files.some(isSpooled)) {
    log.debug?.(`cache: ${files.length} rendered files (${bytes} bytes) not stored: larger than ${limit} bytes`);
    return false;
  }
  store.write('files', key, encodeFiles(files));
  return true;
}

/** The files of a whole, verified entry that decodes, else undefined (a miss). */
export function restoreFiles(store: CacheStore, key: string, log: Logger): OutputFile[] | undefined {
  const bytes = store.read('files', key);
  if (!bytes) return undefined;
  try {
    const files = decodeFiles(bytes);
    log.debug?.(`cache: ${files.length} rendered files from ${store.dir}`);
    return files;
  } catch {
    log.debug?.(`cache: files entry ${key} does not decode: ignored`);
    return undefined;
  }
}
