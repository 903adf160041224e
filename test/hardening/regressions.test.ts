/**
 * One regression test per bug the hardening work found and fixed, each named after what it guards
 * (the hostile, fuzz and quality-gate suites found them; these pin them down small and fast).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { ValidationError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { pageFile, segmentSlug } from '../../generator/model/urls.js';
import { clipText, MAX_SHOWN, neutralizeInvisible } from '../../generator/render/escape.js';
import { createMarkdown } from '../../generator/render/markdown.js';
import { tempDir } from '../helpers/tree.js';
import { checkLinks } from './links.js';

const method = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'x',
  description: 'X.',
  parameters: { additionalProperties: 0, properties },
  returns: { type: 'null' },
  ...extra,
});

async function buildSchema(
  schema: unknown,
  options: { formats?: unknown } = {},
): Promise<{ out: string; page: (apiPath: string) => string }> {
  const dir = tempDir('pve-apidoc-regress-');
  const file = join(dir, 'api.json');
  writeFileSync(file, JSON.stringify(schema));
  let formats: string | undefined;
  if (options.formats !== undefined) {
    formats = join(dir, 'formats.json');
    writeFileSync(formats, JSON.stringify(options.formats));
  }
  const out = join(dir, 'site');
  await build({ schema: file, out, ...(formats ? { formats } : {}) }, silentLogger());
  return { out, page: (apiPath) => readFileSync(join(out, pageFile(apiPath)), 'utf8') };
}

describe('hardening regressions', () => {
  it('escapes the family name in the numbered-family range note', async () => {
    const { page } = await buildSchema([
      {
        path: '/a',
        info: {
          POST: method({
            '<img src=x onerror=alert(1)>7': { type: 'string', optional: 1 },
            '<img src=x onerror=alert(1)>8': { type: 'string', optional: 1 },
          }),
        },
      },
    ]);
    const html = page('/a');
    expect(html).toContain('Numbered family');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '<code>&lt;img src&#61;x onerror&#61;alert(1)&gt;7</code> to <code>&lt;img src&#61;x onerror&#61;alert(1)&gt;8</code>',
    );
  });

  it('renders deeply nested Markdown as plain text instead of overflowing the stack', () => {
    const md = createMarkdown();
    const text = '> - '.repeat(20_000) + 'deep';
    const html = md.block(text);
    expect(html.startsWith('<p class="plain-text">')).toBe(true);
    expect(md.inline('> - '.repeat(40) + 'deep')).toMatch(/^(&gt; - ){40}deep$/);
    // Ordinary nesting is still Markdown.
    expect(md.block('> - a\n> - b')).toContain('<blockquote>');
  });

  it('shows Markdown over 16 K characters as plain text (marked is quadratic on some inputs)', () => {
    const md = createMarkdown();
    const html = md.block('_a'.repeat(40_000));
    expect(html.startsWith('<p class="plain-text">')).toBe(true);
  });

  it('cuts schema text over the display limits visibly, in descriptions and code', async () => {
    expect(clipText('abc', 5)).toBe('abc');
    expect(clipText('abcdef', 4)).toBe('abcd … [2 more characters not shown]');
    // never half a surrogate pair
    expect(clipText('ab😀cd', 3)).toBe('ab … [4 more characters not shown]');
    const huge = 'Z'.repeat(1 << 20);
    const { page } = await buildSchema([
      { path: '/a', info: { GET: method({ x: { type: 'string', optional: 1, description: huge, default: huge, enum: [huge] } }) } },
    ]);
    const html = page('/a');
    expect(html.length).toBeLessThan(MAX_SHOWN.text + 4 * MAX_SHOWN.code + 200_000);
    expect(html).toContain(`[${(1 << 20) - MAX_SHOWN.text} more characters not shown]`);
    expect(html).toContain(`[${(1 << 20) - MAX_SHOWN.code} more characters not shown]`);
  });

  it('neutralizes bidi and control characters in the finished page, Handlebars-escaped text included', async () => {
    expect(neutralizeInvisible('a\u202eb\u0000c\td')).toBe('a&lt;U+202E&gt;b&lt;U+0000&gt;c\td');
    const { page } = await buildSchema([
      { path: '/a', text: 'evil\u202eexe.txt', info: { GET: method({}, { description: 'Right\u2067to\u2069left and a bell\u0007.' }) } },
    ]);
    const html = page('/a');
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u0000-\u0008]/);
    expect(html).toContain('evil&lt;U+202E&gt;exe.txt');
    expect(html).toContain('Right&lt;U+2067&gt;to&lt;U+2069&gt;left');
  });

  it('does not resolve renderers or format names like "constructor" to Object.prototype members', async () => {
    const { page } = await buildSchema(
      [
        {
          path: '/a',
          info: {
            GET: method({
              r: { type: 'string', optional: 1, renderer: 'constructor' },
              f: { type: 'string', optional: 1, format: 'toString' },
              p: { type: 'string', optional: 1, format: '__proto__' },
            }),
          },
        },
      ],
      { formats: { real: { key: { type: 'string' } } } },
    );
    const html = page('/a');
    expect(html).toContain('Rendered as constructor');
    expect(html).not.toMatch(/function Object|\[native code\]|\[object Object\]/);
  });

  it('builds enum values and inline property-string keys named toString or __proto__', async () => {
    const { page } = await buildSchema([
      {
        path: '/a',
        info: {
          GET: method({
            e: { type: 'string', optional: 1, enum: [{ toString: 1 }, 'plain'] },
            s: {
              type: 'string',
              optional: 1,
              format: { toString: { type: 'string', optional: 1 }, ['__proto__']: { type: 'string', optional: 1 } },
            },
            // computed keys: a literal `__proto__:` would set the prototype instead of a key
            u: { type: 'string', optional: 1, ['__proto__']: 'kept as an unknown key' },
          }),
        },
      },
    ]);
    const html = page('/a');
    expect(html).toContain('{&quot;toString&quot;:1}');
    expect(html).toContain('<code>__proto__</code>');
    expect(html).toContain('&quot;kept as an unknown key&quot;');
  });

  it('gives path segments too long for a file name a hashed page folder', async () => {
    expect(segmentSlug('a'.repeat(300))).toMatch(/^~~[0-9a-f]{64}$/);
    expect(segmentSlug('é'.repeat(100))).toMatch(/^~~[0-9a-f]{64}$/);
    expect(segmentSlug('é'.repeat(40))).toBe('~' + 'c3a9'.repeat(40));
    expect(segmentSlug('a'.repeat(300))).not.toBe(segmentSlug('a'.repeat(301)));
    const long = '/' + 'a'.repeat(300) + '/' + 'é'.repeat(150);
    const { out, page } = await buildSchema([{ path: '/' + 'a'.repeat(300), children: [{ path: long, info: { GET: method({}) } }] }]);
    expect(page(long)).toContain('<h1>');
    expect(checkLinks(out).broken).toEqual([]);
  });

  it('validates a bare --formats registry before reading it', async () => {
    const schema = [{ path: '/a', info: { GET: method({ x: { type: 'string', format: 'k' } }) } }];
    const bad = buildSchema(schema, { formats: { k: { key: { typetext: { toString: 1 } } } } });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    // The deepest cause is named, not a branch of the anyOf that is a $ref ("must have required property 'x-proxmox-code'").
    await expect(bad).rejects.toThrow(/formats\.json:\/k\/key\/typetext - must be string$/);
    await expect(buildSchema(schema, { formats: { k: { key: { type: 'string' } } } })).resolves.toBeDefined();
  });

  it('names the cause of a failed anyOf whose branches are $refs, or merges them into "must be A or B"', async () => {
    const viewer = (properties: Record<string, unknown>): unknown => [{ path: '/a', info: { GET: method(properties) } }];
    await expect(buildSchema(viewer({ x: { type: 5 } }))).rejects.toThrow(
      /:\/0\/info\/GET\/parameters\/properties\/x\/type - must be string or array$/,
    );
    await expect(buildSchema(viewer({ x: 'not a schema' }))).rejects.toThrow(/\/properties\/x - must be object$/);
  });

  it('gives "/a/b", "/a//b" and "/a/b/" their own pages, and parameters ids no heading or example has', async () => {
    expect(new Set([pageFile('/a/b'), pageFile('/a//b'), pageFile('/a/b/')]).size).toBe(3);
    expect(pageFile('/')).toBe('api/index.html');
    expect(pageFile('/nodes/{node}')).toBe('api/nodes/_node/index.html');
    const params = Object.fromEntries(
      ['title', 'params', 'returns', 'curl', 'python', 'X', 'x', 'x-2'].map((n) => [n, { type: 'string', optional: 1 }]),
    );
    const { out, page } = await buildSchema([
      {
        path: '/a',
        children: [
          { path: '/a/b', info: { GET: method(params) } },
          { path: '/a//b', info: { GET: method({}) } },
          { path: '/a/b/', info: { GET: method({}) } },
        ],
      },
    ]);
    const ids = [...page('/a/b').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(
      expect.arrayContaining(['get-title', 'get-title-2', 'get-params-2', 'get-curl-2', 'get-x', 'get-x-2', 'get-x-2-2']),
    );
    expect(checkLinks(out).broken).toEqual([]);
  });

  it('the link checker finds missing files, missing anchors, slash-less folder links and script URLs', () => {
    const root = tempDir('pve-apidoc-links-');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'manifest.json'), JSON.stringify({ paths: [{ path: '/x', url: 'gone/index.html' }] }));
    writeFileSync(join(root, 'sub', 'index.html'), '<p id="here">x</p>');
    writeFileSync(
      join(root, 'index.html'),
      '<a href="sub/">ok</a><a href="sub/#here">ok</a><a href="#top" id="top">ok</a><a href="https://example.org/">ext</a>' +
        '<a href="missing/">1</a><a href="sub/#nowhere">2</a><a href="sub">3</a><a href="javascript:alert(1)">4</a>',
    );
    const report = checkLinks(root);
    expect(report.external).toBe(1);
    expect(report.broken).toHaveLength(5);
    expect(report.broken.join('\n')).toMatch(
      /missing\/.*points to no file[\s\S]*no id "nowhere"[\s\S]*href="sub" points to no file[\s\S]*javascript[\s\S]*gone\/index\.html/,
    );
  });
});
