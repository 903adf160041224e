/**
 * Relevance of the search on the real PVE 9.1 schema, measured on harness/search-queries.ts: top 1
 * and top 3 for each half. The index is built, serialized into the script the site ships,
 * evaluated and loaded exactly as the browser does, and queried with the same shared ranking
 * (generator/search/query.ts).
 *
 * The held-out half is never used for tuning (test/search/tune.ts prints its counts only). On
 * 2026-12-02, after round 2 (103 new queries dealt alternately, 381 in all): tuning top 3 90.0%,
 * top 1 78.6%; held-out top 3 84.4%, top 1 71.7%, below the bar. Round 3 added operation
 * labels (vocabulary.json `operations`: what the web interface, the admin guide and the QEMU guest
 * agent documentation call 242 operations), weighed on the tuning half only: tuning top 3 198/201
 * (98.5%), top 1 178/201 (88.6%); held-out top 3 169/180 (93.9%), top 1 144/180 (80.0%). The
 * held-out assertion is the bar itself; the tuning one a floor a little under its figure.
 * Round 4 (issue #28): one result per operation, its matching parameters inside it; a create on
 * an item below a creatable collection weighed down; a list query favours the path it names whole;
 * a parameter's update over its create (tuned on the tuning half, 4 public queries of the issue
 * added to it): tuning top 3 202/205, top 1 188/205 (91.7%); held-out (read as counts twice) top 3
 * 170/180 (94.4%), top 1 151/180 (83.9%), still under the 90% top-1 goal.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { searchIndexScript } from '../../generator/search/index.js';
import { loadSearchIndex, type SearchModel } from '../../generator/search/query.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { runIndexScript } from '../helpers/search-script.js';
import { describeOutcome, evaluate, repeatedTop3 } from './evaluate.js';
import { HELD_OUT, TUNING } from '../../harness/search-queries.js';

describe('search relevance on PVE 9.1', () => {
  let model: ApiModel;
  let index: SearchModel;

  beforeAll(async () => {
    ({ model } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') }, silentLogger()));
    index = loadSearchIndex(runIndexScript(searchIndexScript(model)));
  });

  it('has at least 200 queries in two halves of similar size, no query twice', () => {
    expect(TUNING.length + HELD_OUT.length).toBeGreaterThanOrEqual(200);
    expect(Math.min(TUNING.length, HELD_OUT.length)).toBeGreaterThanOrEqual(100);
    const all = [...TUNING, ...HELD_OUT].map((q) => q.q.toLowerCase());
    expect(all.length - new Set(all).size).toBe(0);
  });

  it('expects only operations and parameter rows that exist in the schema', () => {
    const known = new Set<string>();
    for (const p of model.paths) {
      for (const o of p.operations) {
        known.add(`${o.method} ${p.path}`);
        for (const x of o.parameters) known.add(`${o.method} ${p.path}#${x.name}`);
      }
    }
    const unknown = [...TUNING, ...HELD_OUT].flatMap((q) => q.expect.filter((e) => !known.has(e)).map((e) => `${q.q}: ${e}`));
    expect(unknown).toEqual([]);
  });

  it('tuning half: top 3 >= 95%, top 1 >= 90% (regression floor)', () => {
    const o = evaluate(index, TUNING);
    console.log(describeOutcome('tuning half', o));
    expect(o.top3 / o.total).toBeGreaterThanOrEqual(0.95);
    expect(o.top1 / o.total).toBeGreaterThanOrEqual(0.9);
  });

  it('held-out half: top 3 >= 90%, top 1 >= 82% (a floor under the measured figure; the goal is 90%)', () => {
    const o = evaluate(index, HELD_OUT);
    // Counts only: the held-out misses are never printed (they must not steer tuning).
    console.log(describeOutcome('held-out half', { ...o, misses: [] }));
    expect(o.top3 / o.total).toBeGreaterThanOrEqual(0.9);
    expect(o.top1 / o.total).toBeGreaterThanOrEqual(0.82);
  });

  it('every query of both halves has 3 distinct operations in its top 3 (one result per operation)', () => {
    expect(repeatedTop3(index, TUNING)).toEqual([]);
    // Held out: the count, not the queries.
    expect(repeatedTop3(index, HELD_OUT).length).toBe(0);
  });
});
