/**
 * Finding and reading the config file: `--config FILE`, or the one pve-apidoc.config.* in the
 * current folder. JSON is parsed as data; .mjs/.js are imported (their default export is the
 * config); .ts/.mts go through Vite's config loader (Vite is already a dependency for the dev
 * server, and is loaded only for a .ts config), which strips the types of the config and of the
 * files it imports.
 */
import { jsonErrorDetail } from '../load/json.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';

const CONFIG_NAMES = [
  'pve-apidoc.config.ts',
  'pve-apidoc.config.mts',
  'pve-apidoc.config.mjs',
  'pve-apidoc.config.js',
  'pve-apidoc.config.json',
];

export interface LoadedConfig {
  file: string;
  raw: unknown;
}

/** The config file to use: the explicit one (which must exist), else the one in `cwd`, else null. */
export function findConfig(explicit: string | undefined, cwd: string): string | null {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`config file not found: ${explicit}`);
    return file;
  }
  const found = CONFIG_NAMES.map((n) => join(cwd, n)).filter((f) => existsSync(f));
  if (found.length > 1)
    throw new UsageError(`found ${found.map((f) => basename(f)).join(' and ')}: keep one config file, or pick one with --config`);
  return found[0] ?? null;
}

export async function readConfig(file: string): Promise<LoadedConfig> {
  const ext = extname(file).toLowerCase();
  switch (ext) {
    case '.json':
      return { file, raw: readJsonConfig(file) };
    case '.mjs':
    case '.js':
    case '.cjs':
      return { file, raw: await importDefault(file, file) };
    case '.ts':
    case '.mts':
      return { file, raw: await importTypeScript(file) };
    default:
      throw new UsageError(`config file ${file}: unsupported type "${ext}" (use .json, .mjs, .js or .ts)`);
  }
}

/** A JSON config file: a usage error (exit 2) naming the line and column of bad JSON, as the schema loader does. */
function readJsonConfig(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read the config: ${messageOf(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: ${jsonErrorDetail(text)}`, { cause: error });
  }
}

async function importDefault(module: string, shown: string): Promise<unknown> {
  let namespace: unknown;
  try {
    namespace = await import(pathToFileURL(module).href);
  } catch (error) {
    throw new UsageError(`${shown}: cannot load the config: ${messageOf(error)}`, { cause: error });
  }
  if (typeof namespace !== 'object' || namespace === null || !('default' in namespace))
    throw new UsageError(`${shown}: the config module has no default export (export default defineConfig({ … }))`);
  const value: unknown = namespace.default;
  return typeof value === 'function' ? await value() : await value;
}

async function importTypeScript(file: string): Promise<unknown> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (error) {
    throw new UsageError(`${file}: loading a .ts config needs the "vite" package; install it, or use pve-apidoc.config.mjs or .json`, {
      cause: error,
    });
  }
  // Vite's config loader bundles the file and its relative (TypeScript) imports into a temporary
  // module beside it, imports that and removes it; packages such as 'pve-apidoc' stay imports.
  let loaded: Awaited<ReturnType<typeof vite.loadConfigFromFile>>;
  try {
    loaded = await vite.loadConfigFromFile({ command: 'build', mode: 'production' }, file, dirname(file), 'silent');
  } catch (error) {
    throw new UsageError(`${file}: cannot load the config: ${messageOf(error).split('\n')[0]}`, { cause: error });
  }
  if (!loaded) throw new UsageError(`${file}: cannot load the config`);
  return loaded.config;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
