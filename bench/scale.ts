/**
 * The scale step: synthetic APIs of 1,000, 5,000 and 20,000 paths (harness/synthetic-schema.ts,
 * Proxmox-like nesting), each built once with the installed bin: site bytes, bytes per path, the
 * largest path page, build wall and CPU time, peak RSS. Pages must not grow with the API (issue
 * 24: 20,000 paths ran V8 out of memory when every page carried the whole tree); the budget is
 * bytes per path within 2× of the 1,000-path site and the 20,000-path build under 1 GB.
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticSchema } from '../harness/synthetic-schema.js';
import { BIN, failed, log, runNode } from './process.js';

const SCALE_SIZES = [1000, 5000, 20_000] as const;

export interface ScaleRow {
  paths: number;
  schemaBytes: number;
  files: number;
  siteBytes: number;
  bytesPerPath: number;
  /** The largest page under api/ (a path page), bytes. */
  largestPage: { file: string; bytes: number };
  wallMs: number;
  cpuMs: number | null;
  maxRss: number | null;
}

export async function benchScale(work: string, sizes: readonly number[] = SCALE_SIZES): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const paths of sizes) {
    const schema = join(work, `synthetic-${paths}.js`);
    const text = syntheticSchema(paths);
    writeFileSync(schema, text);
    const out = join(work, `synthetic-${paths}`);
    rmSync(out, { recursive: true, force: true });
    const r = await runNode(BIN, ['build', '--schema', schema, '--out', out, '--quiet', '--json']);
    if (r.code !== 0) throw failed(`pve-apidoc build (${paths} synthetic paths)`, r);
    const summary = JSON.parse(r.stdout) as { counts: { files: number; bytes: number } };
    const row: ScaleRow = {
      paths,
      schemaBytes: Buffer.byteLength(text),
      files: summary.counts.files,
      siteBytes: summary.counts.bytes,
      bytesPerPath: summary.counts.bytes / paths,
      largestPage: largestFile(join(out, 'api')),
      wallMs: r.wallMs,
      cpuMs: r.cpuMs,
      maxRss: r.maxRss,
    };
    rows.push(row);
    log(
      `   ${paths} paths: ${(row.siteBytes / 1e6).toFixed(1)} MB, ${Math.round(row.bytesPerPath)} B/path, largest page ${row.largestPage.bytes} B, ` +
        `${(row.wallMs / 1000).toFixed(1)} s wall, ${row.cpuMs === null ? '?' : (row.cpuMs / 1000).toFixed(1)} s CPU, ${row.maxRss === null ? '?' : Math.round(row.maxRss / 1048576)} MB peak RSS`,
    );
    rmSync(out, { recursive: true, force: true });
    rmSync(schema, { force: true });
  }
  return rows;
}

function largestFile(dir: string): { file: string; bytes: number } {
  let best = { file: '', bytes: 0 };
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.html')) continue;
    const bytes = statSync(join(dir, name)).size;
    if (bytes > best.bytes) best = { file: `api/${name.split('\\').join('/')}`, bytes };
  }
  return best;
}
