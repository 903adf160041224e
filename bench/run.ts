/**
 * `npm run bench`: speed and weight of the generated PVE reference against a peer, in one run.
 *
 *   npm run bench                      # everything (about 3 minutes on 2 cores)
 *   npm run bench -- --runs 3 --quick  # fewer runs, skips the multi-version warm-up
 *   npm run bench -- --skip browser,dev,versions
 *
 * 1. Builds the PVE 9.1 site from the viewer dump and from the reference dump with the installed
 *    bin (`node bin/pve-apidoc.js build`, never through npx), alternated with `redocly build-docs`
 *    on our own OpenAPI export of the same schema; a warm-up round first, then --runs rounds.
 *    Wall time (spawn to exit), peak RSS (the child's own getrusage, via a preloaded probe) and the
 *    build's own phase timings (--json); the ratio of the medians.
 * 2. Page weight of both outputs: HTML per page raw and gzipped, CSS and JS each page loads,
 *    JavaScript before search opens, the search index.
 * 3. Search latency in headless Chromium (playwright-core + Debian /usr/bin/chromium) over the
 *    relevance queries of harness/search-queries.ts.
 * 4. A five-release site (6.4 … 9.1 with `--schema LABEL=SOURCE`), and the dev server's rebuild
 *    after a one-template change.
 * 5. Scale: synthetic APIs of 1,000, 5,000 and 20,000 paths (site bytes, bytes per path, build
 *    time, peak RSS): pages must not grow with the API.
 *
 * Writes bench/results/latest.json and latest.md. Needs ../shared/schemas beside the checkout;
 * installs nothing (without Chromium, the search figures are skipped with instructions).
 *
 * 5. The stateful mock over HTTPS under load and during a 100 MB upload (mock.ts).
 *
 * One file per benchmark (builds.ts, weight.ts, search.ts, versions.ts, dev.ts, scale.ts, hardening.ts,
 * lighthouse.ts, mock.ts); this file runs them in order and report.ts writes the figures.
 */
