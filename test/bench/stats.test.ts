/** The benchmark's pure helpers (bench/stats.ts): statistics and table formatting. No timing here. */
import { describe, expect, it } from 'vitest';
import {
  budgetMark,
  formatBytes,
  formatMs,
  formatRatio,
  formatSummaryMs,
  largest,
  markdownTable,
  median,
  percentile,
  ratio,
  summarize,
  textTable,
  withinBudget,
} from '../../bench/stats.js';

describe('statistics', () => {
  it('median and percentiles interpolate between sorted samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40, 50], 100)).toBe(50);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarize gives n, median, range, p95 and the spread relative to the median', () => {
    const s = summarize([100, 90, 110, 100]);
    expect(s).toMatchObject({ n: 4, median: 100, min: 90, max: 110 });
    expect(s.spread).toBeCloseTo(0.2);
    expect(summarize([5]).spread).toBe(0);
    expect(summarize([]).n).toBe(0);
    expect(summarize([]).median).toBeNaN();
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('ratio is null when a side is missing or zero', () => {
    expect(ratio(300, 1000)).toBeCloseTo(0.3);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 1)).toBeNull();
    expect(ratio(1, NaN)).toBeNull();
  });

  it('largest finds the first item with the biggest value', () => {
    expect(
      largest(
        [
          { f: 'a', n: 1 },
          { f: 'b', n: 3 },
          { f: 'c', n: 3 },
        ],
        (x) => x.n,
      )?.f,
    ).toBe('b');
    expect(largest([], (x: number) => x)).toBeNull();
  });

  it('budgets: within, over, not measured', () => {
    expect(withinBudget(10, 10)).toBe(true);
    expect(withinBudget(10.1, 10)).toBe(false);
    expect(withinBudget(null, 10)).toBeNull();
    expect(withinBudget(NaN, 10)).toBeNull();
    expect([true, false, null].map((b) => budgetMark(b))).toEqual(['yes', 'NO', 'not measured']);
  });
});

describe('formatting', () => {
  it('bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(24 * 1024 ** 3)).toBe('24.0 GB');
    expect(formatBytes(null)).toBe('n/a');
  });

  it('milliseconds, ratios and summaries', () => {
    expect(formatMs(0.1234)).toBe('0.12 ms');
    expect(formatMs(842.6)).toBe('843 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(undefined)).toBe('n/a');
    expect(formatRatio(0.456)).toBe('0.46×');
    expect(formatRatio(null)).toBe('n/a');
    expect(formatSummaryMs(summarize([900, 1000, 1100]))).toBe('1000 ms (±10%)');
    expect(formatSummaryMs(summarize([1000]))).toBe('1000 ms');
    expect(formatSummaryMs(null)).toBe('n/a');
  });

  it('markdownTable escapes pipes and line breaks and fills empty cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', ''], ['1\n2']])).toBe(['| a | b |', '|---|---|', '| x\\|y |   |', '| 1 2 |   |'].join('\n'));
  });

  it('textTable pads columns to the widest cell', () => {
    expect(
      textTable(
        ['name', 'ms'],
        [
          ['viewer', '812'],
          ['refs', '1020'],
        ],
      ),
    ).toBe(['name    ms', '------  ----', 'viewer  812', 'refs    1020'].join('\n'));
  });
});
