/**
 * Scoring a relevance set against the shared ranking (generator/search/query.ts): top 1 and top 3,
 * with every miss described. Used by the relevance test; kept apart so a tuning script can call it
 * on the tuning half alone.
 */
import { type SearchHit, type SearchModel, search } from '../../generator/search/query.js';
import type { RelevanceQuery } from './queries.js';

export interface Outcome {
  total: number;
  top1: number;
  top3: number;
  misses: string[];
}

/** "METHOD /path" for an operation hit, "METHOD /path#param" for a parameter hit. */
export function hitKey(hit: SearchHit): string {
  return hit.kind === 'parameter' ? `${hit.method} ${hit.path}#${hit.param ?? ''}` : `${hit.method} ${hit.path}`;
}

/**
 * Whether a hit answers an expectation: "METHOD /path#param" wants that parameter's row;
 * "METHOD /path" wants the operation or any parameter row of it (both land in its section).
 */
export function answers(hit: SearchHit, expectation: string): boolean {
  return expectation.includes('#') ? hitKey(hit) === expectation : `${hit.method} ${hit.path}` === expectation;
}

export function evaluate(model: SearchModel, queries: RelevanceQuery[]): Outcome {
  const misses: string[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const { q, expect: wanted } of queries) {
    const hits = search(model, q, { limit: 10 }).hits;
    const rank = hits.findIndex((h) => wanted.some((w) => answers(h, w)));
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    else
      misses.push(
        `"${q}": want ${wanted[0] ?? '?'} — rank ${rank < 0 ? '>10' : rank + 1}; top 3: ${hits.slice(0, 3).map(hitKey).join(' | ')}`,
      );
  }
  return { total: queries.length, top1, top3, misses };
}

export function describeOutcome(name: string, o: Outcome): string {
  const pct = (n: number): string => `${((n / o.total) * 100).toFixed(1)}%`;
  return `[search relevance] ${name}: top 1 ${o.top1}/${o.total} (${pct(o.top1)}), top 3 ${o.top3}/${o.total} (${pct(o.top3)})${
    o.misses.length ? `\n  miss ${o.misses.join('\n  miss ')}` : ''
  }`;
}
