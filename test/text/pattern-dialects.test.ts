/**
 * One regex translation for both dialects: Perl (PVE, PMG: full match, `$` before a final newline)
 * and PBS's JavaScript-style literals around Rust `regex` syntax (a search). The patterns here are
 * written in the shapes the PBS schema uses (anchored `^(?:...)$`, POSIX classes inside brackets,
 * named groups, `(?m)`, an alternation anchored at one end only).
 */
import { describe, expect, it } from 'vitest';
import { rustOnlySyntax, schemaPattern } from '../../generator/text/regex/dialect.js';
import { ecmaPattern } from '../../generator/text/regex/ecma.js';
import { testPattern } from '../../generator/text/pattern.js';

const SAFE_ID = '^(?:[A-Za-z0-9_][A-Za-z0-9._\\-]*)$';
const USER_ID = '^(?:(?:[^\\s:/[:cntrl:]]+)@(?:[A-Za-z0-9_][A-Za-z0-9._\\-]*))$';
const UPID =
  '^UPID:(?P<node>[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):(?P<pid>[0-9A-Fa-f]{8}):(?P<pstart>[0-9A-Fa-f]{8,9}):(?P<task_id>[0-9A-Fa-f]{8,16}):(?P<starttime>[0-9A-Fa-f]{8}):(?P<wtype>[^:\\s]+):(?P<wid>[^:\\s]*):(?P<authid>[^:\\s]+):$';
const DISK = '^(?:(?:h|s|x?v)d[a-z]+)|(?:nvme\\d+n\\d+)$';
const MULTILINE = '(?m)^([[:^cntrl:]]*)$';
const PBS_UPID = 'UPID:pbs1:0000A1B2:0001C3D4:00000001:66000000:garbage_collection:store1:root@pam:';

/** The server's answer (RE2, as PBS applies it) and the OpenAPI translation's answer must agree. */
function both(pattern: string, value: string): boolean {
  const server = testPattern(pattern, value, 'rust');
  const ecma = ecmaPattern(pattern, 'rust');
  expect(ecma).not.toBeNull();
  expect(new RegExp(ecma as string, 'u').test(value)).toBe(server);
  expect(new RegExp(ecma as string).test(value)).toBe(server);
  return server === true;
}

describe('schemaPattern', () => {
  it('unwraps PBS literals to the bare regex, flags as an inline group', () => {
    expect(schemaPattern(`/${SAFE_ID}/`, 'js-literal')).toEqual({ pattern: SAFE_ID, syntax: 'rust' });
    expect(schemaPattern('/^a+$/i', 'js-literal')).toEqual({ pattern: '(?i)^a+$', syntax: 'rust' });
    expect(schemaPattern('/^a$/gu', 'js-literal')).toEqual({ pattern: '^a$', syntax: 'rust' });
    expect(schemaPattern('/^a$/y', 'js-literal')).toEqual({ pattern: '/^a$/y', syntax: 'opaque' });
    expect(schemaPattern('^a$', 'js-literal')).toEqual({ pattern: '^a$', syntax: 'rust' });
  });

  it('leaves Perl patterns alone, slashes included (PVE writes device paths)', () => {
    expect(schemaPattern('/dev/usb/lp\\d+', 'perl')).toEqual({ pattern: '/dev/usb/lp\\d+', syntax: 'perl' });
  });
});

