/**
 * What a build reports: the phases it times and its result. Apart from build.ts so that the
 * summaries (publish/summary.ts) and the multi-version build read the types without importing the
 * pipeline.
 */
import type { ApiModel } from './model/types.js';

export const PHASES = ['load', 'validate', 'deref', 'normalize', 'render', 'write', 'zip'] as const;
export type Phase = (typeof PHASES)[number];

/** Every phase's time, 0 for phases that did not run: summaries always carry the same keys. */
export function allPhases<P extends string>(timings: Partial<Record<P, number>>, phases: readonly P[]): Record<P, number> {
  return Object.fromEntries(phases.map((p) => [p, timings[p] ?? 0])) as Record<P, number>;
}

export interface BuildResult {
  model: ApiModel;
  out: string;
  files: number;
  bytes: number;
  references: number;
  timings: Record<Phase, number>;
  /** The offline bundle's zip (--offline only). */
  zip?: { path: string; bytes: number };
  /** The output already held exactly these files: nothing was written (write/unchanged.ts). */
  unchanged?: true;
}
