/**
 * `--json`: one machine-readable summary of a build on stdout (human lines stay on stderr), for
 * CI steps that want counts, warnings, timings and where the output went. A failed build prints
 * the same shape with `ok: false` and the error instead of counts.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BuildResult, Phase } from '../build-result.js';
import { ApidocError, EXIT } from '../errors.js';
import { SITEMAP_FILE } from './index.js';
import { schemaCoverage, type SilenceKind } from '../model/coverage.js';

export interface BuildSummary {
  ok: boolean;
  exitCode: number;
  command: string;
  schema?: string;
  site?: { product: string; productName: string; version: string; title: string };
  counts?: { paths: number; operations: number; parameters: number; files: number; bytes: number; references: number };
  /** What the schema does not say: silences of each kind, and how many operations have one (model/coverage.ts). */
  schemaCoverage?: { silences: Record<SilenceKind, number>; operations: Record<SilenceKind, number> };
  warnings: { count: number; messages: string[] };
  /** Milliseconds per phase and in total, rounded to 0.1 ms. */
  timings?: Partial<Record<Phase | 'total', number>>;
  outputs?: {
    dir: string;
    index: string;
    manifest: string;
    sitemap: string | null;
    zip: { path: string; bytes: number } | null;
    /** The folder (and zip) already held exactly this build: nothing was written. */
    unchanged: boolean;
  };
  error?: { kind: string; message: string };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export function buildSummary(result: BuildResult, warnings: readonly string[], totalMs: number, exitCode: number): BuildSummary {
  const dir = resolve(result.out);
  const { model } = result;
  const coverage = schemaCoverage(model);
  const timings: Partial<Record<Phase | 'total', number>> = {};
  for (const [phase, ms] of Object.entries(result.timings) as [Phase, number][]) timings[phase] = round(ms);
  timings.total = round(totalMs);
  return {
    ok: exitCode === EXIT.ok,
    exitCode,
    command: 'build',
    schema: model.source,
    site: { product: model.product, productName: model.productName, version: model.version, title: model.title },
    counts: {
      paths: model.stats.paths,
      operations: model.stats.operations,
      parameters: model.stats.parameters,
      files: result.files,
      bytes: result.bytes,
      references: result.references,
    },
    schemaCoverage: { silences: coverage.counts, operations: coverage.operationsWith },
    warnings: { count: warnings.length, messages: [...warnings] },
    timings,
    outputs: {
      dir,
      index: join(dir, 'index.html'),
      manifest: join(dir, 'manifest.json'),
      sitemap: existsSync(join(dir, SITEMAP_FILE)) ? join(dir, SITEMAP_FILE) : null,
      zip: result.zip ? { path: resolve(result.zip.path), bytes: result.zip.bytes } : null,
      unchanged: result.unchanged === true,
    },
  };
}

export function failureSummary(command: string, error: unknown, warnings: readonly string[]): BuildSummary {
  const known = error instanceof ApidocError;
  return {
    ok: false,
    exitCode: known ? error.exitCode : EXIT.internal,
    command,
    warnings: { count: warnings.length, messages: [...warnings] },
    error: { kind: known ? error.name : 'InternalError', message: error instanceof Error ? error.message : String(error) },
  };
}
