/** The installed CLI as a user runs it: exit codes per failure kind, one-line errors, no stack traces. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tempDir('pve-apidoc-cwd-') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pve-apidoc CLI', () => {
  it('builds the embedded example by default and prints phase timings', () => {
    const out = join(tempDir(), 'site');
    const result = run('build', '--out', out);
    expect(result.status).toBe(EXIT.ok);
    expect(result.stderr).toMatch(/built 21 path pages \(28 operations/);
    expect(result.stderr).toMatch(/load \d+ ms · validate \d+ ms · deref \d+ ms · normalize \d+ ms · render \d+ ms · write \d+ ms/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).paths).toHaveLength(21);
  });

  it('is silent with --quiet except for warnings', () => {
    const result = run('build', '--quiet', '--out', join(tempDir(), 'site'));
    expect(result.status).toBe(EXIT.ok);
    expect(result.stderr).not.toMatch(/built/);
  });

  it('--emit model writes the normalized model', () => {
    const out = join(tempDir(), 'site');
    expect(run('build', '--quiet', '--emit', 'model', '--out', out).status).toBe(EXIT.ok);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.stats).toEqual({ paths: 21, operations: 28, parameters: expect.any(Number) });
  });

  it('rejects an unknown flag with a hint (usage exit code)', () => {
    const result = run('build', '--shema', 'x.js');
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr.trim()).toBe('pve-apidoc: unknown option --shema for "build" (did you mean --schema?)');
  });

  it('rejects an unknown command', () => {
    expect(run('biuld').status).toBe(EXIT.usage);
  });

  it('reports a missing file as an input error in one line', () => {
    const result = run('build', '--schema', '/nonexistent/pve.js', '--out', join(tempDir(), 'site'));
    expect(result.status).toBe(EXIT.input);
    expect(result.stderr.trim().split('\n')).toEqual(['pve-apidoc: /nonexistent/pve.js - cannot read schema: no such file']);
  });

  it('reports a schema violation with file and pointer, and no stack trace', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ path: '/a', info: { GET: { name: 'x' } } }]));
    const result = run('build', '--schema', file, '--out', join(dir, 'site'));
    expect(result.status).toBe(EXIT.validation);
    expect(result.stderr.trim()).toBe(`pve-apidoc: ${file}:/0/info/GET - must have required property 'parameters'`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--verbose lists every violation and the stack', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ path: 'a' }, { path: '/b', info: 5 }]));
    const result = run('build', '--verbose', '--schema', file, '--out', join(dir, 'site'));
    expect(result.status).toBe(EXIT.validation);
    expect(result.stderr).toContain(`${file}:/0/path - must match pattern "^/"`);
    expect(result.stderr).toContain(`${file}:/1/info - must be object`);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('refuses to replace a folder that is not a previous build (output exit code)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    const result = run('build', '--out', dir);
    expect(result.status).toBe(EXIT.output);
    expect(result.stderr).toMatch(/refusing to replace .* not empty and not a previous pve-apidoc build \(no manifest\.json/);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('prints help listing every option', () => {
    const result = run('--help');
    expect(result.status).toBe(EXIT.ok);
    for (const flag of ['--schema', '--out', '--title', '--insecure', '--emit', '--quiet', '--formats'])
      expect(result.stdout).toContain(flag);
  });
});
