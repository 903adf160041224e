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
 * generator/ or a top-level module. Stages are ranked in pipeline order.
 */
const RANKS: Record<string, number> = {
  // Utilities below every stage.
  text: 0,
  errors: 0,
  paths: 0,
  'output-file': 0,
  // Option declarations and their parser, and the local servers' listen (both throw UsageError).
  options: 0.5,
  listen: 0.5,
  log: 1,
  // The one model, then the format-neutral content every output formats.
  model: 2,
  'build-result': 3,
  document: 4,
  // Stages, in pipeline order.
  load: 10,
  validate: 11,
  deref: 12,
  config: 13,
  // The call checker reads the model and the document layer's example values.
  check: 5,
  diff: 17.5, // its Markdown report uses the export's Markdown escaping
  search: 15,
  render: 16,
  export: 17,
  publish: 18,
  write: 19,
  // The pipeline, what drives it several times, and the command line.
  'build-options': 20, // the options' types only, so the cache can name them
  cache: 25,
  build: 30,
  versions: 40,
  dev: 40,
  mock: 35,
  mcp: 45,
  cli: 50,
  index: 50,
};

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
