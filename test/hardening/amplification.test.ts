/**
 * Amplification limits (issue #20): sizes far above every real schema, each refused with a clear
 * message instead of minutes of work (1e6 parameters took 166 s and wrote a 345 MB page; 16 K of
 * "*a_" took seconds in Markdown). The limits and the measured real maxima are in the modules.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { OutputError, ValidationError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { createMarkdown, MARKDOWN_LIMITS } from '../../generator/render/markdown.js';
import { MAX_PARAMETERS_PER_OPERATION } from '../../generator/validate/limits.js';
import { guardPageSizes, MAX_PAGE_BYTES } from '../../generator/write/guard.js';
import { tempDir } from '../helpers/tree.js';

const operation = (properties: Record<string, unknown>): Record<string, unknown> => ({
  name: 'x',
  description: 'X.',
  parameters: { additionalProperties: 0, properties },
  returns: { type: 'null' },
});

describe('amplification limits', () => {
  it(`refuses more than ${MAX_PARAMETERS_PER_OPERATION} parameters on one operation, naming the pointer`, async () => {
    const dir = tempDir('pve-apidoc-amplify-');
    const properties: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_PARAMETERS_PER_OPERATION; i++) properties[`p${i}`] = { type: 'string', optional: 1 };
    const file = join(dir, 'api.json');
    writeFileSync(file, JSON.stringify([{ path: '/a', text: 'a', leaf: 1, info: { POST: operation(properties) } }]));
    const error = await build({ schema: file, out: join(dir, 'site') }, silentLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      `${file}:/0/info/POST/parameters/properties - ${MAX_PARAMETERS_PER_OPERATION + 1} parameters on one operation, more than the limit of ${MAX_PARAMETERS_PER_OPERATION}`,
    );
    // At the limit it builds.
    delete properties.p0;
    writeFileSync(file, JSON.stringify([{ path: '/a', text: 'a', leaf: 1, info: { POST: operation(properties) } }]));
    await expect(build({ schema: file, out: join(dir, 'site') }, silentLogger())).resolves.toBeDefined();
  }, 120_000);

  it('renders text with more emphasis delimiters than any real description as plain text', () => {
    const md = createMarkdown();
    const bomb = '*a_'.repeat(Math.ceil(MARKDOWN_LIMITS.maxDelimiters / 2) + 1);
    expect(bomb.length).toBeLessThan(MARKDOWN_LIMITS.maxChars);
    expect(md.block(bomb).startsWith('<p class="plain-text">')).toBe(true);
    // Real descriptions (at most 89 delimiters) stay Markdown.
    expect(md.block(`${'*a* '.repeat(44)}`)).toContain('<em>a</em>');
  });

  it('refuses a page over the page-size limit, naming it', () => {
    const big = 'x'.repeat(MAX_PAGE_BYTES + 1);
    expect(() => guardPageSizes([{ file: 'api/a/index.html', content: big }])).toThrow(OutputError);
    expect(() => guardPageSizes([{ file: 'api/a/index.html', content: big }])).toThrow(
      /page api\/a\/index\.html would be 16\.0 MB, more than the 16 MB page limit/,
    );
    // Multi-byte text is measured in bytes, and non-page files (openapi.json) are not pages.
    expect(() => guardPageSizes([{ file: 'p.html', content: 'é'.repeat(MAX_PAGE_BYTES / 2 + 1) }])).toThrow(OutputError);
    expect(() => guardPageSizes([{ file: 'openapi.json', content: big }])).not.toThrow();
    expect(() => guardPageSizes([{ file: 'p.html', content: 'x'.repeat(1024) }])).not.toThrow();
  });
});
