/**
 * 1. Builds of PVE 9.1 (viewer dump and reference dump) with the installed bin, alternated with
 * `redocly build-docs` on our own OpenAPI export of the same schema: a warm-up round, then
 * --runs rounds; wall time, peak RSS, CPU time and the build's own phase timings (--json).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Options } from './options.js';
import { BIN, failed, log, REDOCLY_ENV, redoclyBin, ROOT, runNode } from './process.js';
import { formatMs, ratio, type Summary, summarize } from './stats.js';

export type PhaseName = 'load' | 'validate' | 'deref' | 'normalize' | 'render' | 'write' | 'total';
export const PHASES: PhaseName[] = ['load', 'validate', 'deref', 'normalize', 'render', 'write', 'total'];

interface BuildSeries {
  wall: number[];
  rss: number[];
  cpu: number[];
  phases: Record<string, number[]>;
}

export interface BuildFigures {
  source: string;
  ours: { wall: Summary; cpu: Summary; rss: Summary; phases: Record<string, Summary>; files: number; bytes: number };
  redocly: { wall: Summary; cpu: Summary; rss: Summary; bytes: number };
  /** Median of our wall times / median of Redocly's (the budget's figure). */
  ratio: number | null;
  /** Median of the per-round ratios (each round runs both back to back: robust to load that drifts). */
  pairedRatio: number | null;
  /** Median CPU time (all threads) ours / Redocly's. */
  cpuRatio: number | null;
  /** Rebuilds of the unchanged schema with a cache the warm-up round filled (the cold builds above run --no-cache). */
  warm: { wall: Summary; cpu: Summary; rss: Summary };
  /** Warm median / Redocly's median (the cache budget's figure). */
  warmRatio: number | null;
  /** Warm median / cold median. */
  warmVsCold: number | null;
  /**
   * The same build again into the output it already wrote (a gh-pages checkout, a dev machine):
   * with the cache, and nothing to write (write/unchanged.ts). Not the budget's warm figure, which
   * builds into an empty folder as CI does from a fresh checkout.
   */
  rebuild: { wall: Summary; ratio: number | null };
}

export async function benchBuilds(work: string, schemas: Record<string, string>, options: Options): Promise<Record<string, BuildFigures>> {
  const redocly = redoclyBin();
  const out: Record<string, BuildFigures> = {};
  const ours: Record<string, BuildSeries> = {};
  const peer: Record<string, BuildSeries> = {};
  const warm: Record<string, BuildSeries> = {};
  const rebuild: Record<string, BuildSeries> = {};
  const counts: Record<string, { files: number; bytes: number }> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    // The peer renders our own OpenAPI export of the same schema.
    const exported = await runNode(BIN, ['openapi', '--schema', schema, '--out', join(work, `openapi-${name}.json`), '--quiet']);
    if (exported.code !== 0) throw failed(`pve-apidoc openapi (${name})`, exported);
    ours[name] = { wall: [], rss: [], cpu: [], phases: {} };
    peer[name] = { wall: [], rss: [], cpu: [], phases: {} };
    warm[name] = { wall: [], rss: [], cpu: [], phases: {} };
    rebuild[name] = { wall: [], rss: [], cpu: [], phases: {} };
    rmSync(join(work, `cache-${name}`), { recursive: true, force: true });
  }
  // Cold builds run --no-cache; warm ones share one cache per schema, filled in round 0.
  const runOurs = async (name: string, record: boolean, cached = false, into: 'empty' | 'previous' = 'empty'): Promise<void> => {
    // A clean build into an empty folder, as CI publishes from a fresh checkout. Rebuilding over a
    // previous output also removes the old 883 files, which Redocly's one-file overwrite never pays;
    // that removal happens here, untimed, and the README says so. 'previous': into the output the
    // round's last build left (the same bytes), the rebuild that finds nothing to write.
    if (into === 'empty') rmSync(join(work, `ours-${name}`), { recursive: true, force: true });
    const cache = cached ? ['--cache', join(work, `cache-${name}`)] : ['--no-cache'];
    const r = await runNode(BIN, ['build', '--schema', schemas[name]!, '--out', join(work, `ours-${name}`), ...cache, '--quiet', '--json']);
    if (r.code !== 0) throw failed(`pve-apidoc build (${name})`, r);
    const summary = JSON.parse(r.stdout) as { timings: Record<string, number>; counts: { files: number; bytes: number } };
    counts[name] = { files: summary.counts.files, bytes: summary.counts.bytes };
    if (!record) return;
    const s = into === 'previous' ? rebuild[name]! : cached ? warm[name]! : ours[name]!;
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
        await runOurs(name, record, true);
      } else {
        await runOurs(name, record, true);
        await runPeer(name, record);
        await runOurs(name, record);
      }
      await runOurs(name, record, true, 'previous');
      if (record) {
        const o = ours[name]!;
        const p = peer[name]!;
        log(
          `  ${name} round ${round}/${options.runs}: ours ${formatMs(o.wall.at(-1))}, warm ${formatMs(warm[name]!.wall.at(-1))}, into its own output ${formatMs(rebuild[name]!.wall.at(-1))}, redocly ${formatMs(p.wall.at(-1))}`,
        );
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
    const warmWall = summarize(warm[name]!.wall);
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
      warm: { wall: warmWall, cpu: summarize(warm[name]!.cpu), rss: summarize(warm[name]!.rss) },
      warmRatio: ratio(warmWall.median, peerWall.median),
      warmVsCold: ratio(warmWall.median, oursWall.median),
      rebuild: { wall: summarize(rebuild[name]!.wall), ratio: ratio(summarize(rebuild[name]!.wall).median, peerWall.median) },
    };
  }
  return out;
}

function fileSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}
