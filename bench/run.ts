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
 *
 * Writes bench/results/latest.json and latest.md. Needs ../shared/schemas beside the checkout;
 * installs nothing (without Chromium, the search figures are skipped with instructions).
 */
/// <reference lib="dom" />
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../generator/paths.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, serveDirectory } from '../harness/browser.js';
import { HELD_OUT, TUNING } from '../harness/search-queries.js';
import { benchHardening, type HardeningFigures } from './hardening.js';
import { formatLighthouse, lighthouseFigures, type LighthouseRow } from './lighthouse.js';
import {
  budgetMark,
  formatBytes,
  formatMs,
  formatRatio,
  formatSummaryMs,
  largest,
  markdownTable,
  ratio,
  summarize,
  textTable,
  withinBudget,
  type Budget,
  type Summary,
} from './stats.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  runs: number;
  quick: boolean;
  skip: Set<string>;
  schemas: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 5, quick: false, skip: new Set(), schemas: resolve(packageRoot(), '..', 'shared', 'schemas') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--skip') for (const s of value().split(',')) options.skip.add(s.trim());
    else if (arg === '--schemas') options.schemas = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'npm run bench -- [--runs N (default 5)] [--quick] [--skip builds,weight,browser,versions,dev,hardening,lighthouse] [--schemas DIR]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.quick && options.runs === 5) options.runs = 3;
  return options;
}

// ---------------------------------------------------------------------------------------------
// Processes: wall time and peak RSS of one run

interface RunResult {
  wallMs: number;
  /** Peak resident set of the process, bytes (getrusage ru_maxrss, read in the child at exit). */
  maxRss: number | null;
  /** CPU time of the process, all threads, user + system, ms (less sensitive to a busy machine than wall time). */
  cpuMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = packageRoot();
const BIN = join(ROOT, 'bin', 'pve-apidoc.js');
let probe = '';

/** A module preloaded into every measured process: writes its own peak RSS when it exits. */
function writeProbe(dir: string): void {
  const file = join(dir, 'rss-probe.mjs');
  writeFileSync(
    file,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => { const f = process.env.BENCH_RSS_FILE; if (!f) return; const u = process.resourceUsage();\n" +
      '  try { writeFileSync(f, JSON.stringify({ maxRss: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })); } catch {} });\n',
  );
  probe = pathToFileURL(file).href;
}

function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const rssFile = join(os.tmpdir(), `pve-apidoc-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', probe, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let usage: { maxRss?: number; cpuMs?: number } = {};
      if (existsSync(rssFile)) {
        try {
          usage = JSON.parse(readFileSync(rssFile, 'utf8')) as typeof usage;
        } catch {
          // a process killed mid-write: no figures
        }
        rmSync(rssFile, { force: true });
      }
      ok({ wallMs, maxRss: usage.maxRss ?? null, cpuMs: usage.cpuMs ?? null, code, stdout, stderr });
    });
  });
}

function failed(what: string, r: RunResult): Error {
  return new Error(`${what} exited with ${r.code}:\n${(r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n')}`);
}

const REDOCLY_ENV = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@redocly/cli/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin['redocly'] ?? Object.values(pkg.bin)[0]!);
  return join(dirname(manifest), bin);
}

function redoclyVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('@redocly/cli/package.json'), 'utf8')) as { version: string }).version;
}

// ---------------------------------------------------------------------------------------------
// 1. Builds, alternated with the peer

type PhaseName = 'load' | 'validate' | 'deref' | 'normalize' | 'render' | 'write' | 'total';
const PHASES: PhaseName[] = ['load', 'validate', 'deref', 'normalize', 'render', 'write', 'total'];

interface BuildSeries {
  wall: number[];
  rss: number[];
  cpu: number[];
  phases: Record<string, number[]>;
}

interface BuildFigures {
  source: string;
  ours: { wall: Summary; cpu: Summary; rss: Summary; phases: Record<string, Summary>; files: number; bytes: number };
  redocly: { wall: Summary; cpu: Summary; rss: Summary; bytes: number };
  /** Median of our wall times / median of Redocly's (the budget's figure). */
  ratio: number | null;
  /** Median of the per-round ratios (each round runs both back to back: robust to load that drifts). */
  pairedRatio: number | null;
  /** Median CPU time (all threads) ours / Redocly's. */
  cpuRatio: number | null;
}

