/**
 * The hashes cache keys are made of. Every part is length-prefixed so that two different lists
 * of parts never hash alike ("ab" + "c" is not "a" + "bc").
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot, packageVersion } from '../paths.js';

export type Part = string | Buffer | undefined;

export function digest(parts: readonly Part[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    if (part === undefined) {
      hash.update('u');
      continue;
    }
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    hash.update(`${typeof part === 'string' ? 's' : 'b'}${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Every regular file below `dir` (names and bytes, sorted); links are not followed, a missing
 * folder hashes as empty. Used for the generator's own code, templates and assets and for a
 * user's --templates folder: editing any of them misses.
 */
export function treeDigest(dir: string): string {
  const parts: Part[] = [];
  const walk = (folder: string, prefix: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      const stat = lstatSync(path);
      if (stat.isDirectory()) walk(path, `${prefix}${name}/`);
      else if (stat.isFile()) parts.push(`${prefix}${name}`, readFileSync(path));
    }
  };
  walk(dir, '');
  return digest(parts);
}

let generator: string | undefined;

/**
 * The generator itself: its version, the Node version (the model codec is V8's format), and the
 * bytes of its code (this folder's parent: lib/generator or, under tests, the TypeScript sources),
 * built-in templates and browser assets. A development build whose code changed misses too.
 */
export function generatorDigest(): string {
  if (generator !== undefined) return generator;
  const root = packageRoot();
  generator = digest([
    packageVersion(),
    process.version,
    treeDigest(dirname(dirname(fileURLToPath(import.meta.url)))),
    treeDigest(join(root, 'templates')),
    treeDigest(join(root, 'site', 'dist')),
  ]);
  return generator;
}