// search.ts runs code in the page (page.evaluate): the DOM types, for the whole bench build.
/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { CHROMIUM_PATH, chromiumAvailable } from '../harness/browser.js';
import { benchBuilds } from './builds.js';
import { benchDev } from './dev.js';
import { benchHardening } from './hardening.js';
import { benchMock } from './mock.js';
import { formatLighthouse, lighthouseFigures } from './lighthouse.js';
import { parseOptions } from './options.js';
import { BIN, failed, log, ROOT, runNode, writeProbe } from './process.js';
import { budgets, machine, markdown, type Results } from './report.js';
import { benchScale } from './scale.js';
import { benchSearch } from './search.js';
import { budgetMark, textTable } from './stats.js';
import { benchVersions } from './versions.js';
import { siteWeight } from './weight.js';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const schemas = { viewer: join(options.schemas, 'pve-9.1.apidata.js'), refs: join(options.schemas, 'pve-9.1.refs-dump.json') };
  for (const file of Object.values(schemas)) {
    if (!existsSync(file))
      throw new Error(`${file} not found: the benchmark reads the real schemas from ../shared/schemas (or --schemas DIR)`);
  }
  if (!existsSync(join(ROOT, 'lib', 'generator', 'cli', 'main.js'))) throw new Error('lib/ is missing: run `npm run compile` first');
  const work = mkdtempSync(join(os.tmpdir(), 'pve-apidoc-bench-'));
  writeProbe(work);
  const results: Results = {
    machine: machine(),
    options: { runs: options.runs, quick: options.quick, skipped: [...options.skip] },
    builds: null,
    weight: null,
    search: null,
    versions: null,
    dev: null,
    scale: null,
    hardening: null,
    mock: null,
    lighthouse: null,
    notes: [],
    budgets: [],
  };
  const step = async <T>(name: string, title: string, fn: () => Promise<T>): Promise<T | null> => {
    if (options.skip.has(name)) {
      results.notes.push(`${title}: skipped (--skip ${name}).`);
      return null;
    }
    log(`== ${title}`);
    try {
      return await fn();
    } catch (error) {
      const full = error instanceof Error ? error.message : String(error);
      results.notes.push(`${title}: not available (${full.split('\n')[0] ?? full}).`);
      log(`   not available: ${full}`);
      return null;
    }
  };
  try {
    results.builds = await step('builds', `PVE 9.1 builds, ${options.runs} runs each after a warm-up, alternated with Redocly`, () =>
      benchBuilds(work, schemas, options),
    );
    results.weight = await step('weight', 'page weight', async () => {
      const oursDir = join(work, 'ours-viewer');
      const peerDir = join(work, 'redocly-viewer');
      if (!existsSync(oursDir) || !existsSync(peerDir)) throw new Error('needs the outputs of the builds step');
      return { ours: siteWeight(oursDir), redocly: siteWeight(peerDir) };
    });
    if (!chromiumAvailable()) {
      results.notes.push(
        `Search latency: not measured, Chromium not found at ${CHROMIUM_PATH} (Debian: \`apt-get install -y chromium\`; or set CHROMIUM_PATH).`,
      );
      log(`== search latency: skipped, no Chromium at ${CHROMIUM_PATH} (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`);
    } else {
      results.search = await step('browser', 'search latency in Chromium', () => benchSearch(join(work, 'ours-viewer')));
    }
    results.versions = await step('versions', 'five-release site', () => benchVersions(work, options.schemas, options));
    results.dev = await step('dev', 'dev server rebuild', () => benchDev(work, schemas.viewer, options));
    results.scale = await step('scale', 'scale: synthetic APIs of 1,000, 5,000 and 20,000 paths', () => benchScale(work));
    results.hardening = await step('hardening', 'hardening sweeps (fuzz 200 seeds, hostile corpus, every page)', async () =>
      benchHardening(ROOT),
    );
    results.mock = await step('mock', 'mock over HTTPS: 10,000 requests at 50 concurrent, a 100 MB upload', () =>
      benchMock(schemas.viewer),
    );
    results.lighthouse = await step('lighthouse', 'Lighthouse 12 (desktop and mobile)', () =>
      // Measured as deployed: a hosted build whose --base-url is the test server's origin (robots.txt,
      // absolute canonical links); a local build without one has no public URL to crawl.
      lighthouseFigures({
        dir: join(work, 'ours-hosted'),
        build: async (origin) => {
          const out = join(work, 'ours-hosted');
          const r = await runNode(BIN, ['build', '--schema', schemas.viewer, '--out', out, '--base-url', origin, '--no-cache', '--quiet']);
          if (r.code !== 0) throw failed('the hosted build for Lighthouse', r);
        },
      }),
    );
    // A step that failed (e.g. a feature mid-change) is tried once more at the end.
    if (!results.versions && !options.skip.has('versions')) {
      results.notes = results.notes.filter((n) => !n.startsWith('five-release site'));
      results.versions = await step('versions', 'five-release site (retry)', () => benchVersions(work, options.schemas, options));
    }
    results.notes.push(
      'Wall time is spawn to exit of `node bin/pve-apidoc.js build` (and of `node node_modules/@redocly/cli/bin/cli.js build-docs` on our own openapi.json of the same schema); peak RSS is the process\'s own getrusage maximum. Sizes are gzip -9; "JS before search" is what a page loads before the search box is used (search.js and the index load on first focus). Redocly ships one HTML page with the whole spec and its JS inline and builds its search index in the browser.',
    );
    results.budgets = budgets(results);
    results.machine.loadEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  const md = markdown(results);
  writeFileSync(join(dir, 'latest.md'), md);
  if (results.hardening) {
    const ms = (v: number | null): string => (v === null ? 'failed' : `${(v / 1000).toFixed(1)} s`);
    log(
      `hardening sweeps: fuzz (200 seeds) ${ms(results.hardening.fuzzMs)}, hostile corpus (every page) ${ms(results.hardening.hostileMs)}`,
    );
  }
  if (results.lighthouse) log(formatLighthouse(results.lighthouse));
  log('');
  log(
    textTable(
      ['budget', 'limit', 'measured', 'met'],
      results.budgets.map((b) => [b.name, b.limit, b.measured, budgetMark(b.ok)]),
    ),
  );
  log('');
  log(`wrote ${relative(process.cwd(), join(dir, 'latest.json'))} and ${relative(process.cwd(), join(dir, 'latest.md'))}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
