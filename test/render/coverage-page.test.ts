/** The "Schema coverage" page: every silence of the model, by section, linked to its operation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { schemaCoverage } from '../../generator/model/coverage.js';
import { tempDir } from '../helpers/tree.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

describe('schema coverage page', async () => {
  const out = join(tempDir(), 'site');
  const { model } = await build({ schema: join(REPO_ROOT, 'schema', 'example-api.json'), out }, silentLogger());
  const html = readFileSync(join(out, 'coverage', 'index.html'), 'utf8');
  const coverage = schemaCoverage(model);

  it('states the totals the model computes and links every operation with a silence', () => {
    expect(coverage.counts['returns-null']).toBeGreaterThan(0);
    expect(html).toContain(`<td>Returns null: the schema declares no return value</td><td>${coverage.counts['returns-null']}</td>`);
    const silent = coverage.sections.flatMap((s) => s.entries);
    expect(silent.length).toBeGreaterThan(0);
    for (const { op } of silent)
      expect(html).toContain(`#${op.anchor}"><span class="method method-small method-${op.method.toLowerCase()}">`);
    expect((html.match(/<li><a href="[^"]*#[a-z-0-9]+"><span class="method/g) ?? []).length).toBe(silent.length);
  });

  it('is linked from the footer of every page', () => {
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="coverage/index.html">Schema coverage</a>');
  });
});
