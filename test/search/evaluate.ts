/**
 * Scoring a relevance set against the shared ranking (generator/search/query.ts): top 1 and top 3,
 * with every miss described. Used by the relevance test; kept apart so a tuning script can call it
 * on the tuning half alone.
 */
import { type SearchHit, type SearchModel, search } from '../../generator/search/query.js';
import type { RelevanceQuery } from '../../harness/search-queries.js';

export interface Outcome {
  total: number;
  top1: number;
  top3: number;
  misses: string[];
}

/** "METHOD /path", with the parameters listed under it: "METHOD /path#onboot,agent". */
function hitKey(hit: SearchHit): string {
  const op = `${hit.method} ${hit.path}`;
  return hit.params.length > 0 ? `${op}#${hit.params.map((p) => p.param).join(',')}` : op;
}

/**
 * Whether a hit answers an expectation: "METHOD /path#param" wants that operation with that
 * parameter's row listed under it; "METHOD /path" wants the operation (its parameter rows land in
 * its section too).
 */
function answers(hit: SearchHit, expectation: string): boolean {
  const [op, param] = expectation.split('#');
  if (`${hit.method} ${hit.path}` !== op) return false;
  return param === undefined || hit.params.some((p) => p.param === param);
}

/** Queries whose top 3 holds the same operation twice (none, now that a result is one operation). */
export function repeatedTop3(model: SearchModel, queries: RelevanceQuery[]): string[] {
  return queries.flatMap(({ q }) => {
    const ops = search(model, q, { limit: 3 }).hits.map((h) => `${h.method} ${h.path}`);
    return new Set(ops).size === ops.length ? [] : [q];
  });
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
