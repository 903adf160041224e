/**
 * The build cache never changes the output: a build without it, a cold one and a warm one write
 * the same bytes (single- and multi-version); a corrupt, truncated or planted entry is a miss,
 * said under --verbose, and the output is still the same; a changed template misses.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../../generator/build.js';
import { createLogger, type Logger } from '../../generator/log.js';
import { packageRoot } from '../../generator/paths.js';
import { buildVersions } from '../../generator/versions/build.js';
import { tempDir, treeHash } from '../helpers/tree.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = join(packageRoot(), 'schema', 'example-api.json');

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ verbose: true, write: (line) => lines.push(line) }), { lines });
}

let n = 0;
async function buildTo(options: Partial<BuildOptions>, log = logger()): Promise<{ hash: string; log: typeof log; out: string }> {
  const out = join(dir, `out-${n++}`);
  await build({ schema: example, ...options, out }, log);
  return { hash: treeHash(out), log, out };
}

function entries(cache: string, kind: string): string[] {
  return readdirSync(cache)
    .filter((f) => f.startsWith(`${kind}-`))
    .map((f) => join(cache, f));
}

describe('build cache', () => {
  it('writes the same bytes without it, cold and warm', async () => {
    const cache = join(dir, 'cache-same');
    const none = await buildTo({});
    const cold = await buildTo({ cache });
    expect(entries(cache, 'model')).toHaveLength(1);
    expect(entries(cache, 'files')).toHaveLength(1);
    const warm = await buildTo({ cache });
    expect(cold.hash).toBe(none.hash);
    expect(warm.hash).toBe(none.hash);
    expect(cold.log.lines.join('\n')).not.toMatch(/from .*cache-same/);
    expect(warm.log.lines.join('\n')).toMatch(/cache: model of .* from .*cache-same/);
    expect(warm.log.lines.join('\n')).toMatch(/cache: \d+ rendered files from .*cache-same/);
    // The same warnings and notes on a hit as on the build that filled the cache.
    expect(warm.log.warnings).toEqual(none.log.warnings);
  });

  it('treats a corrupt or truncated entry as a miss, says so under --verbose, and writes the same bytes', async () => {
    const cache = join(dir, 'cache-corrupt');
    const none = await buildTo({});
    await buildTo({ cache });
    const [files] = entries(cache, 'files');
    const [model] = entries(cache, 'model');
    const bytes = readFileSync(files!);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    writeFileSync(files!, bytes);
    writeFileSync(model!, readFileSync(model!).subarray(0, 1000));
    const again = await buildTo({ cache });
    expect(again.hash).toBe(none.hash);
    expect(again.log.lines.join('\n')).toMatch(/cache: .*files-.* is corrupt/);
    expect(again.log.lines.join('\n')).toMatch(/cache: .*model-.* is truncated/);
    // Rewritten whole by the build that missed.
    expect((await buildTo({ cache })).hash).toBe(none.hash);
  });

  it('does not take an entry planted under another key', async () => {
    const cache = join(dir, 'cache-planted');
    const none = await buildTo({});
    const other = join(dir, 'cache-other');
    await buildTo({ cache: other, title: 'Planted <script>alert(1)</script>' });
    await buildTo({ cache });
    // The other build's (valid, self-consistent) entries copied over this build's names.
    for (const kind of ['files', 'model']) writeFileSync(entries(cache, kind)[0]!, readFileSync(entries(other, kind)[0]!));
    const again = await buildTo({ cache });
    expect(again.hash).toBe(none.hash);
    expect(again.log.lines.join('\n')).toMatch(/cache: .* has a header for another entry/);
  });

  it('misses when a --templates folder changes', async () => {
    const cache = join(dir, 'cache-templates');
    const templates = join(dir, 'templates');
    mkdirSync(join(templates, 'partials'), { recursive: true });
    const builtIn = readFileSync(join(packageRoot(), 'templates', 'partials', 'footer.hbs'), 'utf8');
    writeFileSync(join(templates, 'partials', 'footer.hbs'), builtIn + '<p>first</p>');
    const first = await buildTo({ cache, templates });
    writeFileSync(join(templates, 'partials', 'footer.hbs'), builtIn + '<p>second</p>');
    const second = await buildTo({ cache, templates });
    expect(readFileSync(join(second.out, 'index.html'), 'utf8')).toContain('<p>second</p>');
    expect(second.hash).toBe((await buildTo({ templates })).hash);
    expect(first.hash).not.toBe(second.hash);
  });

  it('keeps the folder within its bound, oldest entries first', async () => {
    const cache = join(dir, 'cache-bound');
    await buildTo({ cache, title: 'One' });
    const size = entries(cache, 'files')
      .concat(entries(cache, 'model'))
      .reduce((s, f) => s + readFileSync(f).length, 0);
    await buildTo({ cache, title: 'Two', cacheMaxBytes: size + 1000 });
    // Only the newer build's two entries fit.
    expect(readdirSync(cache)).toHaveLength(2);
    const warm = await buildTo({ cache, title: 'Two', cacheMaxBytes: size + 1000 });
    expect(warm.hash).toBe((await buildTo({ title: 'Two' })).hash);
  });

  it('writes the same multi-version site without it, cold and warm', async () => {
    const newer = join(dir, 'newer.json');
    const schema: unknown = JSON.parse(readFileSync(example, 'utf8'));
    expect(changeFirstDescription(schema)).toBe(true);
    writeFileSync(newer, JSON.stringify(schema));
    const site = async (cache?: string): Promise<string> => {
      const out = join(dir, `versions-${n++}`);
      await buildVersions(
        {
          out,
          versions: [
            { label: '1.0', source: example },
            { label: '2.0', source: newer },
          ],
          ...(cache ? { cache } : {}),
        },
        logger(),
      );
      return treeHash(out);
    };
    const cache = join(dir, 'cache-versions');
    const none = await site();
    expect(await site(cache)).toBe(none);
    expect(entries(cache, 'files')).toHaveLength(2);
    expect(await site(cache)).toBe(none);
  });
});

/** Appends to the first description in the schema: a second release that differs a little. */
function changeFirstDescription(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(changeFirstDescription);
  if (typeof schema !== 'object' || schema === null) return false;
  const record = schema as Record<string, unknown>;
  if (typeof record['description'] === 'string') {
    record['description'] += ' Changed in 2.0.';
    return true;
  }
  return Object.values(record).some(changeFirstDescription);
}

describe('rendered files larger than the entry limit', () => {
  it('are not stored (encoding them would copy the whole output once more), smaller ones are', async () => {
    const { openStore } = await import('../../generator/cache/store.js');
    const { storeFiles } = await import('../../generator/cache/render-cache.js');
    const cache = join(dir, 'cache-limit');
    mkdirSync(cache, { recursive: true });
    const log = logger();
    const store = openStore(cache, log);
    const files = [{ file: 'a.html', content: 'x'.repeat(1000) }];
    expect(storeFiles(store, 'a'.repeat(64), files, log, 999)).toBe(false);
    expect(entries(cache, 'files')).toHaveLength(0);
    expect(log.lines.join('\n')).toMatch(/not stored: larger than 999 bytes/);
    expect(storeFiles(store, 'b'.repeat(64), files, log, 1000)).toBe(true);
    expect(entries(cache, 'files')).toHaveLength(1);
  });
});
