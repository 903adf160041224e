/**
 * Search benchmark in Chromium on a built site: query latency (p95 is the figure, budget
 * 10 ms), latency while typing (every prefix of every query, input event to rendered listbox),
 * cold start, and the sizes (index gzipped, budget 150 KB; the JavaScript before the box is used).
 *
 * `benchSearch(site)` measures an already built site folder (hosted layout); run on its own,
 * `node lib/bench/search.js [schema]` builds the PVE 9.1 site into a temporary folder first and
 * prints the figures as JSON. Timings are printed, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from '../generator/build.js';
import { silentLogger } from '../generator/log.js';
import { packageRoot } from '../generator/paths.js';
import { launchChromium, serveDirectory } from '../harness/browser.js';
import { HELD_OUT, TUNING } from '../harness/search-queries.js';
import { type Summary, summarize } from './stats.js';

export interface SearchBench {
  queries: number;
  /** Per query, the mean of a batch of runs of `pveApidocSearch.query` (Chromium's clock is coarse). */
  queryMs: Summary;
  /** Per keystroke: every prefix (2+ characters) of every query typed, input event -> listbox rendered. */
  typingMs: Summary;
  /** Focus -> search.js and the index loaded over HTTP, parsed and ready. */
  coldStartMs: number;
  slowest: { q: string; ms: number } | null;
  bytes: { indexGzip: number; indexRaw: number; searchUiGzip: number; mainJsGzip: number; mainJsRaw: number };
}

const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

export async function benchSearch(site: string): Promise<SearchBench> {
  const queries = [...TUNING, ...HELD_OUT].map((q) => q.q);
  const browser = await launchChromium();
  const server = await serveDirectory(site);
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}operations/`);
    await page.waitForLoadState('load');
    const coldStartMs = await page.evaluate(async () => {
      const input = document.getElementById('search-input') as HTMLInputElement;
      const t = performance.now();
      input.focus();
      await new Promise<void>((ok) => {
        const check = (): void => {
          if (input.getAttribute('data-search-ready') === '1') ok();
          else setTimeout(check, 1);
        };
        check();
      });
      return performance.now() - t;
    });
    const timing = await page.evaluate((qs) => {
      const api = (window as unknown as { pveApidocSearch: { query(text: string, limit?: number): unknown[] } }).pveApidocSearch;
      for (const q of qs) api.query(q);
      const perQuery: number[] = [];
      for (const q of qs) {
        const batch = 10;
        const t = performance.now();
        for (let i = 0; i < batch; i++) api.query(q);
        perQuery.push((performance.now() - t) / batch);
      }
      const input = document.getElementById('search-input') as HTMLInputElement;
      const typing: number[] = [];
      for (const q of qs) {
        for (let n = 2; n <= q.length; n++) {
          input.value = q.slice(0, n);
          const t = performance.now();
          input.dispatchEvent(new Event('input'));
          typing.push(performance.now() - t);
        }
      }
      return { perQuery, typing };
    }, queries);
    await page.close();
    const slowIndex = timing.perQuery.indexOf(Math.max(...timing.perQuery));
    return {
      queries: queries.length,
      queryMs: summarize(timing.perQuery),
      typingMs: summarize(timing.typing),
      coldStartMs,
      slowest: slowIndex >= 0 ? { q: queries[slowIndex] ?? '', ms: timing.perQuery[slowIndex] ?? 0 } : null,
      bytes: {
        indexGzip: gz(join(site, 'assets/search-index.js')),
        indexRaw: readFileSync(join(site, 'assets/search-index.js')).length,
        searchUiGzip: gz(join(site, 'assets/search.js')),
        mainJsGzip: gz(join(site, 'assets/main.js')),
        mainJsRaw: readFileSync(join(site, 'assets/main.js')).length,
      },
    };
  } finally {
    await server.close();
    await browser.close();
  }
}

async function main(): Promise<void> {
  const schema = process.argv[2] ?? join(packageRoot(), '..', 'shared', 'schemas', 'pve-9.1.apidata.js');
  const out = mkdtempSync(join(os.tmpdir(), 'pve-apidoc-bench-search-'));
  try {
    await build({ schema, out }, silentLogger());
    console.log(JSON.stringify(await benchSearch(out), null, 2));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
