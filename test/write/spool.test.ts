/**
 * The spool (write/spool.ts): past its budget, files go to disk as they are made and the write
 * stage moves them into place. PVE_APIDOC_TEST_SPOOL_BYTES=0 spools every file of the example
 * site, so each test here runs the path a 20,000-path API takes. The output must be the same bytes
 * as a build held in memory, and the spool must never outlive its build: not after a success, an
 * unchanged rebuild, a refusal, an injected failure, a kill (the next build's recovery) or a signal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { OutputError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { listFiles, tempDir, treeHash } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');

/** The write stage's own names inside the output (staging with its spool, journal, lock); the record is output. */
const internals = (out: string): string[] => readdirSync(out).filter((e) => e.startsWith('.pve-apidoc-') && e !== '.pve-apidoc-files.json');

function newOut(): string {
  return join(tempDir('pve-apidoc-spool-'), 'site');
}

async function buildInMemory(options: { title?: string; offline?: boolean } = {}): Promise<string> {
  delete process.env.PVE_APIDOC_TEST_SPOOL_BYTES;
  const out = newOut();
  await build({ schema: SCHEMA, out, ...options }, silentLogger());
  return out;
}

function spoolEverything(): void {
  process.env.PVE_APIDOC_TEST_SPOOL_BYTES = '0';
}

afterEach(() => {
  delete process.env.PVE_APIDOC_TEST_SPOOL_BYTES;
  delete process.env.PVE_APIDOC_TEST_CRASH_AT;
});

describe('a spooled build', () => {
  it('writes the same bytes as a build held in memory, folder and zip, and leaves no spool', async () => {
    const reference = await buildInMemory({ offline: true });
    spoolEverything();
    const out = newOut();
    const result = await build({ schema: SCHEMA, out, offline: true }, silentLogger());
    // Every file but our record (which is output, not a file of the site).
    expect(result.files).toBe(listFiles(reference).length - 1);
    expect(result.bytes).toBeGreaterThan(0);
    expect(treeHash(out)).toBe(treeHash(reference));
    expect(readFileSync(`${out}.zip`).equals(readFileSync(`${reference}.zip`))).toBe(true);
    expect(internals(out)).toEqual([]);
  });

  it('into its own unchanged output: writes nothing and removes the spool', async () => {
    spoolEverything();
    const out = newOut();
    await build({ schema: SCHEMA, out }, silentLogger());
    const index = lstatSync(join(out, 'index.html'));
    const result = await build({ schema: SCHEMA, out }, silentLogger());
    expect(result.unchanged).toBe(true);
    expect(lstatSync(join(out, 'index.html')).ino).toBe(index.ino);
    expect(internals(out)).toEqual([]);
  });

  it('over a previous build with different content: replaced whole, as in memory', async () => {
    const reference = await buildInMemory({ title: 'B' });
    const out = newOut();
    await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    spoolEverything();
    await build({ schema: SCHEMA, out, title: 'B' }, silentLogger());
    expect(treeHash(out)).toBe(treeHash(reference));
    expect(internals(out)).toEqual([]);
  });

  it('refused (a folder of the user where the build writes a file): the folder stays, the spool goes', async () => {
    const out = newOut();
    await build({ schema: SCHEMA, out }, silentLogger());
    rmSync(join(out, '404.html'));
    mkdirSync(join(out, '404.html'));
    writeFileSync(join(out, '404.html', 'mine.txt'), 'mine');
    const before = treeHash(out);
    spoolEverything();
    await expect(build({ schema: SCHEMA, out, title: 'B' }, silentLogger())).rejects.toThrow(/404\.html is a folder holding files/);
    expect(treeHash(out)).toBe(before);
    expect(internals(out)).toEqual([]);
  });

  it('failing before the swap: the previous output stays and the spool goes', async () => {
    const out = newOut();
    await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    const before = treeHash(out);
    spoolEverything();
    for (const step of ['writing', 'staged', 'journal']) {
      process.env.PVE_APIDOC_TEST_CRASH_AT = `fail:${step}`;
      await expect(build({ schema: SCHEMA, out, title: 'B' }, silentLogger())).rejects.toThrow(OutputError);
      expect(treeHash(out)).toBe(before);
      expect(internals(out)).toEqual([]);
    }
  });

  it('a first build that fails leaves no folder behind (the spool made it)', async () => {
    const out = newOut();
    spoolEverything();
    process.env.PVE_APIDOC_TEST_CRASH_AT = 'fail:staged';
    await expect(build({ schema: SCHEMA, out }, silentLogger())).rejects.toThrow(OutputError);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a spooled build that dies', () => {
  function cli(out: string, env: Record<string, string>): { status: number | null; signal: string | null; stderr: string } {
    const r = spawnSync(process.execPath, [BIN, 'build', '--schema', SCHEMA, '--out', out, '--title', 'B', '--no-cache'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, PVE_APIDOC_TEST_SPOOL_BYTES: '0', ...env },
      timeout: 120_000,
    });
    return { status: r.status, signal: r.signal, stderr: r.stderr };
  }

  it('killed while spooling: the previous output is whole, and the next build removes the spool', async () => {
    const out = newOut();
    await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    const before = treeHash(out);
    const killed = cli(out, { PVE_APIDOC_TEST_CRASH_AT: 'kill:spooled' });
    expect(killed.signal).toBe('SIGKILL');
    expect(internals(out).filter((e) => e.startsWith('.pve-apidoc-tmp-'))).toHaveLength(1);
    // What a reader sees is still the previous build; the next build recovers first.
    spoolEverything();
    const result = await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    expect(result.unchanged).toBe(true);
    expect(treeHash(out)).toBe(before);
    expect(internals(out)).toEqual([]);
  });

  it.each(['sigint', 'sigterm'])(
    'interrupted (%s) while spooling: exits with the signal code, spool removed, previous output whole',
    async (signal) => {
      const out = newOut();
      await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
      const before = treeHash(out);
      const r = cli(out, { PVE_APIDOC_TEST_CRASH_AT: `${signal}:spooled` });
      expect(r.status).toBe(signal === 'sigint' ? 130 : 143);
      expect(r.stderr).toMatch(/interrupted; the previous output in .* is unchanged/);
      expect(treeHash(out)).toBe(before);
      expect(internals(out)).toEqual([]);
    },
  );
});
