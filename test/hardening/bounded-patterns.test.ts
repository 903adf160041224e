/**
 * Schema `pattern`s are untrusted: a backtracking engine runs `(.*){80}z` for ever on a short
 * value, which hung `build` and `dev`. Every schema pattern now runs through text/pattern.ts (RE2,
 * linear time). Checked three ways: the module's answers (Perl semantics where RE2 can be exact,
 * 'unsupported' where it cannot), a real CLI build of a schema full of catastrophic patterns in a
 * child process (the timeout is a hang guard, not a measured threshold), and a source scan that no
 * other code builds a RegExp from a string at run time.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPattern } from '../../generator/text/pattern.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

/** Patterns that take exponential time on a backtracking engine for the value beside them. */
const CATASTROPHIC: [string, string][] = [
  ['(.*){80}z', 'a'.repeat(40)],
  ['(a+)+$', `${'a'.repeat(60)}!`],
  ['(a|aa)+b', 'a'.repeat(80)],
  ['(?^:(\\w+\\s?)*$)', `${'word '.repeat(30)}!`],
  ['([a-z]+)*[0-9]', 'abcdefghij'.repeat(8)],
];

describe('bounded schema patterns', () => {
  it('answers catastrophic patterns without backtracking', () => {
    for (const [pattern, value] of CATASTROPHIC) expect(testPattern(pattern, value), pattern).toBe(false);
    expect(testPattern('(.*){80}z', `${'a'.repeat(40)}z`)).toBe(true);
  });

  it('matches the whole value, with the Perl spellings the dumps use', () => {
    expect(testPattern('ab', 'xab')).toBe(false);
    expect(testPattern('a|b', 'ab')).toBe(false);
    expect(testPattern('(?^i:[a-z]+)', 'AbC')).toBe(true);
    expect(testPattern('(?^:a(?^i:b))', 'aB')).toBe(true);
    expect(testPattern('(?^:a(?^i:b))', 'AB')).toBe(false);
    expect(testPattern('a{,3}', 'aaa')).toBe(true);
    expect(testPattern('a{,3}', 'aaaa')).toBe(false);
    expect(testPattern('[{,3}]+', '{,3}')).toBe(true);
    expect(testPattern('\\_\\-\\@', '_-@')).toBe(true);
  });

  it('relaxes bounds above RE2 limit only where that is exact, and says so elsewhere', () => {
    expect(testPattern('[0-9a-z]{0,4096}', 'abc')).toBe(true);
    expect(testPattern('[0-9a-z]{0,4096}', 'ABC')).toBe(false);
    expect(testPattern('[a]{0,4096}', 'a'.repeat(4097))).toBe('unsupported');
    expect(testPattern('x{1001}', 'x')).toBe('unsupported');
  });

  it('calls what RE2 cannot do exactly unsupported instead of guessing', () => {
    for (const p of ['(a)\\1', 'a(?=b)', '(?<!a)b', '(?>a+)b', 'a++', '(?^x: a )', '(', 'x'.repeat(20_000)]) {
      expect(testPattern(p, 'ab'), p).toBe('unsupported');
    }
    expect(testPattern('a*', 'a'.repeat(70_000))).toBe('unsupported');
  });

  it('names such as constructor or __proto__ are only cache keys in Maps', () => {
    expect(testPattern('constructor', 'constructor')).toBe(true);
    expect(testPattern('__proto__', 'toString')).toBe(false);
  });

  it('builds a schema whose parameters carry catastrophic patterns (CLI, hang guard)', () => {
    const dir = tempDir('pve-apidoc-patterns-');
    const properties: Record<string, unknown> = Object.fromEntries(
      CATASTROPHIC.map(([pattern], i) => [`p${i}`, { type: 'string', pattern, description: 'P.' }]),
    );
    // A pattern inside a property string's keys too (format examples test values against it).
    properties.prop = { type: 'string', format: { size: { type: 'string', pattern: '(.*){80}z', default_key: 1 } } };
    const schema = [
      {
        path: '/a',
        text: 'a',
        leaf: 1,
        info: { POST: { name: 'x', description: 'X.', parameters: { additionalProperties: 0, properties }, returns: { type: 'null' } } },
      },
    ];
    const file = join(dir, 'api.json');
    writeFileSync(file, JSON.stringify(schema));
    const run = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), 'build', '--schema', file, '--out', join(dir, 'site')],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        killSignal: 'SIGKILL',
      },
    );
    expect(run.signal, 'the build was killed by the hang guard').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^built 1 path pages/);
    rmSync(dir, { recursive: true, force: true });
  }, 150_000);

  it('no other code builds a RegExp from text at run time (generator/ and site/src/)', () => {
    // regex/ecma.ts only compiles (syntax check, never runs) the translated pattern for the export.
    const allowed = new Set(['generator/text/regex/ecma.ts']);
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ts$/.test(name) && name !== 'precompiled.ts') {
          const rel = relative(REPO_ROOT, full);
          if (/\bRegExp\s*\(/.test(readFileSync(full, 'utf8')) && !allowed.has(rel)) offenders.push(rel);
        }
      }
    };
    walk(join(REPO_ROOT, 'generator'));
    walk(join(REPO_ROOT, 'site', 'src'));
    expect(offenders).toEqual([]);
  });
});