describe('Rust patterns (PBS), run as PBS runs them', () => {
  it('accepts real PBS names and rejects what PBS rejects', () => {
    expect(both(USER_ID, 'root@pam')).toBe(true);
    expect(both(USER_ID, 'backup@pbs')).toBe(true);
    expect(both(USER_ID, 'root')).toBe(false);
    expect(both(USER_ID, 'ro ot@pam')).toBe(false);
    expect(both(USER_ID, 'ro\x01ot@pam')).toBe(false);
    expect(both(SAFE_ID, 'store1')).toBe(true);
    expect(both(SAFE_ID, '-store')).toBe(false);
    expect(both(SAFE_ID, 'store/1')).toBe(false);
    expect(both(UPID, PBS_UPID)).toBe(true);
    expect(both(UPID, 'UPID:pve1:0000A1B2:0001C3D4:66000000:qmstart:100:root@pam:')).toBe(false);
  });

  it('searches, as Regex::is_match does: an alternation anchored at one end only', () => {
    expect(both(DISK, 'sdb')).toBe(true);
    expect(both(DISK, 'sdb1')).toBe(true);
    expect(both(DISK, 'nvme0n1')).toBe(true);
    expect(both(DISK, 'my-nvme0n1')).toBe(true);
    expect(both(DISK, 'nvme0n1p1')).toBe(false);
  });

  it('keeps (?m) line anchors at \\n only, and `$` is the end of the text', () => {
    expect(both(MULTILINE, 'one\ntwo')).toBe(true);
    expect(both(MULTILINE, '\x01\nok')).toBe(true);
    expect(both('^a$', 'a\n')).toBe(false);
    expect(both('^a.c$', 'a\rc')).toBe(true);
    expect(both('^a.c$', 'a\nc')).toBe(false);
    expect(both('(?s)^a.c$', 'a\nc')).toBe(true);
    expect(both('(?i)^ab$', 'AB')).toBe(true);
    expect(both('^(?i:a)b$', 'Ab')).toBe(true);
    expect(both('^(?i:a)b$', 'AB')).toBe(false);
    expect(both('^\\u{41}\\x{42}$', 'AB')).toBe(true);
  });

  it('applies Perl patterns as a full match, where `$` also matches before a final newline', () => {
    expect(testPattern('[a-z]+', 'abc')).toBe(true);
    expect(testPattern('[a-z]+', 'abc\n')).toBe(true);
    expect(testPattern('[a-z]+', 'abc1')).toBe(false);
    // The same text as a Rust pattern is a search.
    expect(testPattern('[a-z]+', 'abc1', 'rust')).toBe(true);
  });

  it('ends a bracket class at its `]`, also when a `[` is its last member', () => {
    // `[a[]` is the class {a, [}: the `{,2}` after it is Perl's quantifier, not class text. The
    // RE2 translation once ended the class only at a `]` not preceded by `[`, and so left `{,2}`
    // as it was: RE2 reads that literally, and the checker then disagreed with the OpenAPI export.
    expect(testPattern('[a[]{,2}', 'a[')).toBe(true);
    expect(testPattern('[a[]{,2}', 'aaa')).toBe(false);
    expect(testPattern('[^[](?^:x)', 'ax')).toBe(true);
    expect(new RegExp(ecmaPattern('[a[]{,2}') ?? '').test('a[')).toBe(true);
  });

  it('does not translate what RE2 or ECMAScript would read differently: reported, never guessed', () => {
    for (const p of [
      '^[a-z&&[^x]]$',
      '^[[a-z]--[x]]$',
      '^[a~~b]$',
      '^[a[bc]]$',
      '\\<word\\>',
      '\\b{start}a',
      '(?x) a',
      '(?U)a+',
      '(?-u)a',
    ]) {
      expect(rustOnlySyntax(p)).toBe(true);
      expect(testPattern(p, 'a', 'rust')).toBe('unsupported');
      expect(ecmaPattern(p, 'rust')).toBeNull();
    }
    expect(testPattern('^a$', 'a', 'opaque')).toBe('unsupported');
    expect(ecmaPattern('/^a$/y', 'opaque')).toBeNull();
    // POSIX classes alone or mixed are no Rust-only syntax.
    expect(rustOnlySyntax(USER_ID)).toBe(false);
    expect(rustOnlySyntax('^[[:^cntrl:]]*$')).toBe(false);
  });

  it('runs a catastrophic Rust pattern in linear time (RE2), never on a backtracking engine', () => {
    const value = `${'a'.repeat(5000)}!`;
    expect(testPattern('^(a+)+$', value, 'rust')).toBe(false);
    expect(testPattern('^(.*){80}z$', value, 'rust')).toBe(false);
  });
});
