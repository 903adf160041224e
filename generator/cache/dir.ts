/**
 * Where the build cache lives unless --cache says otherwise: node_modules/.cache/pve-apidoc under
 * the package root of the current folder (the nearest folder upwards with a package.json), the
 * place other build tools (Babel, ESLint, Vite) keep theirs, so `rm -rf node_modules` or a CI
 * cache of node_modules covers it; without any package.json, under the current folder itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const CACHE_FOLDER = join('node_modules', '.cache', 'pve-apidoc');

export function defaultCacheDir(cwd: string = process.cwd()): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, CACHE_FOLDER);
    if (dirname(dir) === dir) return join(start, CACHE_FOLDER);
  }
}
