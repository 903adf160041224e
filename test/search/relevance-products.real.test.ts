/**
 * Relevance of the search on Mail Gateway and Backup Server (issue #28): each product's own
 * held-out set (harness/search-queries.ts PMG_HELD_OUT, PBS_HELD_OUT), ranked by the shared
 * ranking over the index the site ships, with that product's operation labels (vocabulary.json
 * `products`). Held out: only the counts are printed, never the misses.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { searchIndexScript } from '../../generator/search/index.js';
import { loadSearchIndex } from '../../generator/search/query.js';
import { PBS_HELD_OUT, PMG_HELD_OUT, type RelevanceQuery } from '../../harness/search-queries.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { runIndexScript } from '../helpers/search-script.js';
import { describeOutcome, evaluate, repeatedTop3 } from './evaluate.js';

const products: { name: string; schema: string; queries: RelevanceQuery[] }[] = [
  { name: 'Mail Gateway', schema: 'pmg-2019-08.apidata.js', queries: PMG_HELD_OUT },
  { name: 'Backup Server', schema: 'pbs-2025-06.apidoc.js', queries: PBS_HELD_OUT },
];

for (const { name, schema, queries } of products) {
  describe(`search relevance on ${name}`, () => {
    it('expects only operations that exist in the schema; top 3 >= 90%, 3 distinct operations in every top 3', async () => {
      const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, schema) }, silentLogger());
      const known = new Set(model.paths.flatMap((p) => p.operations.map((o) => `${o.method} ${p.path}`)));
      expect(queries.flatMap((q) => q.expect.filter((e) => !known.has(e)).map((e) => `${q.q}: ${e}`))).toEqual([]);
      expect(queries.length).toBeGreaterThanOrEqual(30);
      const index = loadSearchIndex(runIndexScript(searchIndexScript(model)));
      const o = evaluate(index, queries);
      console.log(describeOutcome(`${name} held-out (counts only)`, { ...o, misses: [] }));
      expect(o.top3 / o.total).toBeGreaterThanOrEqual(0.9);
      expect(repeatedTop3(index, queries)).toEqual([]);
    });
  });
}
