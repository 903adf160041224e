/**
 * Import directions, as a rule that fails: cli -> dev/versions -> build -> stages -> document ->
 * model -> text utilities. A module may import only modules of a lower layer (or of its own
 * folder), stages only earlier stages, export/ never the HTML renderer, and nothing outside test/
 * imports test/. Biome's noRestrictedImports (biome.jsonc) flags the last three in the editor too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Rank of each module group: imports go from a higher rank to a lower one. A group is a folder of
 * generator/ or a top-level module. The ranks are docs/architecture.md's layer table, so the order
 * a maintainer reads there is the order this test enforces (and the table cannot go stale).
 */
const ARCHITECTURE = join(REPO_ROOT, 'docs', 'architecture.md');
const RANKS: Record<string, number> = layerTable(readFileSync(ARCHITECTURE, 'utf8'));

/** `group -> rank` from the rows between the layers markers: `| rank | \`group\` | kind | text |`. */
function layerTable(markdown: string): Record<string, number> {
  const body = markdown.split('<!-- layers:start -->')[1]?.split('<!-- layers:end -->')[0] ?? '';
  const ranks: Record<string, number> = {};
  for (const row of body.split('\n')) {
    const cells = row.split('|').map((c) => c.trim());
    const name = /^`([a-z-]+)`$/.exec(cells[2] ?? '')?.[1];
    if (name !== undefined) ranks[name] = Number(cells[1]);
  }
  return ranks;
}

/** Pairs a rank order would allow but that must not exist. */
const FORBIDDEN: [from: string, to: string, why: string][] = [
  ['export', 'render', 'export/ never imports the HTML renderer (format-neutral content lives in document/)'],
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(file);
    else if (entry.name.endsWith('.ts')) yield file;
  }
}

/** Relative import specifiers of a module (static imports and re-exports, dynamic imports too). */
function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
}

function group(file: string): string {
  const rel = relative(join(REPO_ROOT, 'generator'), file);
  const [head, ...rest] = rel.split(/[\\/]/);
  return rest.length > 0 ? head! : head!.replace(/\.[jt]s$/, '');
}

describe('import directions', () => {
  const generator = join(REPO_ROOT, 'generator');
  const edges: { from: string; to: string; file: string; spec: string }[] = [];
  for (const file of files(generator)) {
    for (const spec of imports(file)) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(generator)) edges.push({ from: group(file), to: '(outside generator/)', file, spec });
      else edges.push({ from: group(file), to: group(target), file, spec });
    }
  }

  it('reads a layer table of every group, each with a rank', () => {
    expect(Object.keys(RANKS).length).toBeGreaterThan(20);
    expect(Object.entries(RANKS).filter(([, rank]) => !Number.isFinite(rank))).toEqual([]);
  });

  it('lists in docs/architecture.md exactly the groups generator/ has', () => {
    const groups = readdirSync(generator, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
      .map((e) => e.name.replace(/\.ts$/, ''));
    expect(Object.keys(RANKS).sort()).toEqual([...new Set(groups)].sort());
  });

  it('knows every module group', () => {
    const unknown = [...new Set(edges.flatMap((e) => [e.from, e.to]))].filter((g) => !(g in RANKS) && g !== '(outside generator/)');
    expect(unknown).toEqual([]);
  });

  it('imports only downward', () => {
    const upward = edges
      .filter((e) => e.from !== e.to && e.to in RANKS && e.from in RANKS && RANKS[e.to]! >= RANKS[e.from]!)
      .map((e) => `${relative(REPO_ROOT, e.file)} imports ${e.spec} (${e.from} -> ${e.to})`);
    expect(upward).toEqual([]);
  });

  it('keeps the forbidden pairs apart', () => {
    const found = edges.flatMap((e) =>
      FORBIDDEN.filter(([from, to]) => e.from === from && e.to === to).map(([, , why]) => `${relative(REPO_ROOT, e.file)}: ${why}`),
    );
    expect(found).toEqual([]);
  });

  it('stays inside generator/ (no test/, bench/ or harness/ code in the package)', () => {
    expect(edges.filter((e) => e.to === '(outside generator/)').map((e) => `${relative(REPO_ROOT, e.file)} imports ${e.spec}`)).toEqual([]);
  });

  it('lets nothing in bench/ or harness/ import test/', () => {
    const bad: string[] = [];
    for (const dir of ['bench', 'harness']) {
      for (const file of files(join(REPO_ROOT, dir))) {
        for (const spec of imports(file)) {
          const target = relative(REPO_ROOT, resolve(dirname(file), spec));
          if (target.split(/[\\/]/)[0] === 'test') bad.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
