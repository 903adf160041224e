/**
 * `pve-apidoc mock -- COMMAND`: the command runs against the mock (PVE_APIDOC_MOCK_URL), its exit
 * code is the mock's, and nothing is left listening afterwards. Runs the compiled CLI (lib/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.js';

const CLI = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--quiet', '--http', ...args], { encoding: 'utf8', timeout: 60_000 });

// The command is node itself, so the test needs no curl: it calls the mock and prints what it got.
const CALL = `const u = process.env.PVE_APIDOC_MOCK_URL;
fetch(u + '/api2/json/version', { headers: { authorization: 'PVEAPIToken=root@pam!ci=x' } })
  .then((r) => r.json()).then((j) => { console.log(u, JSON.stringify(j)); process.exit(Number(process.argv[1])); });`;

// Over HTTPS the command trusts only the PEM the mock names (no check is skipped) and prints the
// certificate's fingerprint, which must be the one on the start line.
const CALL_TLS = `const https = require('node:https'); const fs = require('node:fs');
const u = process.env.PVE_APIDOC_MOCK_URL;
https.get(u + '/api2/json/version', { ca: fs.readFileSync(process.env.PVE_APIDOC_MOCK_CA), headers: { authorization: 'PVEAPIToken=root@pam!ci=x' } }, (r) => {
  const f = r.socket.getPeerCertificate().fingerprint256;
  let b = ''; r.on('data', (c) => (b += c)); r.on('end', () => console.log(u, f, JSON.parse(b).data.version));
}).on('error', (e) => { console.error(e.message); process.exit(9); });`;

describe('mock over HTTPS (the default)', () => {
  it('makes a self-signed certificate, prints its fingerprint and PEM file, and a client trusting that PEM connects', () => {
    const r = spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--', process.execPath, '-e', CALL_TLS], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toContain('Error');
    expect(r.status).toBe(0);
    const [url, fingerprint, version] = r.stdout.trim().split(' ');
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(version).toBeTruthy();
    const line = /SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2}); PEM in (\S+) /.exec(r.stderr);
    expect(line?.[1]).toBe(fingerprint);
    // The PEM was the mock's own temporary file: gone when the mock stops.
    expect(existsSync(line![2]!)).toBe(false);
  });

  it('refuses --cert without --key, and --http with --cert', () => {
    expect(spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--cert', 'x.pem'], { encoding: 'utf8' }).status).toBe(2);
    expect(
      spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--http', '--cert', 'x.pem', '--key', 'y.pem'], { encoding: 'utf8' }).status,
    ).toBe(2);
  });
});

describe('mock --state FILE', () => {
  it('writes the state when it stops and starts from it the next time', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pve-apidoc-state-')), 'state.json');
    const call = (method: string, form: string) => `const u = process.env.PVE_APIDOC_MOCK_URL + '/api2/json/nodes/pve1/vms';
fetch(u, { method: '${method}', headers: { authorization: 'PVEAPIToken=root@pam!ci=x' }${form} })
  .then((r) => r.json()).then((j) => console.log(JSON.stringify(j.data)));`;
    expect(run('--state', file, '--', process.execPath, '-e', call('POST', ", body: new URLSearchParams({ vmid: '150' })")).status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ collections: { '/nodes/pve1/vms': { '150': { vmid: '150' } } } });
    const listed = run('--state', file, '--', process.execPath, '-e', call('GET', ''));
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ vmid: 150 })]);
    const stateless = run('--stateless', '--', process.execPath, '-e', call('GET', ''));
    expect(JSON.parse(stateless.stdout)).not.toEqual([expect.objectContaining({ vmid: 150 })]);
  });

  it('names the file and the JSON pointer of a state file that is not one, exit 3', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pve-apidoc-state-')), 'state.json');
    writeFileSync(file, '{"format": "something else"}');
    const r = run('--state', file, '--', process.execPath, '-e', '0');
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${file}:/format`);
  });
});

describe('mock --state FILE that cannot be written', () => {
  it('exits 5 naming the file, and still removes its certificate file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pve-apidoc-state-')), 'no', 'such', 'state.json');
    const r = spawnSync(process.execPath, [CLI, 'mock', '--port', '0', '--state', file, '--', process.execPath, '-e', '0'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toContain(`${file}: cannot write the mock state (ENOENT)`);
    const pem = /PEM in (\S+) /.exec(r.stderr)?.[1];
    expect(pem).toBeTruthy();
    expect(existsSync(pem!)).toBe(false);
  });
});

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
