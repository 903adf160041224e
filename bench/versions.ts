/**
 * 4a. A five-release site (6.4 … 9.1 with `--schema LABEL=SOURCE`): wall time, peak RSS, its phase
 * line; cold (--no-cache) alternated with warm rebuilds from a cache the warm-up run filled.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from './options.js';
import { BIN, failed, log, type RunResult, runNode } from './process.js';
import { formatMs, type Summary, summarize } from './stats.js';

export interface VersionsFigures {
  versions: string[];
  wall: Summary;
  rss: Summary;
  /** The phase line the multi-version build prints (its own timings, last run). */
  phases: Record<string, number>;
  files: number | null;
  bytes: string | null;
  /** Warm rebuilds of the same five releases (cache filled by the warm-up run). */
  warm: Summary;
}

const RELEASES: [string, string][] = [
  ['6.4', 'pve-6.4.apidata.js'],
  ['7.4', 'pve-7.4.apidata.js'],
  ['8.4', 'pve-8.4.apidata.js'],
  ['9.0', 'pve-9.0.apidata.js'],
  ['9.1', 'pve-9.1.apidata.js'],
];

export async function benchVersions(work: string, schemas: string, options: Options): Promise<VersionsFigures> {
  const args = [
    'build',
    ...RELEASES.flatMap(([label, file]) => ['--schema', `${label}=${join(schemas, file)}`]),
    '--out',
    join(work, 'versions'),
  ];
  const cache = join(work, 'cache-versions');
  rmSync(cache, { recursive: true, force: true });
  const runs = Math.min(options.runs, 3);
  const wall: number[] = [];
  const rss: number[] = [];
  const warm: number[] = [];
  let last: RunResult | null = null;
  const rebuild = async (i: number): Promise<void> => {
    const r = await runNode(BIN, [...args, '--cache', cache]);
    if (r.code !== 0) throw failed('pve-apidoc build (five releases, cached)', r);
    if (i > 0) warm.push(r.wallMs);
  };
  // The warm-up run (also with --quick) fills the cache.
  await rebuild(0);
  for (let i = options.quick ? 1 : 0; i <= runs; i++) {
    if (i % 2 === 1) await rebuild(i);
    const r = await runNode(BIN, [...args, '--no-cache']);
    if (r.code !== 0) throw failed('pve-apidoc build (five releases)', r);
    last = r;
    if (i % 2 === 0) await rebuild(i);
    if (i === 0) continue;
    wall.push(r.wallMs);
    if (r.maxRss !== null) rss.push(r.maxRss);
    log(`  five releases run ${i}/${runs}: ${formatMs(r.wallMs)}, warm ${formatMs(warm.at(-1))}`);
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
    warm: summarize(warm),
  };
}
