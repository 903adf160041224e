/**
 * Nothing user- or schema-controlled may enter generated JavaScript outside JSON-encoded string
 * literals (issue #20: `--title '*\/alert(document.domain)/*'` closed the comment at the top of
 * assets/search-index.js and ran as same-origin script). Every .js file of real CLI builds with
 * hostile --title, --api-version, config title and the hostile schema corpus is parsed: a marker
 * may appear only inside string literals, and no file holds "</script", "<!--" or a raw U+2028/U+2029.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'rolldown/experimental';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';
import { hostileSchema } from './corpus.js';

const MARK = 'ZQXJ';
/** Breakouts for a block comment, a line comment, a string and a template literal, each tagged. */
const breakout = (tag: string): string => `*/alert(${MARK}${tag})/*\n//\u2028${MARK}${tag}'"\`\${${MARK}${tag}}</script><!--`;

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...jsFiles(full));
    else if (name.endsWith('.js')) out.push(full);
  }
  return out;
}

/**
 * Every place `needle` occurs in `source` outside a string literal (comments, identifiers,
 * template literals, regular expressions, code). Parsed with the oxc parser that Vite's bundler
 * (rolldown) ships; a file that does not parse is a finding too.
 */
function markersOutsideStrings(source: string, needle: string): string[] {
  const parsed = parseSync('generated.js', source);
  if (parsed.errors.length > 0) return [`does not parse: ${parsed.errors[0]?.message ?? '?'}`];
  const strings: [number, number][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; value?: unknown; start?: unknown; end?: unknown };
    if (n.type === 'Literal' && typeof n.value === 'string' && typeof n.start === 'number' && typeof n.end === 'number') {
      strings.push([n.start, n.end]);
      return;
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(parsed.program);
  // oxc reports UTF-16 offsets for JavaScript strings.
  const found: string[] = [];
  for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) {
    if (!strings.some(([start, end]) => at > start && at + needle.length < end)) found.push(source.slice(Math.max(0, at - 30), at + 40));
  }
  return found;
}

function build(dir: string, args: string[]): void {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), 'build', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(r.status, r.stderr).toBe(0);
}

describe('generated JavaScript', () => {
  it('carries options and schema text only inside JSON string literals', () => {
    const dir = tempDir('pve-apidoc-genjs-');
    const schema = join(dir, 'api.json');
    writeFileSync(schema, JSON.stringify(hostileSchema()));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ title: breakout('config') }));
    build(dir, ['--schema', schema, '--out', 'a', '--title', breakout('title'), '--api-version', breakout('version')]);
    build(dir, ['--schema', schema, '--out', 'b', '--config', config, '--api-version', breakout('version2'), '--offline']);

    const files = [...jsFiles(join(dir, 'a')), ...jsFiles(join(dir, 'b'))];
    expect(files.some((f) => f.endsWith('search-index.js'))).toBe(true);
    let markers = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      markers += source.split('__pwned').length - 1;
      expect(markersOutsideStrings(source, MARK), file).toEqual([]);
      // Hostile schema text carries "<script" and "__pwned": the same rule holds for it.
      expect(markersOutsideStrings(source, '__pwned'), file).toEqual([]);
      expect(source, file).not.toMatch(/<\/script|<!--/i);
      expect(source, file).not.toMatch(/[\u2028\u2029]/);
    }
    // Schema text did reach the JavaScript (as data in the search index), so the check looked at it.
    expect(markers).toBeGreaterThan(0);
  }, 240_000);

  it('the scanner check finds a breakout (it can fail)', () => {
    const broken = `/* index: ${breakout('x')} */\nwindow.x={"a":"${MARK}"};`;
    expect(markersOutsideStrings(broken, MARK).length).toBeGreaterThan(0);
    expect(markersOutsideStrings(`/* fixed */\nwindow.x={"a":"${MARK}"};`, MARK)).toEqual([]);
  });
});
