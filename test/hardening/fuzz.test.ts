/**
 * Fuzz: 200 seeded mutations of the real PVE 9.1 schema (mutate.ts). Each must either build or
 * fail cleanly: an ApidocError with a one-line message that starts with the file. Any other
 * exception fails the test and names the seed and its mutations (rerun one seed with
 * FUZZ_SEED=n). In process: the whole pipeline (load, validate, deref, normalize, exports, search
 * index, every page) without the write stage; the first seeds also write a site, and a handful
 * run through the real CLI (exit code of the kind, never 1).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, loadModel, prepareSite } from '../../generator/build.js';
import { ApidocError, EXIT } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { renderSite } from '../../generator/render/pages.js';
import { readViewerTree, REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';
import { mutant, type Mutant } from './mutate.js';

// FUZZ_SEED=n reruns one seed; FUZZ_START / FUZZ_COUNT explore further seeds (default: 24 locally, 0..199 where CI=true).
const START = Number(process.env.FUZZ_START ?? 0);
const SEEDS = process.env.FUZZ_SEED
  ? [Number(process.env.FUZZ_SEED)]
  : Array.from({ length: Number(process.env.FUZZ_COUNT ?? (process.env.CI === 'true' ? 200 : 24)) }, (_, i) => START + i);
/** Seeds that also run through the CLI (the first built mutants are also written to disk by build()). */
const CLI_SEEDS = [5, 6, 7, 8, 9, 10];

const SOURCE = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');

interface Outcome {
  seed: number;
  result: 'built' | 'rejected' | 'crashed';
  ms: number;
  detail: string;
}

function describeMutant(m: Mutant): string {
  return `seed ${m.seed} [${m.mutations.join('; ')}]`;
}

async function runInProcess(m: Mutant, file: string, dir: string): Promise<Outcome> {
  writeFileSync(file, m.text);
  const started = performance.now();
  const outcome = (result: Outcome['result'], detail: string): Outcome => ({
    seed: m.seed,
    result,
    ms: performance.now() - started,
    detail,
  });
  try {
    const { model } = await loadModel({ schema: file }, silentLogger());
    const site = prepareSite(model, { schema: file, out: dir });
    renderSite(model, site.templates, site.render);
    return outcome('built', '');
  } catch (error) {
    if (error instanceof ApidocError) {
      const message = error.message;
      if (message.includes('\n') || !message.startsWith(file))
        return outcome('crashed', `ApidocError without a one-line "file: ..." message: ${JSON.stringify(message.slice(0, 300))}`);
      return outcome('rejected', `${error.name}: ${message.slice(file.length, file.length + 160)}`);
    }
    const e = error as Error;
    return outcome(
      'crashed',
      `${e?.name ?? typeof error}: ${e?.message ?? String(error)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}`,
    );
  }
}

function runCli(file: string, out: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), 'build', '--quiet', '--schema', file, '--out', out], {
      cwd: REPO_ROOT,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('fuzz: mutations of the PVE 9.1 schema', () => {
  const text = readFileSync(SOURCE, 'utf8');
  const parsed = readViewerTree(SOURCE);
  const dir = tempDir('pve-apidoc-fuzz-');
  // Each mutant is a 4 MB file: one at a time, and nothing left behind.
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    `${SEEDS.length} seeds each build or fail cleanly with an ApidocError`,
    async () => {
      const outcomes: Outcome[] = [];
      const started = performance.now();
      for (const seed of SEEDS) {
        const m = mutant(seed, text, parsed);
        const outcome = await runInProcess(m, join(dir, 'mutant.js'), dir);
        if (outcome.result === 'crashed') outcome.detail = `${describeMutant(m)}\n${outcome.detail}`;
        outcomes.push(outcome);
      }
      const total = performance.now() - started;
      const count = (r: Outcome['result']): number => outcomes.filter((o) => o.result === r).length;
      const slowest = [...outcomes].sort((a, b) => b.ms - a.ms)[0]!;
      console.log(
        `fuzz: ${outcomes.length} seeds in ${(total / 1000).toFixed(1)} s: ${count('built')} built, ${count('rejected')} rejected cleanly, ` +
          `${count('crashed')} crashed; slowest seed ${slowest.seed} (${Math.round(slowest.ms)} ms)`,
      );
      const kinds = new Map<string, number>();
      for (const o of outcomes.filter((o) => o.result === 'rejected')) {
        const kind = o.detail
          .replace(/^(\w+): :?\/?[^ ]* - /, '$1: ')
          .replace(/ at line \d+ column \d+.*$/, '')
          .replace(/".*$/, '')
          .slice(0, 60);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
      console.log(
        [...kinds]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, n]) => `  ${n}× ${k}`)
          .join('\n'),
      );
      expect(outcomes.filter((o) => o.result === 'crashed').map((o) => o.detail)).toEqual([]);
      // Both outcomes must really occur, or the mutations are too weak (or too destructive) to test anything.
      if (SEEDS.length >= 100) {
        expect(count('built')).toBeGreaterThan(20);
        expect(count('rejected')).toBeGreaterThan(20);
      }
      // The first built mutants also go through build() with its write stage.
      for (const o of outcomes.filter((o) => o.result === 'built').slice(0, 3)) {
        const file = join(dir, 'mutant.js');
        writeFileSync(file, mutant(o.seed, text, parsed).text);
        const out = join(dir, `site-${o.seed}`);
        await build({ schema: file, out }, silentLogger());
        expect(existsSync(join(out, 'manifest.json'))).toBe(true);
        rmSync(out, { recursive: true, force: true });
      }
    },
    240_000 + SEEDS.length * 1_000,
  );

  it.each(CLI_SEEDS)(
    'seed %i through the CLI: exit 0, 3 or 4, never an internal error',
    async (seed) => {
      const m = mutant(seed, text, parsed);
      const file = join(dir, `cli-${seed}.js`);
      writeFileSync(file, m.text);
      const { status, stderr } = await runCli(file, join(dir, `cli-site-${seed}`));
      const context = `${describeMutant(m)}: ${stderr}`;
      expect([EXIT.ok, EXIT.input, EXIT.validation], context).toContain(status);
      if (status !== EXIT.ok) {
        expect(stderr.trim().split('\n'), context).toHaveLength(1);
        expect(stderr.startsWith(`pve-apidoc: ${file}`), context).toBe(true);
      }
    },
    60_000,
  );
});
