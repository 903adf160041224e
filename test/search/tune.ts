/**
 * Tuning aid (not a test): builds the PVE 9.1 index as the site ships it and prints the tuning
 * half's misses in full, but only the COUNTS of the held-out half, so that tuning never looks at
 * a held-out query. Run: `npx jiti test/search/tune.ts [--quiet] [--held-out]`.
 */
import { join } from 'node:path';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { searchIndexScript } from '../../generator/search/index.js';
import { loadSearchIndex } from '../../generator/search/query.js';
import { HELD_OUT, TUNING } from '../../harness/search-queries.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { runIndexScript } from '../helpers/search-script.js';
import { describeOutcome, evaluate } from './evaluate.js';

const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') }, silentLogger());
const index = loadSearchIndex(runIndexScript(searchIndexScript(model)));
const tuning = evaluate(index, TUNING);
console.log(
  process.argv.includes('--quiet') ? describeOutcome('tuning half', { ...tuning, misses: [] }) : describeOutcome('tuning half', tuning),
);
// Only when asked (once per major change, for the commit message): its counts must not steer tuning.
if (process.argv.includes('--held-out'))
  console.log(describeOutcome('held-out half (counts only)', { ...evaluate(index, HELD_OUT), misses: [] }));
