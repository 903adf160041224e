/**
 * What the test tiers need from the machine, decided once (vitest.config.ts reads it to choose the
 * tiers that can run; test helpers read it for paths):
 * - the real Proxmox schemas: PVE_APIDOC_SCHEMAS, else ../shared/schemas beside the checkout;
 * - Chromium for the browser tests: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function schemasDir(): string {
  const fromEnv = process.env.PVE_APIDOC_SCHEMAS;
  return fromEnv ? resolve(fromEnv) : resolve(repoRoot, '..', 'shared', 'schemas');
}

/** A folder counts only if it holds the schema every real-schema tier relies on. */
export function schemasAvailable(): boolean {
  return existsSync(resolve(schemasDir(), 'pve-9.1.apidata.js'));
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function chromiumFound(): boolean {
  return existsSync(chromiumPath());
}

/**
 * The hardening tier runs in full where CI=true (or PVE_APIDOC_FULL_TESTS=1); elsewhere its
 * page-by-page sweeps take a fixed, deterministic sample so that a local `npm test` stays quick.
 */
function fullHardening(): boolean {
  return process.env.CI === 'true' || process.env.PVE_APIDOC_FULL_TESTS === '1';
}

/** All items in a full run; otherwise every `step`-th one (always including the first and last). */
export function sweep<T>(items: readonly T[], step: number): T[] {
  if (fullHardening() || items.length <= 2) return [...items];
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}
