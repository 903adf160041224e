/**
 * `pve-apidoc mock -- COMMAND`: the command runs against the mock (PVE_APIDOC_MOCK_URL), its exit
 * code is the mock's, and nothing is left listening afterwards. Runs the compiled CLI (lib/).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.js';

const CLI = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--quiet', ...args], { encoding: 'utf8', timeout: 60_000 });

// The command is node itself, so the test needs no curl: it calls the mock and prints what it got.
const CALL = `const u = process.env.PVE_APIDOC_MOCK_URL;
fetch(u + '/api2/json/version', { headers: { authorization: 'PVEAPIToken=root@pam!ci=x' } })
  .then((r) => r.json()).then((j) => { console.log(u, JSON.stringify(j)); process.exit(Number(process.argv[1])); });`;

describe('mock -- COMMAND', () => {
  it('runs the command against the mock and exits with its code', () => {
    for (const code of ['0', '3']) {
      const r = run('--', process.execPath, '-e', CALL, code);
      expect(r.status).toBe(Number(code));
      const [url, body] = r.stdout.trim().split(' ');
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(JSON.parse(body!)).toHaveProperty('data.version');
    }
  });

  it('stops the mock when the command ends: its port is closed afterwards', async () => {
    const r = run('--', process.execPath, '-e', CALL, '0');
    const url = r.stdout.trim().split(' ')[0]!;
    await expect(fetch(`${url}/api2/json/version`)).rejects.toThrow();
  });

  it('exits 127 with a line naming a command that cannot start, and 2 for a stray argument', () => {
    const missing = run('--', '/nonexistent/pve-apidoc-test-command');
    expect(missing.status).toBe(127);
    expect(missing.stderr).toContain('cannot run "/nonexistent/pve-apidoc-test-command"');
    const stray = run('stray');
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain('goes after --');
  });
});
