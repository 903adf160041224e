/** Values made from a pattern: deterministic, short, printable, and accepted by the pattern itself. */
import { describe, expect, it } from 'vitest';
import { testPattern } from '../../generator/text/pattern.js';
import { samplePattern } from '../../generator/text/regex/sample.js';

describe('samplePattern', () => {
  it('makes the shortest readable value a Perl pattern accepts', () => {
    expect(samplePattern('C\\d+R\\d+T\\d+', 'perl')).toBe('C1R1T1');
    expect(samplePattern('\\d{1,2}:\\d{1,2}', 'perl')).toBe('1:1');
    expect(samplePattern('\\d?\\d:\\d?\\d', 'perl')).toBe('1:1');
    expect(samplePattern('(?^:[a-z][a-z0-9]*)', 'perl')).toBe('a');
    expect(samplePattern('(all|([a-z][a-z])+( ([a-z][a-z])+)*)', 'perl')).toBe('all');
    expect(samplePattern('^/([^/\\0]+\\/)+[^/\\0]+$', 'perl')).toBe('/a/a');
  });

  it('reads Rust patterns (PBS) too: POSIX classes, named groups, one-sided anchors', () => {
    const upid = samplePattern(
      '^UPID:(?P<node>[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):(?P<pid>[0-9A-Fa-f]{8}):(?P<wid>[^:\\s]*):$',
      'rust',
    );
    expect(upid).toBe('UPID:a:aaaaaaaa::');
    expect(samplePattern('^(?:[^\\s:/[:cntrl:]]+)@(?:[A-Za-z0-9_][A-Za-z0-9._\\-]*)$', 'rust')).toBe('a@a');
    expect(samplePattern('^pbs(?:[cbsp])-[0-9a-f]{10}$', 'rust')).toBe('pbsb-aaaaaaaaaa');
    expect(samplePattern('^[[:^cntrl:]]*$', 'rust')).toBe('a');
  });

  it('never returns what the pattern or the length limits reject', () => {
    // An empty value is no example: `x*` gives one x.
    expect(samplePattern('x*', 'perl')).toBe('x');
    expect(samplePattern('[a-z]+', 'perl', { minLength: 3 })).toBe('aaa');
    expect(samplePattern('[a-z]{5}', 'perl', { maxLength: 4 })).toBeNull();
    // Only control characters: nothing printable to show.
    expect(samplePattern('\\n+', 'perl')).toBeNull();
    // Look-ahead RE2 cannot run: no sample (and nothing is run on a backtracking engine).
    expect(samplePattern('(?=a)a', 'perl')).toBeNull();
    for (const p of ['C\\d+R\\d+T\\d+', '[^\\s:/[:cntrl:]]+@[a-z]', '(?i)^ab+$']) {
      const syntax = p.includes('[:') || p.startsWith('(?i)') ? 'rust' : 'perl';
      const v = samplePattern(p, syntax);
      expect(v).not.toBeNull();
      expect(testPattern(p, v as string, syntax)).toBe(true);
    }
  });

  it('gives up, without throwing, on a hostile pattern: deep nesting, huge size, nested repetitions', () => {
    // Thousands of nested groups exhausted the recursive reader's stack (a RangeError out of the build).
    expect(samplePattern(`${'('.repeat(5000)}a${')'.repeat(5000)}`, 'perl')).toBeNull();
    expect(samplePattern(`${'(?:'.repeat(3000)}a${')'.repeat(3000)}`, 'rust')).toBeNull();
    // Nesting a real schema could use is still read.
    expect(samplePattern(`${'('.repeat(20)}a${')'.repeat(20)}`, 'perl')).toBe('a');
    // Longer than any pattern testPattern compiles: not read at all.
    expect(samplePattern('a'.repeat(20_000), 'perl')).toBeNull();
    // Repetitions of repetitions stay within the size limit instead of multiplying.
    expect(samplePattern('(((a{256}){256}){256}){256}', 'perl')).toBeNull();
  });
});
