/**
 * Relevance of the search index on the real PVE 9.1 schema: every query of harness/search-queries.ts
 * must find one of its expected operations in the top 3. The index is built, serialized into the
 * script the site ships, evaluated and loaded exactly as the browser does, and queried with the
 * same shared ranking code (generator/search/query.ts).
 *
 * The held-out half was written before any tuning and must hold >= 90% top-3; the tuning half is
 * held to the same bar so that regressions show. Hit rates and every miss are printed.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { searchIndexScript } from '../../generator/search/index.js';
import { loadSearchIndex, searchOperations, type LoadableIndex } from '../../generator/search/query.js';
import { INDEX_GLOBAL } from '../../generator/search/terms.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { HELD_OUT, TUNING, type RelevanceQuery } from '../../harness/search-queries.js';

type Index = ReturnType<typeof loadSearchIndex>;

interface Outcome {
  hits: number;
  total: number;
  rate: number;
  misses: string[];
}

function evaluate(index: Index, queries: RelevanceQuery[]): Outcome {
  const misses: string[] = [];
  let hits = 0;
  for (const { q, expect: wanted } of queries) {
    const ranked = searchOperations(index, q, 10).map((h) => `${h.method} ${h.path}`);
    const rank = ranked.findIndex((r) => wanted.includes(r));
    if (rank >= 0 && rank < 3) hits++;
    else misses.push(`"${q}": want ${wanted[0] ?? '?'} — rank ${rank < 0 ? '>10' : rank + 1}; top 3: ${ranked.slice(0, 3).join(' | ')}`);
  }
  return { hits, total: queries.length, rate: hits / queries.length, misses };
}

function report(name: string, o: Outcome): void {
  console.log(
    `[search relevance] ${name}: ${o.hits}/${o.total} in top 3 (${(o.rate * 100).toFixed(1)}%)${o.misses.length ? '\n  miss ' + o.misses.join('\n  miss ') : ''}`,
  );
}

describe('search relevance on PVE 9.1', () => {
  let index: Index;

  beforeAll(async () => {
    const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') }, silentLogger());
    const script = searchIndexScript(model);
    const window: Record<string, unknown> = {};
    new Function('window', script)(window);
    index = loadSearchIndex(window[INDEX_GLOBAL] as LoadableIndex);
  });

  it('has at least 60 queries, split into two halves of similar size', () => {
    expect(TUNING.length + HELD_OUT.length).toBeGreaterThanOrEqual(60);
    expect(Math.min(TUNING.length, HELD_OUT.length)).toBeGreaterThanOrEqual(25);
  });

  it('finds the issue examples in the top 3', () => {
    const examples = evaluate(index, [
      { q: 'start vm', expect: ['POST /nodes/{node}/qemu/{vmid}/status/start'] },
      { q: 'create snapshot container', expect: ['POST /nodes/{node}/lxc/{vmid}/snapshot'] },
      { q: 'cluster firewall rules', expect: ['GET /cluster/firewall/rules'] },
      { q: 'list storage', expect: ['GET /storage'] },
      {
        q: 'snapshto',
        expect: [
          'POST /nodes/{node}/qemu/{vmid}/snapshot',
          'GET /nodes/{node}/qemu/{vmid}/snapshot',
          'POST /nodes/{node}/lxc/{vmid}/snapshot',
          'GET /nodes/{node}/lxc/{vmid}/snapshot',
        ],
      },
    ]);
    expect(examples.misses).toEqual([]);
  });

  it('tuning half: >= 90% top 3', () => {
    const o = evaluate(index, TUNING);
    report('tuning half', o);
    expect(o.rate).toBeGreaterThanOrEqual(0.9);
  });

  it('held-out half: >= 90% top 3', () => {
    const o = evaluate(index, HELD_OUT);
    report('held-out half', o);
    expect(o.rate).toBeGreaterThanOrEqual(0.9);
  });
});
