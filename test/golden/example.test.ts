/**
 * Golden files: the embedded example API (every feature the generator handles) -> the normalized
 * model and the meaningful part of every page (<main>, not the chrome). A change in output shows
 * up as a diff of test/fixtures/example/ in review; rewrite on purpose with `npm run test:update`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'example');

describe('golden: example API', async () => {
  const out = join(tempDir(), 'site');
  // Relative source so the model does not carry this machine's paths.
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  const result = await build({ schema: 'schema/example-api.json', formats: 'schema/example-formats.json', out }, silentLogger()).finally(
    () => process.chdir(cwd),
  );

  it('normalized model', async () => {
    await expect(JSON.stringify(result.model, null, 2) + '\n').toMatchFileSnapshot(join(FIXTURES, 'model.json'));
  });

  const pages = [
    'index.html',
    'auth/index.html',
    'privileges/index.html',
    'operations/index.html',
    ...result.model.paths.map((p) => p.file),
  ];
  it.each(pages)('page %s', async (file) => {
    const html = readFileSync(join(out, file), 'utf8');
    const main = /<main id="main">([\s\S]*)<\/main>/.exec(html)?.[1];
    expect(main).toBeDefined();
    const name =
      file
        .replace(/\/index\.html$/, '')
        .replace(/\.html$/, '')
        .replace(/\//g, '__') || 'index';
    await expect(main!.trim() + '\n').toMatchFileSnapshot(join(FIXTURES, 'pages', `${name}.html`));
  });
});
