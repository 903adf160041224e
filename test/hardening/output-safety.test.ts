/**
 * Data loss around --out (issue #20): only our own previous build is ever replaced, nothing is
 * removed through a symbolic link, and a build that fails or is killed at any step leaves a
 * complete output (the previous one or the new one, folder and zip from the same build).
 * Kills run the real CLI in a child process with PVE_APIDOC_TEST_CRASH_AT=kill:STEP (SIGKILL at
 * that step); injected failures and the recovery that follows run in-process.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { EXIT, OutputError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { STEPS } from '../../generator/write/atomic.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir, treeHash } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');
/** A pid no process has (above any pid_max Linux allows): a "dead" build's staging names. */
const DEAD_PID = 2147483646;

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; signal: string | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'build', '--schema', SCHEMA, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Staging names anything left beside `site` in `dir`. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((e) => e.startsWith('.site.'));

/** The write stage's own names left inside the output (staging, journal, retired entries, lock); the record is output. */
const internals = (out: string): string[] => readdirSync(out).filter((e) => e.startsWith('.pve-apidoc-') && e !== '.pve-apidoc-files.json');

/** treeHash of the output without the write stage's own names: what a reader of the folder sees. */
const siteHash = (out: string): string => {
  const copy = join(tempDir('pve-apidoc-safety-copy-'), 'site');
  cpSync(out, copy, { recursive: true, verbatimSymlinks: true });
  for (const name of internals(copy)) rmSync(join(copy, name), { recursive: true });
  return treeHash(copy);
};