async function benchBuilds(work: string, schemas: Record<string, string>, options: Options): Promise<Record<string, BuildFigures>> {
  const redocly = redoclyBin();
  const out: Record<string, BuildFigures> = {};
  const ours: Record<string, BuildSeries> = {};
  const peer: Record<string, BuildSeries> = {};
  const counts: Record<string, { files: number; bytes: number }> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    // The peer renders our own OpenAPI export of the same schema.
    const exported = await runNode(BIN, ['openapi', '--schema', schema, '--out', join(work, `openapi-${name}.json`), '--quiet']);
    if (exported.code !== 0) throw failed(`pve-apidoc openapi (${name})`, exported);
    ours[name] = { wall: [], rss: [], cpu: [], phases: {} };
    peer[name] = { wall: [], rss: [], cpu: [], phases: {} };
  }
  const runOurs = async (name: string, record: boolean): Promise<void> => {
    // A clean build into an empty folder, as CI publishes from a fresh checkout. Rebuilding over a
    // previous output also removes the old 883 files, which Redocly's one-file overwrite never pays;
    // that removal happens here, untimed, and the README says so.
    rmSync(join(work, `ours-${name}`), { recursive: true, force: true });
    const r = await runNode(BIN, ['build', '--schema', schemas[name]!, '--out', join(work, `ours-${name}`), '--quiet', '--json']);
    if (r.code !== 0) throw failed(`pve-apidoc build (${name})`, r);
    const summary = JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { files: number; bytes: number } };
    counts[name] = { files: summary.counts.files, bytes: summary.counts.bytes };
    if (!record) return;
    const s = ours[name]!;
    s.wall.push(r.wallMs);
    if (r.maxRss !== null) s.rss.push(r.maxRss);
    if (r.cpuMs !== null) s.cpu.push(r.cpuMs);
    for (const phase of PHASES) {
      s.phases[phase] ??= [];
      s.phases[phase].push(summary.timings[phase] ?? 0);
    }
  };
  const runPeer = async (name: string, record: boolean): Promise<void> => {
    mkdirSync(join(work, `redocly-${name}`), { recursive: true });
    const r = await runNode(
      redocly,
      ['build-docs', join(work, `openapi-${name}.json`), '-o', join(work, `redocly-${name}`, 'index.html')],
      REDOCLY_ENV,
    );
    if (r.code !== 0) throw failed(`redocly build-docs (${name})`, r);
    if (!record) return;
    peer[name]!.wall.push(r.wallMs);
    if (r.maxRss !== null) peer[name]!.rss.push(r.maxRss);
    if (r.cpuMs !== null) peer[name]!.cpu.push(r.cpuMs);
  };
  // Round 0 warms the file cache (schemas, node_modules) and is not recorded. Within a round the
  // two tools run back to back, and the order flips every round, so drifting load hits both alike.
  for (let round = 0; round <= options.runs; round++) {
    for (const name of Object.keys(schemas)) {
      const record = round > 0;
      if (round % 2 === 0) {
        await runOurs(name, record);
        await runPeer(name, record);
      } else {
        await runPeer(name, record);
        await runOurs(name, record);
      }
      if (record) {
        const o = ours[name]!;
        const p = peer[name]!;
        log(`  ${name} round ${round}/${options.runs}: ours ${formatMs(o.wall.at(-1))}, redocly ${formatMs(p.wall.at(-1))}`);
      }
    }
  }
  for (const name of Object.keys(schemas)) {
    const o = ours[name]!;
    const p = peer[name]!;
    const oursWall = summarize(o.wall);
    const peerWall = summarize(p.wall);
    const oursCpu = summarize(o.cpu);
    const peerCpu = summarize(p.cpu);
    const paired = o.wall.map((w, i) => ratio(w, p.wall[i])).filter((r): r is number => r !== null);
    out[name] = {
      source: relative(ROOT, schemas[name]!),
      ours: {
        wall: oursWall,
        cpu: oursCpu,
        rss: summarize(o.rss),
        phases: Object.fromEntries(PHASES.map((ph) => [ph, summarize(o.phases[ph] ?? [])])),
        files: counts[name]?.files ?? 0,
        bytes: counts[name]?.bytes ?? 0,
      },
      redocly: { wall: peerWall, cpu: peerCpu, rss: summarize(p.rss), bytes: fileSize(join(work, `redocly-${name}`, 'index.html')) },
      ratio: ratio(oursWall.median, peerWall.median),
      pairedRatio: paired.length > 0 ? summarize(paired).median : null,
      cpuRatio: ratio(oursCpu.median, peerCpu.median),
    };
  }
  return out;
}

