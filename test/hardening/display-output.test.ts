/**
 * Output that others display (issue #20): `diff --format md` printed schema paths raw, so a
 * backtick ended the code span and images, HTML and `javascript:` links rendered in a PR comment,
 * and ESC, BEL and CR reached the terminal; raw ESC also passed into llms.txt. The Markdown is
 * rendered (marked, as a PR comment would be) and checked for anything a reader did not write.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const HOSTILE_PATHS = [
  '/a`![x](http://evil.example/x.png)`',
  '/b`<img src=x onerror=alert(1)>`',
  '/c`[click](javascript:alert(1))`',
  '/d\u001b]0;owned\u0007\u001b[31mred\r',
  '/e``<script>alert(1)</script>``',
];
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const op = (description = 'X.'): Record<string, unknown> => ({
  GET: { name: 'x', description, parameters: { additionalProperties: 0, properties: {} }, returns: { type: 'null' } },
});
const node = (path: string, description?: string): Record<string, unknown> => ({ path, text: path, leaf: 1, info: op(description) });

/** What the rendered Markdown contains besides text, code and our own structure. */
function foreignMarkup(markdown: string): string[] {
  const html = marked.parse(markdown, { async: false });
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    if (!['h1', 'h2', 'h3', 'p', 'ul', 'li', 'code', 'strong', 'em'].includes(m[1]!.toLowerCase())) found.push(m[0]);
  }
  return found;
}

describe('output others display', () => {
  it('diff --format md keeps every path inside a code span and no control character reaches the terminal', () => {
    const dir = tempDir('pve-apidoc-display-');
    writeFileSync(join(dir, 'old.json'), JSON.stringify([node('/kept'), ...HOSTILE_PATHS.slice(0, 2).map((p) => node(p))]));
    writeFileSync(join(dir, 'new.json'), JSON.stringify([node('/kept', 'Changed.'), ...HOSTILE_PATHS.slice(2).map((p) => node(p))]));
    const r = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), 'diff', join(dir, 'old.json'), join(dir, 'new.json'), '--format', 'md'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toContain('Removed operations');
    expect(r.stdout).toContain('Added operations');
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).not.toContain('\r');
    expect(foreignMarkup(r.stdout)).toEqual([]);
    // The paths are shown (as code), not dropped.
    expect(r.stdout).toContain('![x](http://evil.example/x.png)');
    expect(r.stdout).toContain('\\u001b');
  });

  it('llms.txt and llms-full.txt carry no raw control characters', async () => {
    const dir = tempDir('pve-apidoc-display-');
    const file = join(dir, 'api.json');
    writeFileSync(file, JSON.stringify([node('/x\u001b[2J', 'Clears \u001b[2J the \u0007 screen\u009b.'), node('/y')]));
    const out = join(dir, 'site');
    await build({ schema: file, out }, silentLogger());
    for (const name of ['llms.txt', 'llms-full.txt']) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text, name).not.toMatch(CONTROL);
      expect(text, name).toContain('\\u001b');
    }
  });
});
