/**
 * The published package works for someone who installs it: `npm pack` (whose prepack compiles)
 * on a copy of the tracked files, then `npm install <tarball>` into an empty project, and there
 * `npx pve-apidoc --version`, a build of the embedded example and a build of the real PVE 9.1
 * schema. Packing runs in a copy so that its compile never rewrites lib/ under the other tests.
 * Figures (tarball size, file count, install time) are printed, not asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_COUNTS, REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const work = mkdtempSync(join(tmpdir(), 'pve-apidoc-pack-'));
const project = join(work, 'project');
let tarball = '';
let entries: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countPages(join(dir, entry.name));
    else if (entry.name === 'index.html') n++;
  }
  return n;
}

describe('the npm package, installed from its tarball into an empty project', () => {
  beforeAll(() => {
    // The tracked files only (what a clean checkout has), plus the installed dependencies to compile with.
    const copy = join(work, 'checkout');
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(copy, file));
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], copy)) as Array<{
      filename: string;
      size: number;
      unpackedSize: number;
      entryCount: number;
      files: Array<{ path: string }>;
    }>;
    const info = packed[0]!;
    tarball = join(work, info.filename);
    entries = info.files.map((f) => f.path);
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-test', private: true, type: 'module' }));
    const started = performance.now();
    run('npm', ['install', '--no-audit', '--no-fund', tarball], project);
    const installMs = performance.now() - started;
    console.log(
      `package: ${info.filename} ${(statSync(tarball).size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked, ${info.entryCount} files; npm install took ${(installMs / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the compiled CLI, templates, site assets and schemas, and no tests or fixtures', () => {
    for (const file of [
      'bin/pve-apidoc.js',
      'lib/generator/cli/main.js',
      'lib/generator/index.d.ts',
      'templates/layout.hbs',
      'site/dist/main.js',
      'schema/example-api.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'package.json',
    ]) {
      expect(entries, file).toContain(file);
    }
    expect(
      entries.filter((f) => f.startsWith('test/') || f.startsWith('bench/') || f.startsWith('lib/bench/') || f.startsWith('.ci/')),
    ).toEqual([]);
    expect(entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('answers --version with the package version', () => {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run('npx', ['--no-install', 'pve-apidoc', '--version'], project).trim()).toBe(`pve-apidoc ${version}`);
  });

  it('builds the embedded example site', () => {
    run('npx', ['--no-install', 'pve-apidoc', 'build', '--out', 'example', '--quiet'], project);
    const manifest = JSON.parse(readFileSync(join(project, 'example', 'manifest.json'), 'utf8')) as { paths: unknown[] };
    expect(countPages(join(project, 'example', 'api'))).toBe(manifest.paths.length);
    expect(manifest.paths.length).toBeGreaterThan(10);
  }, 120_000);

  it('builds the real PVE 9.1 reference with one page per path', () => {
    run(
      'npx',
      ['--no-install', 'pve-apidoc', 'build', '--schema', join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), '--out', 'pve-9.1', '--quiet'],
      project,
    );
    expect(countPages(join(project, 'pve-9.1', 'api'))).toBe(EXPECTED_COUNTS['pve-9.1.apidata.js']!.paths);
  }, 180_000);
});