function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

// ---------------------------------------------------------------------------------------------
// 2. Page weight

interface Size {
  raw: number;
  gz: number;
}

interface PageWeight {
  file: string;
  html: Size;
  css: Size;
  js: Size;
}

interface WeightFigures {
  pages: number;
  html: { raw: Summary; gz: Summary; largest: { file: string; raw: number; gz: number } | null };
  /** CSS and JS each page loads (external files it links plus inline code), per page. */
  css: { raw: Summary; gz: Summary };
  js: { raw: Summary; gz: Summary };
  /** What the first view of a page transfers: HTML + CSS + JS, gzipped, per page. */
  firstView: { gz: Summary };
  /** JavaScript a page runs before the search box is used (the search UI and index load on focus). */
  jsBeforeSearch: { raw: Summary; gz: Summary };
  searchIndex: Size | null;
  searchUi: Size | null;
  totalBytes: number;
  files: number;
}

/** gzip -9, as the size budgets in test/e2e/search.test.ts are measured. */
const gz = (data: Buffer | string): number => gzipSync(data, { level: 9 }).length;

function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(full, base));
    else out.push(relative(base, full).split(sep).join('/'));
  }
  return out.sort();
}

const LINK_CSS = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const ATTR = (name: string): RegExp => new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attr(tag: string, name: string): string | null {
  const m = ATTR(name).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

export function siteWeight(dir: string): WeightFigures {
  const files = walkFiles(dir);
  const assetCache = new Map<string, Size>();
  const asset = (page: string, href: string): Size => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { raw: 0, gz: 0 };
    const path = posix.normalize(posix.join(posix.dirname(page), href.replace(/[?#].*$/, '')));
    let size = assetCache.get(path);
    if (!size) {
      const full = join(dir, ...path.split('/'));
      const data = existsSync(full) ? readFileSync(full) : Buffer.alloc(0);
      size = { raw: data.length, gz: data.length ? gz(data) : 0 };
      assetCache.set(path, size);
    }
    return size;
  };
  const pages: PageWeight[] = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const data = readFileSync(join(dir, ...file.split('/')));
    const html = data.toString('utf8');
    const css: Size = { raw: 0, gz: 0 };
    const js: Size = { raw: 0, gz: 0 };
    const add = (into: Size, s: Size): void => {
      into.raw += s.raw;
      into.gz += s.gz;
    };
    for (const m of html.matchAll(LINK_CSS)) {
      const href = attr(m[0], 'href');
      if (href) add(css, asset(file, href));
    }
    let inlineCss = '';
    for (const m of html.matchAll(STYLE)) inlineCss += m[1] ?? '';
    if (inlineCss) add(css, { raw: Buffer.byteLength(inlineCss), gz: gz(inlineCss) });
    let inlineJs = '';
    for (const m of html.matchAll(SCRIPT)) {
      const src = attr(m[1] ?? '', 'src');
      const type = attr(m[1] ?? '', 'type');
      if (src) add(js, asset(file, src));
      else if (!type || /javascript|module/i.test(type)) inlineJs += m[2] ?? '';
      // Other types (application/json state, templates) are data: counted with the HTML only.
    }
    if (inlineJs) add(js, { raw: Buffer.byteLength(inlineJs), gz: gz(inlineJs) });
    pages.push({ file, html: { raw: data.length, gz: gz(data) }, css, js });
  }
  const big = largest(pages, (p) => p.html.gz);
  const sizeOf = (file: string): Size | null => (files.includes(file) ? asset('index.html', file) : null);
  return {
    pages: pages.length,
    html: {
      raw: summarize(pages.map((p) => p.html.raw)),
      gz: summarize(pages.map((p) => p.html.gz)),
      largest: big ? { file: big.file, raw: big.html.raw, gz: big.html.gz } : null,
    },
    css: { raw: summarize(pages.map((p) => p.css.raw)), gz: summarize(pages.map((p) => p.css.gz)) },
    js: { raw: summarize(pages.map((p) => p.js.raw)), gz: summarize(pages.map((p) => p.js.gz)) },
    firstView: { gz: summarize(pages.map((p) => p.html.gz + p.css.gz + p.js.gz)) },
    // Our pages reference only the small page script; search.js and the index are added on focus.
    jsBeforeSearch: { raw: summarize(pages.map((p) => p.js.raw)), gz: summarize(pages.map((p) => p.js.gz)) },
    searchIndex: sizeOf('assets/search-index.js'),
    searchUi: sizeOf('assets/search.js'),
    totalBytes: files.reduce((n, f) => n + statSync(join(dir, ...f.split('/'))).size, 0),
    files: files.length,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Search latency in Chromium

interface SearchFigures {
  queries: number;
  /** Per query: mean of a batch of runs of `pveApidocSearch.query` (Chromium's clock is 0.1 ms coarse). */
  query: Summary;
  /** Input event -> ranked results rendered in the listbox, per query. */
  rendered: Summary;
  /** Focus -> search.js and the index loaded over HTTP, parsed and ready. */
  coldStartMs: number;
  slowest: { q: string; ms: number } | null;
}

async function benchSearch(site: string): Promise<SearchFigures> {
  const queries = [...TUNING, ...HELD_OUT].map((q) => q.q);
  const browser = await launchChromium();
  const server = await serveDirectory(site);
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url + 'operations/');
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
      const api = (window as unknown as { pveApidocSearch: { query(text: string): unknown[] } }).pveApidocSearch;
      for (const q of qs) api.query(q);
      const perQuery: number[] = [];
      for (const q of qs) {
        const batch = 20;
        const t = performance.now();
        for (let i = 0; i < batch; i++) api.query(q);
        perQuery.push((performance.now() - t) / batch);
      }
      const input = document.getElementById('search-input') as HTMLInputElement;
      const rendered: number[] = [];
      for (const q of qs) {
        input.value = q;
        const t = performance.now();
        input.dispatchEvent(new Event('input'));
        rendered.push(performance.now() - t);
      }
      return { perQuery, rendered };
    }, queries);
    await page.close();
    const slowIndex = timing.perQuery.indexOf(Math.max(...timing.perQuery));
    return {
      queries: queries.length,
      query: summarize(timing.perQuery),
      rendered: summarize(timing.rendered),
      coldStartMs,
      slowest: slowIndex >= 0 ? { q: queries[slowIndex]!, ms: timing.perQuery[slowIndex]! } : null,
    };
  } finally {
    await server.close();
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 4a. Five releases in one site

interface VersionsFigures {
  versions: string[];
  wall: Summary;
  rss: Summary;
  /** The phase line the multi-version build prints (its own timings, last run). */
  phases: Record<string, number>;
  files: number | null;
  bytes: string | null;
}

const RELEASES: [string, string][] = [
  ['6.4', 'pve-6.4.apidata.js'],
  ['7.4', 'pve-7.4.apidata.js'],
  ['8.4', 'pve-8.4.apidata.js'],
  ['9.0', 'pve-9.0.apidata.js'],
  ['9.1', 'pve-9.1.apidata.js'],
];

async function benchVersions(work: string, schemas: string, options: Options): Promise<VersionsFigures> {
  const args = [
    'build',
    ...RELEASES.flatMap(([label, file]) => ['--schema', `${label}=${join(schemas, file)}`]),
    '--out',
    join(work, 'versions'),
  ];
  const runs = Math.min(options.runs, 3);
  const wall: number[] = [];
  const rss: number[] = [];
  let last: RunResult | null = null;
  for (let i = options.quick ? 1 : 0; i <= runs; i++) {
    const r = await runNode(BIN, args);
    if (r.code !== 0) throw failed('pve-apidoc build (five releases)', r);
    last = r;
    if (i === 0) continue;
    wall.push(r.wallMs);
    if (r.maxRss !== null) rss.push(r.maxRss);
    log(`  five releases run ${i}/${runs}: ${formatMs(r.wallMs)}`);
  }
  const text = last?.stderr ?? '';
  const phases: Record<string, number> = {};
  const phaseLine = text.split('\n').find((l) => /^\s*load \d+ ms/.test(l)) ?? '';
  for (const m of phaseLine.matchAll(/([a-z]+) (\d+) ms/g)) phases[m[1]!] = Number(m[2]);
  const summaryLine = /: (\d+) files, ([\d.]+ MB)/.exec(text);
  return {
    versions: RELEASES.map(([label]) => label),
    wall: summarize(wall),
    rss: summarize(rss),
    phases,
    files: summaryLine ? Number(summaryLine[1]) : null,
    bytes: summaryLine ? summaryLine[2]! : null,
  };
}

// ---------------------------------------------------------------------------------------------
// 4b. Dev server: rebuild after a one-template change

interface DevFigures {
  template: string;
  changes: number;
  /** "rebuilt in N ms" as the dev server reports it (first file event -> pages re-rendered). */
  reported: Summary;
  /** From our write of the file to that log line (adds the file watcher's delay). */
  observed: Summary;
  startupMs: number;
}

async function benchDev(work: string, schema: string, options: Options): Promise<DevFigures> {
  // A user templates folder with one partial, so the repository's templates stay untouched.
  const templates = join(work, 'dev-templates');
  mkdirSync(join(templates, 'partials'), { recursive: true });
  const template = join(templates, 'partials', 'footer.hbs');
  copyFileSync(join(ROOT, 'templates', 'partials', 'footer.hbs'), template);
  const original = readFileSync(template, 'utf8');
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'dev', '--schema', schema, '--port', '0', '--templates', templates], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { re: RegExp; from: number; ok: (m: RegExpExecArray) => void }[] = [];
  const onData = (d: Buffer): void => {
    output += d.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(output.slice(w.from));
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok(m);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (re: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> =>
    new Promise((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`dev server: no ${re} within ${timeoutMs} ms; output:\n${output.slice(-2000)}`)),
        timeoutMs,
      );
      waiters.push({
        re,
        from: output.length,
        ok: (m) => {
          clearTimeout(timer);
          ok(m);
        },
      });
      onData(Buffer.alloc(0));
    });
  try {
    const ready = await waitFor(/dev server: (http:\/\/\S+)/);
    const startupMs = performance.now() - started;
    const url = ready[1]!;
    // View one path page so that a rebuild re-renders it (the dev server re-renders viewed pages).
    await fetch(url + 'api/nodes/_node/qemu/_vmid/status/start/').then((r) => r.text());
    await new Promise((r) => setTimeout(r, 300));
    const reported: number[] = [];
    const observed: number[] = [];
    const changes = Math.max(3, options.runs) + 1;
    for (let i = 0; i < changes; i++) {
      const done = waitFor(/changed: rebuilt in ([\d.]+) ms/);
      const t = performance.now();
      writeFileSync(template, `${original}<!-- bench change ${i} -->\n`);
      const m = await done;
      const seen = performance.now() - t;
      // The first change also warms the watcher and the template compiler: not recorded.
      if (i > 0) {
        reported.push(Number(m[1]));
        observed.push(seen);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      template: 'partials/footer.hbs (a --templates override)',
      changes: reported.length,
      reported: summarize(reported),
      observed: summarize(observed),
      startupMs,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('close', r)));
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Machine {
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  platform: string;
  date: string;
  commit: string | null;
  redocly: string;
  chromium: string | null;
  load: number[];
  /** Load average when the run ended (the machine is shared: read the figures with it in mind). */
  loadEnd?: number[];
}

function machine(): Machine {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  let chromium: string | null = null;
  if (chromiumAvailable()) {
    const v = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    chromium = (v.stdout || '').trim() || CHROMIUM_PATH;
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memory: formatBytes(os.totalmem()),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit: git.status === 0 ? git.stdout.trim() : null,
    redocly: redoclyVersion(),
    chromium,
    load: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

interface Results {
  machine: Machine;
  options: { runs: number; quick: boolean; skipped: string[] };
  builds: Record<string, BuildFigures> | null;
  weight: { ours: WeightFigures; redocly: WeightFigures } | null;
  search: SearchFigures | null;
  versions: VersionsFigures | null;
  dev: DevFigures | null;
  /** Wall time of the full fuzz and hostile sweeps (bench/hardening.ts). */
  hardening: HardeningFigures | null;
  /** Lighthouse 12 on the index, the config page and /nodes/{node}/qemu (bench/lighthouse.ts). */
  lighthouse: LighthouseRow[] | null;
  notes: string[];
  budgets: Budget[];
}

const KB = 1024;
const MB = 1024 * 1024;

function budgets(r: Results): Budget[] {
  const viewer = r.builds?.['viewer'];
  const refs = r.builds?.['refs'];
  const w = r.weight?.ours;
  const maxRss = Math.max(viewer?.ours.rss.max ?? NaN, refs?.ours.rss.max ?? NaN);
  const worstRatio = Math.max(viewer?.ratio ?? NaN, refs?.ratio ?? NaN);
  return [
    {
      name: 'PVE 9.1 full build vs Redocly build-docs (ratio of medians, same run)',
      limit: '≤ 0.30×',
      measured: `${formatRatio(viewer?.ratio)} viewer dump, ${formatRatio(refs?.ratio)} refs dump`,
      ok: withinBudget(worstRatio, 0.3),
    },
    {
      name: 'Peak RSS of a PVE 9.1 build',
      limit: '≤ 300 MB',
      measured: formatBytes(Number.isFinite(maxRss) ? maxRss : null),
      ok: withinBudget(maxRss, 300 * MB),
    },
    {
      name: 'Median page (HTML, gzip -9)',
      limit: '≤ 20 KB',
      measured: formatBytes(w?.html.gz.median),
      ok: withinBudget(w?.html.gz.median, 20 * KB),
    },
    {
      name: 'Largest page (HTML, gzip -9)',
      limit: '≤ 150 KB',
      measured: w?.html.largest ? `${formatBytes(w.html.largest.gz)} (${w.html.largest.file})` : 'n/a',
      ok: withinBudget(w?.html.largest?.gz, 150 * KB),
    },
    {
      name: 'JavaScript before search opens (gzip -9)',
      limit: '≤ 10 KB',
      measured: formatBytes(w?.jsBeforeSearch.gz.max),
      ok: withinBudget(w?.jsBeforeSearch.gz.max, 10 * KB),
    },
    {
      name: 'Search index (gzip -9)',
      limit: '≤ 150 KB',
      measured: formatBytes(w?.searchIndex?.gz),
      ok: withinBudget(w?.searchIndex?.gz, 150 * KB),
    },
    {
      name: 'Search query in Chromium (median)',
      limit: '≤ 10 ms',
      measured: formatMs(r.search?.query.median),
      ok: withinBudget(r.search?.query.median, 10),
    },
    {
      name: 'Five-release site (6.4 … 9.1)',
      limit: '≤ 5 s',
      measured: formatSummaryMs(r.versions?.wall),
      ok: withinBudget(r.versions?.wall.median, 5000),
    },
    {
      name: 'Dev rebuild after one template change (file write → pages re-rendered)',
      limit: '≤ 200 ms',
      measured: r.dev ? `${formatMs(r.dev.observed.median)} (server's own figure ${formatMs(r.dev.reported.median)})` : 'n/a',
      ok: withinBudget(r.dev?.observed.median, 200),
    },
  ];
}

function markdown(r: Results): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(
    `Measured ${m.date.slice(0, 10)} on ${m.cpus} × ${m.cpuModel}, ${m.memory} RAM, Node.js ${m.node}, ${m.platform}` +
      `${m.commit ? `, commit ${m.commit}` : ''}; peer @redocly/cli ${m.redocly}; load average ${m.load.join(' / ')} at the start${m.loadEnd ? `, ${m.loadEnd.join(' / ')} at the end` : ''}. ` +
      `${r.options.runs} recorded runs per tool after a warm-up, alternated.`,
    '',
  );
  lines.push(
    markdownTable(
      ['budget', 'limit', 'measured', 'met'],
      r.budgets.map((b) => [b.name, b.limit, b.measured, budgetMark(b.ok)]),
    ),
  );
  if (r.builds) {
    lines.push(
      '',
      markdownTable(
        [
          'PVE 9.1 build',
          'pve-apidoc wall (median, ±half range)',
          'Redocly build-docs wall',
          'ratio of medians (per-round median)',
          'CPU ours / Redocly',
          'peak RSS ours / Redocly',
          'output ours / Redocly',
        ],
        Object.entries(r.builds).map(([name, b]) => [
          name === 'viewer' ? 'viewer dump (apidata.js)' : 'reference dump (refs-dump.json)',
          formatSummaryMs(b.ours.wall),
          formatSummaryMs(b.redocly.wall),
          `${formatRatio(b.ratio)} (${formatRatio(b.pairedRatio)})`,
          `${formatMs(b.ours.cpu.median)} / ${formatMs(b.redocly.cpu.median)} (${formatRatio(b.cpuRatio)})`,
          `${formatBytes(b.ours.rss.median)} / ${formatBytes(b.redocly.rss.median)}`,
          `${b.ours.files} files, ${formatBytes(b.ours.bytes)} / 1 file, ${formatBytes(b.redocly.bytes)}`,
        ]),
      ),
    );
    lines.push(
      '',
      markdownTable(
        ["phase (median ms, build's own --json timings)", ...PHASES],
        Object.entries(r.builds).map(([name, b]) => [name, ...PHASES.map((p) => String(Math.round(b.ours.phases[p]?.median ?? NaN)))]),
      ),
    );
  }
  if (r.weight) {
    const row = (label: string, w: WeightFigures): string[] => [
      label,
      String(w.pages),
      `${formatBytes(w.html.gz.median)} / ${formatBytes(w.html.gz.p95)} / ${w.html.largest ? `${formatBytes(w.html.largest.gz)} (${w.html.largest.file})` : 'n/a'}`,
      `${formatBytes(w.html.raw.median)} / ${formatBytes(w.html.raw.max)}`,
      `${formatBytes(w.css.gz.median)} / ${formatBytes(w.js.gz.median)}`,
      formatBytes(w.jsBeforeSearch.gz.median),
      w.searchIndex ? `${formatBytes(w.searchIndex.gz)} (${formatBytes(w.searchIndex.raw)} raw)` : 'none shipped',
    ];
    lines.push(
      '',
      markdownTable(
        [
          'page weight (gzip -9)',
          'pages',
          'HTML median / p95 / max',
          'HTML raw median / max',
          'CSS / JS per page',
          'JS before search',
          'search index',
        ],
        [row('pve-apidoc (viewer dump)', r.weight.ours), row('Redocly build-docs', r.weight.redocly)],
      ),
    );
  }
  const other: string[][] = [];
  if (r.search) {
    other.push([
      `search in Chromium (${r.search.queries} queries)`,
      `query median ${formatMs(r.search.query.median)}, p95 ${formatMs(r.search.query.p95)}; input → listbox median ${formatMs(r.search.rendered.median)}, p95 ${formatMs(r.search.rendered.p95)}; first focus → ready ${formatMs(r.search.coldStartMs)}`,
    ]);
  }
  if (r.versions)
    other.push([
      'five releases (6.4 … 9.1)',
      `${formatSummaryMs(r.versions.wall)}, peak RSS ${formatBytes(r.versions.rss.median)}${r.versions.files ? `, ${r.versions.files} files` : ''}`,
    ]);
  if (r.dev)
    other.push([
      'dev rebuild, one template',
      `write → re-rendered ${formatSummaryMs(r.dev.observed)}; server's figure ${formatSummaryMs(r.dev.reported)}; dev start ${formatMs(r.dev.startupMs)}`,
    ]);
  if (other.length > 0) lines.push('', markdownTable(['other', 'figures'], other));
  for (const note of r.notes) lines.push('', `- ${note}`);
  return lines.join('\n') + '\n';
}

function log(message: string): void {
  process.stderr.write(message + '\n');
}

// ---------------------------------------------------------------------------------------------

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
    hardening: null,
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
      const message = (error as Error).message.split('\n')[0] ?? String(error);
      results.notes.push(`${title}: not available (${message}).`);
      log(`   not available: ${(error as Error).message}`);
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
    results.hardening = await step('hardening', 'hardening sweeps (fuzz 200 seeds, hostile corpus, every page)', async () =>
      benchHardening(ROOT),
    );
    results.lighthouse = await step('lighthouse', 'Lighthouse 12 (desktop and mobile)', () => lighthouseFigures(join(work, 'ours-viewer')));
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
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
