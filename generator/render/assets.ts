/**
 * The browser assets (CSS, the small page script) that Vite bundled from site/ into site/dist/.
 * They are built once by `npm run compile`, not on every site build, which keeps builds fast.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import type { OutputFile } from '../output-file.js';

export interface Assets {
  files: OutputFile[];
  /** Asset name -> short content hash for cache-busting query strings. */
  versions: Record<string, string>;
}

export function siteAssets(): Assets {
  const dir = join(packageRoot(), 'site', 'dist');
  if (!existsSync(dir)) throw new Error(`browser assets missing in ${dir}: run "npm run compile" first`);
  const files: OutputFile[] = [];
  const versions: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const content = readFileSync(join(dir, name));
    files.push({ file: `assets/${name}`, content });
    versions[name] = contentHash(content);
  }
  return { files, versions };
}

export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 10);
}
