/**
 * Page names (issue #20): API paths whose page folder and an export file needed the same name
 * (`/x` with `/x/index.md`, `/y` with `/y/index.html`, `/` with `/index.html`) failed with EISDIR;
 * over-long paths with ENAMETOOLONG and a 1.7 KB message; Windows device names, trailing dots and
 * case-only differences were written as they are. Now: distinct names that unpack anywhere, and
 * an over-long path is a validation error with its pointer.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { UsageError, ValidationError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { isWindowsReserved, pageFile } from '../../generator/model/urls.js';
import { MAX_PAGE_PATH } from '../../generator/validate/limits.js';
import { parseSchemaValues } from '../../generator/versions/labels.js';
import { tempDir } from '../helpers/tree.js';

const op = { GET: { name: 'x', description: 'X.', parameters: { additionalProperties: 0, properties: {} }, returns: { type: 'null' } } };
const node = (path: string): Record<string, unknown> => ({ path, text: path, leaf: 1, info: op });

function allPaths(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      out.push(relative(dir, full));
      if (statSync(full).isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

describe('output file names', () => {
  it('paths that used to clash with export files, device names, trailing dots and case build to distinct portable names', async () => {
    const paths = [
      '/',
      '/index.html',
      '/x',
      '/x/index.md',
      '/y',
      '/y/index.html',
      '/aux',
      '/nul.txt',
      '/COM1',
      '/com1',
      '/a.',
      '/a',
      '/Case',
      '/case',
    ];
    const dir = tempDir('pve-apidoc-names-');
    const file = join(dir, 'api.json');
    writeFileSync(file, JSON.stringify(paths.map(node)));
    const out = join(dir, 'site');
    await build({ schema: file, out }, silentLogger());
    const written = allPaths(out);
    // Every API path has its own page (and Markdown export).
    for (const p of paths) expect(written, p).toContain(pageFile(p));
    expect(new Set(paths.map(pageFile)).size).toBe(paths.length);
    for (const name of written) {
      for (const segment of name.split('/')) {
        expect(isWindowsReserved(segment), name).toBe(false);
        expect(segment.endsWith('.'), name).toBe(false);
      }
    }
    // No two names differ only in case (they would be one on macOS and Windows).
    const folded = new Map<string, string>();
    for (const name of written) {
      const earlier = folded.get(name.toLowerCase());
      expect(earlier === undefined || earlier === name, `${earlier} / ${name}`).toBe(true);
      folded.set(name.toLowerCase(), name);
    }
  }, 120_000);

  it('an over-long path is a validation error naming its pointer', async () => {
    const dir = tempDir('pve-apidoc-names-');
    const file = join(dir, 'api.json');
    const long = '/é'.repeat(300);
    expect(pageFile(long).length).toBeGreaterThan(MAX_PAGE_PATH);
    writeFileSync(file, JSON.stringify([node('/ok'), node(long)]));
    const error = await build({ schema: file, out: join(dir, 'site') }, silentLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(new RegExp(`^${file}:/1/path - path too long: .* more than the limit of ${MAX_PAGE_PATH}$`));
  });

  it('version labels that differ only in case, device names and trailing dots are refused', () => {
    expect(() => parseSchemaValues(['A=x.json', 'a=y.json'])).toThrow(UsageError);
    expect(() => parseSchemaValues(['A=x.json', 'a=y.json'])).toThrow(/differ only in case/);
    expect(() => parseSchemaValues(['aux=x.json'])).toThrow(/Windows/);
    expect(() => parseSchemaValues(['9.1.=x.json', '9.0=y.json'])).toThrow(/Windows/);
    expect(parseSchemaValues(['9.0=x.json', '9.1=y.json'])).toEqual({
      versions: [
        { label: '9.0', source: 'x.json' },
        { label: '9.1', source: 'y.json' },
      ],
    });
  });
});
