/** Path node labels: HTML references decoded once, zero-width sort keys and spaces trimmed, in linear time. */
import { describe, expect, it } from 'vitest';
import { pathLabel } from '../../generator/model/path-label.js';

describe('pathLabel', () => {
  it("decodes PBS's zero-width sort key and trims what carries no text", () => {
    expect(pathLabel('&#x200b;Management API (HTTP)', '/')).toBe('Management API (HTTP)');
    expect(pathLabel('\ufeff  a &amp; b \u200b', '/x')).toBe('a & b');
    expect(pathLabel('a\u200bb', '/x')).toBe('a\u200bb');
    expect(pathLabel(undefined, '/nodes/{node}')).toBe('{node}');
    expect(pathLabel('&#x200b; ', '/nodes')).toBe('nodes');
    expect(pathLabel('&bogus; &#0;', '/x')).toBe('&bogus; &#0;');
  });

  it('trims in linear time: a hostile label of a million inner spaces', () => {
    // A trim regex (`\s+$`) retried at every space is quadratic: about ten minutes for this label.
    // The test's timeout is a hang guard, not a measured threshold.
    const inner = `a${' '.repeat(1_000_000)}b`;
    expect(pathLabel(` ${inner}\u200b`, '/x')).toBe(inner);
  });
});
