/** Trimming runs off the ends of untrusted text: the same results a `/x+$/` regex gave, in linear time. */
import { describe, expect, it } from 'vitest';
import { DIGITS, trimBoth, trimEnd } from '../../generator/text/trim.js';
import { mdFence } from '../../generator/export/markdown-text.js';
import { zipPathFor } from '../../generator/write/zip.js';

describe('trimEnd and trimBoth', () => {
  it('remove the run at the end (or both ends) and nothing inside', () => {
    expect(trimEnd('net12', DIGITS)).toBe('net');
    expect(trimEnd('12', DIGITS)).toBe('');
    expect(trimEnd('a1b', DIGITS)).toBe('a1b');
    expect(trimEnd('', DIGITS)).toBe('');
    expect(trimBoth('__a_b__', '_')).toBe('a_b');
    expect(trimBoth('____', '_')).toBe('');
    expect(trimBoth(' x ', (u) => u === ' ')).toBe('x');
  });

  it('agree with the regexes they replace on mixed input', () => {
    for (const s of ['', '_', 'a', '_a_', 'a__', '__a', 'a_b_', '_a_b', 'a1_2_', '1_1', 'x__y__z___']) {
      expect(trimEnd(s, '_')).toBe(s.replace(/_+$/, ''));
      expect(trimBoth(s, '_')).toBe(s.replace(/^_+|_+$/g, ''));
      expect(trimEnd(s, DIGITS)).toBe(s.replace(/\d+$/, ''));
    }
  });

  it('stay linear on a hostile inner run (100,000 underscores: 11 s as a regex)', () => {
    // The timeout is a hang guard, not a measured threshold.
    const inner = `a${'_'.repeat(100_000)}b`;
    expect(trimBoth(`_${inner}_`, '_')).toBe(inner);
    expect(trimEnd(`${'1'.repeat(100_000)}x`, DIGITS)).toHaveLength(100_001);
  });
});

describe('the call sites', () => {
  it('mdFence drops trailing newlines only, and a long inner run of them is no hang', () => {
    expect(mdFence('a\n\n')).toBe('```\na\n```');
    expect(mdFence(`${'\n'.repeat(100_000)}x`)).toHaveLength(100_001 + 8);
  });

  it('zipPathFor drops the trailing separators of the output folder', () => {
    expect(zipPathFor('out//')).toBe('out.zip');
    expect(zipPathFor('a\\b\\')).toBe('a\\b.zip');
  });
});
