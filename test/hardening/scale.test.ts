/**
 * Pages stay the same size however big the API is, and the site grows linearly (issue 24: every
 * page carried the whole path tree, so 1,000 trivial paths made a 73 MB site and 20,000 ran V8
 * out of memory). Synthetic APIs of 1,000 and 3,000 paths in three shapes (harness/synthetic-
 * schema.ts: Proxmox-like nesting, everything at the top level, one collection with thousands of
 * items), rendered in process (no write stage): the largest path page and the site's bytes per
 * path must stay within a small factor. Sizes only, never time (the benchmark's scale step
 * measures time and memory up to 20,000 paths).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, renderModelFiles } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { totalBytes } from '../../generator/output-file.js';
import { syntheticSchema, type SyntheticShape } from '../../harness/synthetic-schema.js';
import { tempDir } from '../helpers/tree.js';

interface Size {
  paths: number;
  site: number;
  /** The largest path page, without its own list of sub-paths. */
  largestPage: number;
  largestPageFile: string;
}

async function size(paths: number, shape: SyntheticShape): Promise<Size> {
  const dir = tempDir('pve-apidoc-scale-');
  const schema = join(dir, 'schema.js');
  writeFileSync(schema, syntheticSchema(paths, shape));
  const { model } = await loadModel({ schema }, silentLogger());
  const files = renderModelFiles(model, { schema, out: join(dir, 'site') });
  const pages = new Set(model.paths.map((p) => p.file));
  let largestPage = 0;
  let largestPageFile = '';
  for (const f of files) {
    if (!pages.has(f.file)) continue;
    // A collection page lists its own sub-paths (all of them, for readers without JavaScript): that
    // list grows with the collection, once per site; the rest of the page must not.
    const bytes = Buffer.byteLength(String(f.content).replace(/<details class="subpaths"[\s\S]*?<\/details>/, ''));
    if (bytes > largestPage) [largestPage, largestPageFile] = [bytes, f.file];
  }
  return { paths: model.stats.paths, site: totalBytes(files), largestPage, largestPageFile };
}

describe.each<SyntheticShape>(['nested', 'flat', 'wide'])('a %s API of 1,000 and 3,000 paths', { timeout: 300_000 }, (shape) => {
  it('has path pages of about the same size and a site linear in the paths', async () => {
    const small = await size(1000, shape);
    const big = await size(3000, shape);
    const perPath = (s: Size): number => s.site / s.paths;
    console.log(
      `[scale] ${shape}: ${small.paths} paths ${(small.site / 1e6).toFixed(1)} MB (${Math.round(perPath(small))} B/path, largest page ${small.largestPage} B); ` +
        `${big.paths} paths ${(big.site / 1e6).toFixed(1)} MB (${Math.round(perPath(big))} B/path, largest page ${big.largestPage} B, ${big.largestPageFile})`,
    );
    expect(big.paths).toBe(3000);
    // Nesting deepens a little with the size (longer paths and links, a level more of ancestors): 1.5, not 1.
    expect(big.largestPage / small.largestPage).toBeLessThan(1.5);
    expect(perPath(big) / perPath(small)).toBeLessThan(1.5);
  });
});
