/** Perl patterns -> ECMAScript: exact translations only, checked by what they match. */
import { describe, expect, it } from 'vitest';
import { ecmaPattern } from '../../generator/text/regex/ecma.js';

const matches = (perl: string, value: string): boolean => new RegExp(ecmaPattern(perl)!, 'u').test(value);

describe('ecmaPattern', () => {
  it('anchors like the server (m/^$pattern$/)', () => {
    expect(ecmaPattern('[a-z]+')).toBe('^(?:[a-z]+)$');
    expect(matches('[a-z]+', 'abc')).toBe(true);
    expect(matches('[a-z]+', 'abc1')).toBe(false);
  });

  it("turns Perl's stringified groups (?^:...) into (?:...)", () => {
    expect(ecmaPattern('(?^:^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$)')).toBe('^(?:(?:^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$))$');
    expect(matches('(?^:^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$)', '10de:1b80')).toBe(true);
  });

  it('spells out case-insensitive groups letter by letter, ranges included', () => {
    const p = '(?^i:[a-z0-9_][a-z0-9_\\-\\+\\.]*)';
    expect(matches(p, 'Local-LVM.2')).toBe(true);
    expect(matches(p, '-x')).toBe(false);
    expect(matches('(?^i:abc)x', 'AbCx')).toBe(true);
    expect(matches('(?^i:abc)x', 'abcX')).toBe(false);
    // `\)-_` spans A-Z: under /i it spans a-z too, as in Perl.
    expect(matches('(?^i:[\\)-_]+)', 'Az')).toBe(true);
    expect(matches('(?i:a(?^:b))', 'Ab')).toBe(true);
    expect(matches('(?i:a(?^:b))', 'AB')).toBe(false);
  });

  it('reads {,n} as a quantifier (Perl 5.34 and later) and escapes braces that are none', () => {
    expect(ecmaPattern('[A-Za-z0-9\\-_\\s]{,16}')).toBe('^(?:[A-Za-z0-9\\-_\\s]{0,16})$');
    expect(matches('a{,2}', 'aa')).toBe(true);
    expect(matches('a{,2}', 'aaa')).toBe(false);
    expect(matches('x{y}', 'x{y}')).toBe(true);
  });

  it('rewrites escaped punctuation that u-mode rejects, keeping its meaning', () => {
    const p = '[A-Za-z][A-Za-z0-9\\-\\_]+';
    expect(() => new RegExp(p, 'u')).toThrow();
    expect(matches(p, 'vm_1-a')).toBe(true);
    expect(matches('\\@\\:', '@:')).toBe(true);
    expect(matches('[\\w-.]+', 'a-b.c')).toBe(true);
    expect(matches('[\\x41-\\x43]', 'B')).toBe(true);
    expect(matches('[\\x41-\\x43]', '-')).toBe(false);
  });

  it('gives up on what has no exact ECMAScript equivalent', () => {
    for (const p of [
      '\\A[a-z]+\\z',
      '(?^x: a )',
      '[[:alpha:]]',
      '^((?>[+-]?[\\w\\-\\._=]+,?)+)$',
      'a++',
      '\\h',
      '(?#comment)',
      '(?^i:[\\x{e0}-\\x{ff}])',
      '(unbalanced',
      '[unclosed',
    ]) {
      expect(ecmaPattern(p), p).toBeNull();
    }
  });
});
