/**
 * Pure helpers of the benchmark: summary statistics over samples, ratios, byte and time formatting,
 * and Markdown tables. No I/O here (test/bench checks these).
 */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p95: number;
  /** (max - min) / median: how much the runs disagree; 0 for a single sample. */
  spread: number;
}

/** Linear-interpolated percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, p95: NaN, spread: NaN };
  const med = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { n: samples.length, median: med, min, max, p95: percentile(samples, 95), spread: med === 0 ? 0 : (max - min) / med };
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** The entry with the largest value (first one on ties), or null for an empty list. */
export function largest<T>(items: readonly T[], value: (item: T) => number): T | null {
  let best: T | null = null;
  let bestValue = -Infinity;
  for (const item of items) {
    const v = value(item);
    if (v > bestValue) {
      best = item;
      bestValue = v;
    }
  }
  return best;
}

/** 1536 -> "1.5 KB", 3 * 1024 * 1024 -> "3.0 MB" (binary units, as the budgets are written). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return 'n/a';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

/** Milliseconds: "0.42 ms" below 10, "843 ms" below 10 s, "12.3 s" above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "843 ms (±12%)": a median with its spread. */
export function formatSummaryMs(s: Summary | null | undefined): string {
  if (!s || s.n === 0) return 'n/a';
  return s.n > 1 ? `${formatMs(s.median)} (±${Math.round((s.spread * 100) / 2)}%)` : formatMs(s.median);
}

export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}×`;
}

/** A GitHub-flavoured Markdown table; `|` and line breaks inside cells are escaped. */
export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') || ' ';
  const line = (cells: readonly string[]): string => `| ${head.map((_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A plain-text table for the terminal: columns padded to their widest cell. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface Budget {
  name: string;
  /** Human-readable limit, e.g. "≤ 20 KB gz". */
  limit: string;
  measured: string;
  /** null when the figure could not be measured. */
  ok: boolean | null;
}

/** A value against an upper bound: null (not measured) when the value is missing. */
export function withinBudget(value: number | null | undefined, max: number): boolean | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value <= max;
}

export function budgetMark(ok: boolean | null): string {
  return ok === null ? 'not measured' : ok ? 'yes' : 'NO';
}