describe('output safety', () => {
  /** Folder and zip hashes of clean builds titled A and B (same folder name, so the zips compare). */
  const clean: Record<'A' | 'B', { folder: string; zip: string }> = { A: { folder: '', zip: '' }, B: { folder: '', zip: '' } };

  beforeAll(async () => {
    for (const title of ['A', 'B'] as const) {
      const out = join(tempDir('pve-apidoc-safety-ref-'), 'site');
      await build({ schema: SCHEMA, out, offline: true, title }, silentLogger());
      clean[title] = { folder: treeHash(out), zip: sha(`${out}.zip`) };
    }
    expect(clean.A.folder).not.toBe(clean.B.folder);
  }, 60_000);

  const pair = (out: string): 'A' | 'B' | 'mixed' => {
    const folder = siteHash(out);
    const zip = sha(`${out}.zip`);
    for (const t of ['A', 'B'] as const) if (clean[t].folder === folder && clean[t].zip === zip) return t;
    return 'mixed';
  };

  afterEach(() => {
    delete process.env.PVE_APIDOC_TEST_CRASH_AT;
  });

  it('refuses a folder that merely has a manifest.json (a React public/) with exit 5 and a hint', () => {
    const out = join(tempDir('pve-apidoc-safety-'), 'public');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ short_name: 'React App', name: 'Create React App', icons: [] }));
    writeFileSync(join(out, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(out, 'robots.txt'), 'User-agent: *');
    const before = treeHash(out);
    const r = cli(['--out', out]);
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toMatch(
      /refusing to replace .*public: it is not empty and not a previous pve-apidoc build .*pick an empty or new folder/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(treeHash(out)).toBe(before);
    // A manifest that claims to be ours but has another shape is not enough either.
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ generator: 'pve-apidoc' }));
    expect(cli(['--out', out]).status).toBe(EXIT.output);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *');
  });

  it('replaces its own previous build, single- and multi-version', async () => {
    const out = join(tempDir('pve-apidoc-safety-'), 'site');
    await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    await build({ schema: SCHEMA, out, title: 'B', offline: true }, silentLogger());
    expect(pair(out)).toBe('B');
  });

  it('resolves an --out that is a symbolic link once: the folder it points to is replaced, the link stays', async () => {
    const dir = tempDir('pve-apidoc-safety-');
    const real = join(dir, 'real-site');
    await build({ schema: SCHEMA, out: real, title: 'A' }, silentLogger());
    symlinkSync(real, join(dir, 'site'));
    expect(cli(['--out', join(dir, 'site'), '--title', 'B']).status).toBe(0);
    expect(lstatSync(join(dir, 'site')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(real, 'index.html'), 'utf8')).toContain('B');
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(dir).filter((e) => e.startsWith('.real-site.'))).toEqual([]);

    // A link to someone else's folder is refused like the folder itself; a dangling link too.
    const precious = join(dir, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'keep.txt'), 'keep');
    symlinkSync(precious, join(dir, 'other'));
    expect(cli(['--out', join(dir, 'other')]).status).toBe(EXIT.output);
    expect(readFileSync(join(precious, 'keep.txt'), 'utf8')).toBe('keep');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const dangling = cli(['--out', join(dir, 'dangling')]);
    expect(dangling.status).toBe(EXIT.output);
    expect(dangling.stderr).toMatch(/symbolic link to nothing/);
  });

  it('never follows a planted link named like a staging file or folder of a dead build', async () => {
    const dir = tempDir('pve-apidoc-safety-');
    const out = join(dir, 'site');
    await build({ schema: SCHEMA, out, title: 'A', offline: true }, silentLogger());
    const precious = join(dir, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'keep.txt'), 'keep');
    writeFileSync(join(dir, 'keep-file.txt'), 'keep');
    for (const kind of ['tmp', 'old', 'swap']) symlinkSync(precious, join(dir, `.site.${kind}-${DEAD_PID}`));
    symlinkSync(join(dir, 'keep-file.txt'), join(dir, `.site.zip.tmp-${DEAD_PID}`));
    // And one with this very process's pid, which the build is about to use.
    symlinkSync(precious, join(dir, `.site.tmp-${process.pid}`));
    symlinkSync(join(dir, 'keep-file.txt'), join(dir, `.site.zip.tmp-${process.pid}`));
    await build({ schema: SCHEMA, out, title: 'B', offline: true }, silentLogger());
    expect(readFileSync(join(precious, 'keep.txt'), 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, 'keep-file.txt'), 'utf8')).toBe('keep');
    expect(pair(out)).toBe('B');
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a schema file stored inside the output it would replace', async () => {
    const dir = tempDir('pve-apidoc-safety-');
    const out = join(dir, 'site');
    await build({ schema: SCHEMA, out }, silentLogger());
    cpSync(SCHEMA, join(out, 'api.json'));
    const r = spawnSync(process.execPath, [BIN, 'build', '--schema', join(out, 'api.json'), '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toMatch(/api\.json is inside it and would be deleted/);
    expect(existsSync(join(out, 'api.json'))).toBe(true);
  });

  it('refuses a schema inside the output when a folder above --out is a link', async () => {
    const dir = tempDir('pve-apidoc-safety-');
    const real = join(dir, 'real');
    mkdirSync(real);
    symlinkSync(real, join(dir, 'lnk'), 'dir');
    await build({ schema: SCHEMA, out: join(real, 'site') }, silentLogger());
    cpSync(SCHEMA, join(real, 'site', 'api.json'));
    const r = spawnSync(process.execPath, [BIN, 'build', '--schema', join(real, 'site', 'api.json'), '--out', join(dir, 'lnk', 'site')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(EXIT.output);
    expect(r.stderr).toMatch(/api\.json is inside it and would be deleted/);
    expect(existsSync(join(real, 'site', 'api.json'))).toBe(true);
  });

  it('refuses to overwrite a zip beside the output that is not our bundle', () => {
    const dir = tempDir('pve-apidoc-safety-');
    writeFileSync(join(dir, 'site.zip'), 'my own archive');
    const r = cli(['--out', join(dir, 'site'), '--offline']);
    expect(r.status).toBe(EXIT.output);
    expect(readFileSync(join(dir, 'site.zip'), 'utf8')).toBe('my own archive');
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  for (const step of STEPS) {
    it(`a build killed at "${step}" leaves a complete output, and the next build makes folder and zip agree`, async () => {
      const dir = tempDir('pve-apidoc-safety-');
      const out = join(dir, 'site');
      await build({ schema: SCHEMA, out, title: 'A', offline: true }, silentLogger());
      const killed = cli(['--out', out, '--offline', '--title', 'B'], { PVE_APIDOC_TEST_CRASH_AT: `kill:${step}` });
      expect(killed.signal).toBe('SIGKILL');
      // Right after the kill: a complete folder of either build, and a complete zip of either build;
      // or, killed in the middle of the root entries' renames (no atomic exchange of several
      // entries), a journal that makes the next build finish the swap.
      if (step === 'retired') expect(internals(out).some((e) => /^\.pve-apidoc-swap-\d+$/.test(e))).toBe(true);
      else expect([clean.A.folder, clean.B.folder]).toContain(siteHash(out));
      expect([clean.A.zip, clean.B.zip]).toContain(sha(`${out}.zip`));
      // The next build recovers first; it fails right after that, so what recovery left is visible.
      // Title C: a build of A into a folder recovery left holding A would write nothing (unchanged.ts).
      process.env.PVE_APIDOC_TEST_CRASH_AT = 'fail:staged';
      await expect(build({ schema: SCHEMA, out, title: 'C', offline: true }, silentLogger())).rejects.toThrow(OutputError);
      const recovered = pair(out);
      expect(recovered).not.toBe('mixed');
      // Once the swap had begun (journal written) the killed build's output is finished, never lost.
      if (STEPS.indexOf(step) >= STEPS.indexOf('journal')) expect(recovered).toBe('B');
      expect(leftovers(dir)).toEqual([]);
      expect(internals(out)).toEqual([]);
    }, 60_000);

    it(`a build failing at "${step}" leaves the previous output (or, once swapped, the new one) and no staging names`, async () => {
      const dir = tempDir('pve-apidoc-safety-');
      const out = join(dir, 'site');
      await build({ schema: SCHEMA, out, title: 'A', offline: true }, silentLogger());
      process.env.PVE_APIDOC_TEST_CRASH_AT = `fail:${step}`;
      await expect(build({ schema: SCHEMA, out, title: 'B', offline: true }, silentLogger())).rejects.toThrow(OutputError);
      delete process.env.PVE_APIDOC_TEST_CRASH_AT;
      if (STEPS.indexOf(step) >= STEPS.indexOf('zipped')) {
        // Failing after the last rename: the new output is complete; the next build removes the rest.
        expect(pair(out)).toBe('B');
        await build({ schema: SCHEMA, out, title: 'B', offline: true }, silentLogger());
      } else expect(pair(out)).toBe('A');
      expect(leftovers(dir)).toEqual([]);
      expect(internals(out)).toEqual([]);
    }, 60_000);
  }

  it('puts back the previous output a killed older build left as .NAME.old-PID (no journal)', async () => {
    const dir = tempDir('pve-apidoc-safety-');
    const out = join(dir, 'site');
    await build({ schema: SCHEMA, out, title: 'A' }, silentLogger());
    const hash = treeHash(out);
    // What a kill between the two renames of an older version left: no folder, only the retired copy.
    cpSync(out, join(dir, `.site.old-${DEAD_PID}`), { recursive: true });
    cpSync(out, join(dir, `.site.tmp-${DEAD_PID}`), { recursive: true });
    writeFileSync(join(dir, `.site.tmp-${DEAD_PID}`, 'index.html'), 'half written');
    rmSync(out, { recursive: true });
    process.env.PVE_APIDOC_TEST_CRASH_AT = 'fail:staged';
    await expect(build({ schema: SCHEMA, out, title: 'B' }, silentLogger())).rejects.toThrow(OutputError);
    expect(treeHash(out)).toBe(hash);
    expect(leftovers(dir)).toEqual([]);
  });
});
