/**
 * Wall time of the hardening tier's heaviest sweeps, run in full as CI runs them: the fuzz test
 * with its 200 seeds and the hostile-corpus test over every page. Tests never assert how long they
 * take (shared machines make that flaky); this is where the figures live. It spawns vitest on the
 * test files rather than importing test code, so bench/ does not depend on test/.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';

export interface HardeningFigures {
  /** Wall time of the fuzz test file with FUZZ_COUNT=200 (ms), or null when it failed. */
  fuzzMs: number | null;
  /** Wall time of the hostile-corpus test file over every page (ms), or null when it failed. */
  hostileMs: number | null;
}

function timeTestFile(root: string, file: string, env: Record<string, string>): number | null {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const started = performance.now();
  const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'hardening', file], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    process.stderr.write(`bench: ${file} failed (exit ${result.status}); its time is not reported\n${result.stdout.slice(-2000)}\n`);
    return null;
  }
  return ms;
}

export function benchHardening(root: string): HardeningFigures {
  return {
    fuzzMs: timeTestFile(root, 'test/hardening/fuzz.test.ts', { FUZZ_COUNT: '200' }),
    hostileMs: timeTestFile(root, 'test/hardening/hostile.test.ts', { PVE_APIDOC_FULL_TESTS: '1' }),
  };
}
