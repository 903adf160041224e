/** The benchmark's report: the machine, the budgets (limit, measured, met) and latest.md. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { CHROMIUM_PATH, chromiumAvailable } from '../harness/browser.js';
import { type BuildFigures, PHASES } from './builds.js';
import type { DevFigures } from './dev.js';
import type { HardeningFigures } from './hardening.js';
import type { LighthouseRow } from './lighthouse.js';
import type { MockFigures } from './mock.js';
import { redoclyVersion, ROOT } from './process.js';
import type { ScaleRow } from './scale.js';
import type { SearchBench } from './search.js';
import {
  budgetMark,
  type Budget,
  formatBytes,
  formatMs,
  formatRatio,
  formatSummaryMs,
  markdownTable,
  ratio,
  withinBudget,
} from './stats.js';
import type { VersionsFigures } from './versions.js';
import type { WeightFigures } from './weight.js';

export interface Machine {
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

export function machine(): Machine {
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

export interface Results {
  machine: Machine;
  options: { runs: number; quick: boolean; skipped: string[] };
  builds: Record<string, BuildFigures> | null;
  weight: { ours: WeightFigures; redocly: WeightFigures } | null;
  /** bench/search.ts on the built 9.1 site. */
  search: SearchBench | null;
  versions: VersionsFigures | null;
  dev: DevFigures | null;
  /** bench/scale.ts: synthetic APIs of 1,000 to 20,000 paths. */
  scale: ScaleRow[] | null;
  /** Wall time of the full fuzz and hostile sweeps (bench/hardening.ts). */
  hardening: HardeningFigures | null;
  /** Lighthouse 12 on the index, the config page and /nodes/{node}/qemu (bench/lighthouse.ts). */
  lighthouse: LighthouseRow[] | null;
  /** The stateful mock over HTTPS: 10,000 requests at 50 concurrent, and a 100 MB upload (bench/mock.ts). */
  mock?: MockFigures | null;
  notes: string[];
  budgets: Budget[];
}

const KB = 1024;
const MB = 1024 * 1024;

export function budgets(r: Results): Budget[] {
  const viewer = r.builds?.['viewer'];
  const refs = r.builds?.['refs'];
  const w = r.weight?.ours;
  const maxRss = Math.max(viewer?.ours.rss.max ?? NaN, refs?.ours.rss.max ?? NaN);
  const worstRatio = Math.max(viewer?.ratio ?? NaN, refs?.ratio ?? NaN);
  const smallest = r.scale?.[0];
  const largest = r.scale && r.scale.length > 1 ? r.scale[r.scale.length - 1] : undefined;
  const growth = smallest && largest ? largest.bytesPerPath / smallest.bytesPerPath : NaN;
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
      measured: formatMs(r.search?.queryMs.median),
      ok: withinBudget(r.search?.queryMs.median, 10),
    },
    {
      name: 'Five-release site (6.4 … 9.1)',
      limit: '≤ 5 s',
      measured: formatSummaryMs(r.versions?.wall),
      ok: withinBudget(r.versions?.wall.median, 5000),
    },
    {
      name: 'Warm rebuild of an unchanged PVE 9.1 schema (cache) vs Redocly build-docs',
      limit: '≤ 0.15×',
      measured: r.builds ? formatRatio(r.builds['viewer']?.warmRatio ?? null) : 'n/a',
      ok: withinBudget(r.builds?.['viewer']?.warmRatio, 0.15),
    },
    {
      name: 'Five-release site cold vs one release (cold PVE 9.1 build)',
      limit: '≤ 2.5×',
      measured: formatRatio(ratio(r.versions?.wall.median, r.builds?.['viewer']?.ours.wall.median)),
      ok: withinBudget(ratio(r.versions?.wall.median, r.builds?.['viewer']?.ours.wall.median), 2.5),
    },
    {
      name: 'Five-release site warm vs cold',
      limit: '≤ 0.5×',
      measured: formatRatio(ratio(r.versions?.warm.median, r.versions?.wall.median)),
      ok: withinBudget(ratio(r.versions?.warm.median, r.versions?.wall.median), 0.5),
    },
    {
      name: `Bytes per path, ${largest?.paths ?? 20_000} synthetic paths vs ${smallest?.paths ?? 1000}`,
      limit: '≤ 2×',
      measured:
        smallest && largest
          ? `${formatRatio(growth)} (${Math.round(largest.bytesPerPath)} / ${Math.round(smallest.bytesPerPath)} B)`
          : 'n/a',
      ok: withinBudget(growth, 2),
    },
    {
      name: `Peak RSS of a ${largest?.paths ?? 20_000}-path synthetic build`,
      limit: '≤ 1 GB',
      measured: formatBytes(largest?.maxRss ?? null),
      ok: withinBudget(largest?.maxRss ?? NaN, 1024 * MB),
    },
    {
      name: 'Dev rebuild after one template change (file write → pages re-rendered)',
      limit: '≤ 200 ms',
      measured: r.dev ? `${formatMs(r.dev.observed.median)} (server's own figure ${formatMs(r.dev.reported.median)})` : 'n/a',
      ok: withinBudget(r.dev?.observed.median, 200),
    },
    {
      name: 'Mock over HTTPS, 10,000 requests at 50 concurrent: errors',
      limit: '0',
      measured: r.mock
        ? `${r.mock.errors} (p50 ${formatMs(r.mock.p50Ms)}, p99 ${formatMs(r.mock.p99Ms)}; RSS idle ${formatBytes(r.mock.rssIdle)}, peak ${formatBytes(r.mock.rssPeakLoad)})`
        : 'n/a',
      ok: r.mock ? r.mock.errors === 0 : null,
    },
    {
      name: 'Mock: RSS growth during a 100 MB multipart upload',
      limit: '≤ 100 MB',
      measured: r.mock ? `${formatBytes(r.mock.rssPeakUpload - r.mock.rssIdle)} (answer ${r.mock.uploadStatus})` : 'n/a',
      ok: r.mock ? r.mock.uploadStatus === 200 && r.mock.rssPeakUpload - r.mock.rssIdle <= 100 * MB : null,
    },
  ];
}

