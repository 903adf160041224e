import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { chromiumFound, chromiumPath, schemasAvailable, schemasDir } from './test/helpers/tiers.js';

/**
 * Four tiers, each a vitest project (run one with `npx vitest run --project real`):
 * - unit: fast tests on the embedded example schema and fixtures; always runs;
 * - real: the whole pipeline on the real Proxmox schemas (`*.real.test.ts`);
 * - browser: headless Chromium over generated sites (`test/e2e/`, `*.browser.test.ts`);
 * - hardening: fuzz, hostile corpus and quality gates (`test/hardening/`); a small fixed fuzz seed
 *   set locally, the full set where CI=true.
 * A tier whose needs are missing is skipped with one message saying why, except in CI, where a
 * missing schema folder or Chromium is an error: CI must prove every tier.
 */
const TIERS = {
  unit: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.real.test.ts', 'test/**/*.browser.test.ts', 'test/e2e/**', 'test/hardening/**'],
  },
  real: { include: ['test/**/*.real.test.ts'], exclude: [] },
  browser: { include: ['test/e2e/**/*.test.ts', 'test/**/*.browser.test.ts'], exclude: [] },
  hardening: { include: ['test/hardening/**/*.test.ts'], exclude: [] },
} as const;
type Tier = keyof typeof TIERS;

/** The tier of one test file, by the same rules as the globs above (for the skip message's count). */
function tierOf(file: string): Tier {
  if (file.startsWith('test/hardening/')) return 'hardening';
  if (file.startsWith('test/e2e/') || file.endsWith('.browser.test.ts')) return 'browser';
  if (file.endsWith('.real.test.ts')) return 'real';
  return 'unit';
}

function testFiles(): string[] {
  return (readdirSync('test', { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => `test/${f.split('\\').join('/')}`)
    .filter((f) => f.endsWith('.test.ts') && !f.includes('/fixtures/'));
}

const missing: string[] = [];
if (!schemasAvailable()) missing.push(`the real Proxmox schemas were not found in ${schemasDir()}`);
if (!chromiumFound()) missing.push(`Chromium was not found at ${chromiumPath()}`);
const runnable = (tier: Tier): boolean => tier === 'unit' || (schemasAvailable() && (tier === 'real' || chromiumFound()));

const skipped = (Object.keys(TIERS) as Tier[]).filter((tier) => !runnable(tier));
if (skipped.length > 0) {
  const files = testFiles().filter((file) => skipped.includes(tierOf(file))).length;
  const hints = [
    ...(schemasAvailable()
      ? []
      : ['PVE_APIDOC_SCHEMAS=DIR (a folder of real schemas, as in shared/schemas) or a shared/schemas folder beside the checkout']),
    ...(chromiumFound() ? [] : ['apt-get install -y chromium, or CHROMIUM_PATH=FILE']),
  ];
  const why = `${missing.join('; ')}. Get them with ${hints.join('; and ')}.`;
  if (process.env.CI === 'true') throw new Error(`CI must run every test tier, but ${why}`);
  // Vitest evaluates this file once for the run and once per project: say it once.
  if (process.env.PVE_APIDOC_TIERS_NOTED !== '1')
    process.stderr.write(`\npve-apidoc tests: skipping the ${skipped.join(', ')} tier(s), ${files} test files: ${why}\n\n`);
  process.env.PVE_APIDOC_TIERS_NOTED = '1';
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on the CI machine: keep parallelism modest so real-schema builds do not starve each other.
    maxWorkers: 2,
    projects: (Object.keys(TIERS) as Tier[])
      .filter(runnable)
      .map((name) => ({ extends: true, test: { name, include: [...TIERS[name].include], exclude: [...TIERS[name].exclude] } })),
  },
});
