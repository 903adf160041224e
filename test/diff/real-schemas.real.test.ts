/**
 * Ground truth: the diff of every consecutive pair of the five PVE releases (and 8.4 -> 9.1, the
 * pair the issue names) against counts and sets computed here, independently, from the raw viewer
 * dumps: operations added and removed, and operations whose parameter names differ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { diffModels, summarizeDiff } from '../../generator/diff/index.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { VIEWER_DUMPS, readViewerTree, walkRaw } from '../helpers/real-schemas.js';

interface RawOp {
  params: string[];
}

/** "METHOD /path" -> sorted raw parameter names, straight from the file. */
function rawOperations(file: string): Map<string, RawOp> {
  const ops = new Map<string, RawOp>();
  for (const node of walkRaw(readViewerTree(file))) {
    for (const [method, info] of Object.entries(node.info ?? {})) {
      const parameters = (info['parameters'] as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      ops.set(`${method} ${node.path}`, { params: Object.keys(parameters).sort() });
    }
  }
  return ops;
}

function rawDiff(oldFile: string, newFile: string): { added: string[]; removed: string[]; paramNames: string[] } {
  const a = rawOperations(oldFile);
  const b = rawOperations(newFile);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    paramNames: [...a.keys()].filter((k) => b.has(k) && a.get(k)!.params.join('\n') !== b.get(k)!.params.join('\n')).sort(),
  };
}

const models = new Map<string, ApiModel>();
beforeAll(async () => {
  for (const dump of VIEWER_DUMPS) models.set(dump.version, (await loadModel({ schema: dump.file }, silentLogger())).model);
});

const file = (version: string): string => VIEWER_DUMPS.find((d) => d.version === version)!.file;
const PAIRS = [...VIEWER_DUMPS.slice(1).map((d, i) => [VIEWER_DUMPS[i]!.version, d.version] as const), ['8.4', '9.1'] as const];

describe('diff against the raw schemas', () => {
  it('8.4 -> 9.1: 45 added, 1 removed (GET /nodes/{node}/scan/glusterfs), 48 with parameter names added or removed', () => {
    const diff = diffModels(models.get('8.4')!, models.get('9.1')!);
    const summary = summarizeDiff(diff);
    expect(summary.added).toBe(45);
    expect(diff.removed).toEqual(['GET /nodes/{node}/scan/glusterfs']);
    expect(summary.parameterNamesChanged).toBe(48);
    expect(diff.breaking).toBe(true);
  });

  it.each(PAIRS)('%s -> %s matches the counts and sets computed from the raw files', (oldVersion, newVersion) => {
    const raw = rawDiff(file(oldVersion), file(newVersion));
    const diff = diffModels(models.get(oldVersion)!, models.get(newVersion)!);
    const summary = summarizeDiff(diff);
    // Printed for the report: the figures per pair.
    console.log(
      `${oldVersion} -> ${newVersion}: raw ${raw.added.length} added / ${raw.removed.length} removed / ${raw.paramNames.length} parameter names; ` +
        `diff ${summary.added} / ${summary.removed} / ${summary.parameterNamesChanged}, ${summary.changed} changed, ${summary.breakingChanged} breaking`,
    );
    expect(summary.added).toBe(raw.added.length);
    expect(summary.removed).toBe(raw.removed.length);
    expect(summary.parameterNamesChanged).toBe(raw.paramNames.length);
    // Not only the counts: the same operations.
    expect([...diff.added].sort()).toEqual(raw.added);
    expect([...diff.removed].sort()).toEqual(raw.removed);
    const withNames = diff.changed.filter((c) => c.changes.some((x) => x.kind === 'parameter-added' || x.kind === 'parameter-removed'));
    expect(withNames.map((c) => c.operation).sort()).toEqual(raw.paramNames);
    // Every removed operation and every removed parameter is marked breaking.
    expect(diff.breaking).toBe(raw.removed.length > 0 || diff.changed.some((c) => c.breaking));
    for (const c of diff.changed) for (const x of c.changes) if (x.kind === 'parameter-removed') expect(x.breaking).toBe(true);
  });

  it('is deterministic: the same pair twice gives byte-identical JSON', () => {
    const a = JSON.stringify(diffModels(models.get('7.4')!, models.get('8.4')!));
    const b = JSON.stringify(diffModels(models.get('7.4')!, models.get('8.4')!));
    expect(a).toBe(b);
  });
});