export function markdown(r: Results): string {
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
          'warm rebuild (cache)',
          'into its own unchanged output',
        ],
        Object.entries(r.builds).map(([name, b]) => [
          name === 'viewer' ? 'viewer dump (apidata.js)' : 'reference dump (refs-dump.json)',
          formatSummaryMs(b.ours.wall),
          formatSummaryMs(b.redocly.wall),
          `${formatRatio(b.ratio)} (${formatRatio(b.pairedRatio)})`,
          `${formatMs(b.ours.cpu.median)} / ${formatMs(b.redocly.cpu.median)} (${formatRatio(b.cpuRatio)})`,
          `${formatBytes(b.ours.rss.median)} / ${formatBytes(b.redocly.rss.median)}`,
          `${b.ours.files} files, ${formatBytes(b.ours.bytes)} / 1 file, ${formatBytes(b.redocly.bytes)}`,
          `${formatSummaryMs(b.warm.wall)}: ${formatRatio(b.warmRatio)} Redocly, ${formatRatio(b.warmVsCold)} cold`,
          // Older result files have no rebuild series.
          b.rebuild ? `${formatSummaryMs(b.rebuild.wall)}: ${formatRatio(b.rebuild.ratio)} Redocly` : 'n/a',
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
  if (r.scale) {
    lines.push(
      '',
      markdownTable(
        ['synthetic API (harness/synthetic-schema.ts)', 'schema', 'site', 'bytes per path', 'largest path page', 'wall', 'CPU', 'peak RSS'],
        r.scale.map((row) => [
          `${row.paths} paths`,
          formatBytes(row.schemaBytes),
          `${row.files} files, ${formatBytes(row.siteBytes)}`,
          formatBytes(row.bytesPerPath),
          formatBytes(row.largestPage.bytes),
          formatMs(row.wallMs),
          formatMs(row.cpuMs),
          formatBytes(row.maxRss),
        ]),
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
      `query median ${formatMs(r.search.queryMs.median)}, p95 ${formatMs(r.search.queryMs.p95)}; typing (every prefix, input → listbox) median ${formatMs(r.search.typingMs.median)}, p95 ${formatMs(r.search.typingMs.p95)}; first focus → ready ${formatMs(r.search.coldStartMs)}${r.search.slowest ? `; slowest query "${r.search.slowest.q}" ${formatMs(r.search.slowest.ms)}` : ''}`,
    ]);
  }
  if (r.versions)
    other.push([
      'five releases (6.4 … 9.1)',
      `${formatSummaryMs(r.versions.wall)}, peak RSS ${formatBytes(r.versions.rss.median)}${r.versions.files ? `, ${r.versions.files} files` : ''}; warm (cache) ${formatSummaryMs(r.versions.warm)}`,
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
