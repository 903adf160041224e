/**
 * The site index (model/site-index.ts): one per model, read by every output that needs the path
 * tree. The last test keeps it the only one: no other module of generator/ builds its own map
 * from a model's paths (five did, and each could drift from the others).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { ancestry, parentOf, siteIndex } from '../../generator/model/site-index.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');

describe('the site index', () => {
  it('is built once per model and answers parent, children, position and the way from the top', async () => {
    const { model } = await loadModel({ schema: SCHEMA }, silentLogger());
    const index = siteIndex(model);
    expect(siteIndex(model)).toBe(index);
    expect(index.roots.map((p) => p.path)).toEqual(model.paths.filter((p) => p.parent === null).map((p) => p.path));
    for (const p of model.paths) {
      expect(index.byPath.get(p.path)).toBe(p);
      const kids = index.kids.get(p.path) ?? [];
      expect(kids.map((k) => k.path)).toEqual(p.children.filter((c) => index.byPath.has(c)));
      kids.forEach((k, i) => {
        expect(parentOf(index, k)).toBe(p);
        expect(index.position.get(k.path)).toBe(i);
      });
      const chain = ancestry(index, p);
      expect(chain.at(-1)).toBe(p);
      expect(chain[0]?.parent).toBeNull();
      for (let i = 1; i < chain.length; i++) expect(chain[i]?.parent).toBe(chain[i - 1]?.path);
    }
    // Another model (the pve-host layout makes one) gets its own index.
    const other = { ...model, paths: model.paths.slice(0, 1) };
    expect(siteIndex(other)).not.toBe(index);
    expect(siteIndex(other).byPath.size).toBe(1);
  });

  it('is the only map from path to page that generator/ builds', () => {
    const root = join(REPO_ROOT, 'generator');
    const offenders: string[] = [];
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file === join('model', 'site-index.ts')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      if (/new Map\(\s*[\w.]*\bpaths\.map\(\s*\(?(\w+)\)?\s*=>\s*\[\s*\1\.path\b/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
