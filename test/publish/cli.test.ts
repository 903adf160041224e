/**
 * The build as CI uses it: --json prints a summary on stdout (and a failure summary on failure),
 * --strict turns warnings into exit code 6, colour and the progress line only on a terminal, and
 * NO_COLOR honoured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { colorEnabled, createLogger, palette } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: tempDir('pve-apidoc-cwd-'),
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A one-path schema without anything to warn about. */
function cleanSchema(): string {
  const file = join(tempDir(), 'clean.json');
  const info = {
    name: 'version',
    method: 'GET',
    description: 'API version.',
    parameters: { type: 'object', properties: {} },
    returns: { type: 'object' },
    permissions: { user: 'all' },
  };
  writeFileSync(file, JSON.stringify([{ path: '/version', text: 'version', leaf: 1, info: { GET: info } }]));
  return file;
}

describe('--json', () => {
  it('prints one JSON summary on stdout: counts, warnings, timings, output paths', () => {
    const out = join(tempDir(), 'site');
    const result = run(['build', '--json', '--offline', '--out', out]);
    expect(result.status).toBe(EXIT.ok);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      ok: true,
      exitCode: 0,
      command: 'build',
      site: { product: 'pve', productName: 'Proxmox VE' },
      counts: { paths: 21, operations: 28, files: expect.any(Number), bytes: expect.any(Number) },
      warnings: { count: 1, messages: [expect.stringContaining('unrecognized permission test "future-check"')] },
      outputs: {
        dir: out,
        index: join(out, 'index.html'),
        manifest: join(out, 'manifest.json'),
        sitemap: null,
        zip: { path: `${out}.zip`, bytes: expect.any(Number) },
        unchanged: false,
      },
    });
    for (const phase of ['load', 'validate', 'deref', 'normalize', 'render', 'write', 'zip', 'total'])
      expect(summary.timings[phase]).toBeGreaterThanOrEqual(0);
    // Human lines stay on stderr.
    expect(result.stderr).toMatch(/built 21 path pages/);
    // The same build again: the folder and zip already hold it, so nothing is written.
    const again = run(['build', '--json', '--offline', '--out', out]);
    expect(JSON.parse(again.stdout).outputs.unchanged).toBe(true);
    expect(again.stderr).toMatch(/\(unchanged: it already held these files, nothing written\)/);
  });

  it('names the sitemap when there is one', () => {
    const out = join(tempDir(), 'site');
    const summary = JSON.parse(run(['build', '--json', '--quiet', '--base-url', 'https://example.org/', '--out', out]).stdout);
    expect(summary.outputs.sitemap).toBe(join(out, 'sitemap.xml'));
    expect(summary.outputs.zip).toBeNull();
  });

  it('prints a failure summary with the error and its exit code', () => {
    const result = run(['build', '--json', '--schema', '/nonexistent/pve.js', '--out', join(tempDir(), 'site')]);
    expect(result.status).toBe(EXIT.input);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      exitCode: EXIT.input,
      command: 'build',
      warnings: { count: 0, messages: [] },
      error: { kind: 'InputError', message: '/nonexistent/pve.js - cannot read schema: no such file' },
    });
  });
});

describe('--strict', () => {
  it('exits with 6 when there were warnings, and still writes the output', () => {
    const out = join(tempDir(), 'site');
    const result = run(['build', '--strict', '--out', out]);
    expect(result.status).toBe(EXIT.strict);
    expect(result.stderr).toMatch(/warning: .*future-check/);
    expect(result.stderr).toMatch(/pve-apidoc: 1 warning with --strict/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('reports the strict failure in the --json summary', () => {
    const summary = JSON.parse(run(['build', '--strict', '--json', '--quiet', '--out', join(tempDir(), 'site')]).stdout);
    expect(summary).toMatchObject({ ok: false, exitCode: EXIT.strict, warnings: { count: 1 } });
  });

  it('exits with 0 without warnings', () => {
    const result = run(['build', '--strict', '--schema', cleanSchema(), '--out', join(tempDir(), 'site')]);
    expect(result.stderr).not.toMatch(/warning/);
    expect(result.status).toBe(EXIT.ok);
  });
});

describe('colour and progress', () => {
  it('prints no escape codes when stderr is not a terminal', () => {
    const result = run(['build', '--schema', '/nonexistent/pve.js', '--out', join(tempDir(), 'site')], { FORCE_COLOR: '1' });
    expect(result.stderr).not.toContain('\x1b');
    const ok = run(['build', '--out', join(tempDir(), 'site')]);
    expect(ok.stderr).not.toContain('\x1b');
    expect(ok.stderr).not.toContain('\r');
  });

  it('colours only on a terminal, and never with NO_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true); // the spec: set and not empty
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(palette(true).yellow('w')).toBe('\x1b[33mw\x1b[39m');
    expect(palette(false).yellow('w')).toBe('w');
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l), color: true }).warn('x');
    createLogger({ write: (l) => lines.push(l), color: false }).warn('y');
    expect(lines).toEqual(['\x1b[33mwarning:\x1b[39m x', 'warning: y']);
  });

  // `script` gives the CLI a real terminal: the progress line and colour appear, NO_COLOR removes the colour.
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('shows a progress line and colour on a terminal; NO_COLOR keeps it plain', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} build --out ${JSON.stringify(join(tempDir(), 'site'))}`;
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', TERM: 'xterm' },
    });
    expect(tty.stdout).toContain('\r\x1b[2K\x1b[2mrender…\x1b[22m');
    expect(tty.stdout).toContain('\x1b[33mwarning:\x1b[39m');
    const plain = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
    });
    expect(plain.stdout).toContain('\r\x1b[2Krender…');
    expect(plain.stdout).not.toMatch(/\x1b\[\d+m/);
  });
});
