/**
 * Regression: every page goes through the same last step as the model's own pages, so a BEL (or
 * a bidi control) in schema text reaches a changelog page of a two-version build only as a
 * visible <U+0007>, never raw. The changelog used to skip that step.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../generator/log.js';
import { packageRoot } from '../../generator/paths.js';
import { buildVersions } from '../../generator/versions/build.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first enum in the example schema, with one more value that carries a BEL and a bidi override. */
function withHostileEnumValue(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(withHostileEnumValue);
  if (typeof schema !== 'object' || schema === null) return false;
  const record = schema as Record<string, unknown>;
  if (Array.isArray(record['enum'])) {
    record['enum'] = [...record['enum'], 'ring\u0007bell\u202eevil'];
    return true;
  }
  return Object.values(record).some(withHostileEnumValue);
}

describe('changelog pages', () => {
  it('neutralize control and bidi characters like every other page', async () => {
    const example = join(packageRoot(), 'schema', 'example-api.json');
    const schema: unknown = JSON.parse(readFileSync(example, 'utf8'));
    expect(withHostileEnumValue(schema)).toBe(true);
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, JSON.stringify(schema));
    const out = join(dir, 'site');
    await buildVersions(
      {
        out,
        versions: [
          { label: '1.0', source: example },
          { label: '2.0', source: newer },
        ],
        workers: 0,
      },
      silentLogger(),
    );
    const changelogs = listFiles(out).filter((f) => f.startsWith('changelog/') && f.endsWith('.html'));
    const pages = changelogs.map((f) => readFileSync(join(out, f), 'utf8'));
    const page = pages.find((html) => html.includes('ring'));
    expect(page, `no changelog page mentions the new enum value (${changelogs.join(', ')})`).toBeDefined();
    expect(page).toContain('ring&lt;U+0007&gt;bell&lt;U+202E&gt;evil');
    for (const html of pages) expect(html).not.toMatch(/[\u0007\u202e]/);
  });
});
