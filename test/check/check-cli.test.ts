/** `pve-apidoc check` as a user runs it (the built CLI, the embedded example API): pvesh, curl and line files, exit codes. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');

function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', '--schema', SCHEMA, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pve-apidoc check', () => {
  it('accepts a valid pvesh command line with exit 0 and prints nothing on stdout', () => {
    const r = check('--', 'pvesh', 'create', '/nodes/pve1/vms', '--vmid', '100', '--memory', '2048', '--net0', 'virtio,bridge=vmbr0');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/1 call checked: all valid/);
    expect(r.status).toBe(EXIT.ok);
  });

  it('prints one line per error and exits 8', () => {
    const r = check('--', 'pvesh', 'create', '/nodes/pve1/vms', '--vmid', '99', '--memroy', '2048');
    expect(r.status).toBe(EXIT.invalidCall);
    expect(r.stdout.trim().split('\n')).toEqual([
      'argv: POST /nodes/pve1/vms: vmid: value must have a minimum value of 100',
      'argv: POST /nodes/pve1/vms: memroy: property is not defined in schema and the schema does not allow additional properties',
    ]);
  });

  it('reads curl command lines: method, URL query, -d and --data-urlencode, JSON bodies', () => {
    const ok = check(
      '--',
      'curl',
      '-k',
      '-X',
      'POST',
      'https://pve:8006/api2/json/nodes/pve1/vms',
      '-H',
      'Authorization: PVEAPIToken=a@pam!b=c',
      '--data-urlencode',
      'net0=virtio,bridge=vmbr0',
      '-d',
      'vmid=100',
    );
    expect([ok.status, ok.stdout]).toEqual([EXIT.ok, '']);
    const json = check(
      '--',
      'curl',
      'https://pve:8006/api2/json/nodes/pve1/vms',
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"vmid": 100, "start": true}',
    );
    expect([json.status, json.stdout]).toEqual([EXIT.ok, '']);
    const query = check('--', 'curl', 'https://pve:8006/api2/json/nodes/pve1/vms?full=maybe');
    expect(query.status).toBe(EXIT.invalidCall);
    expect(query.stdout).toMatch(/GET \/nodes\/pve1\/vms: full: type check \('boolean'\) failed - got 'maybe'/);
  });

  it('checks a file of METHOD /path key=value lines, naming file and line', () => {
    const file = join(tempDir(), 'calls.txt');
    writeFileSync(
      file,
      ['# comment', 'GET /version', '', "POST /nodes/pve1/vms vmid=100 'net0=virtio,brigde=vmbr0'", 'DELETE /version', 'not a call'].join(
        '\n',
      ),
    );
    const r = check('--file', file);
    expect(r.status).toBe(EXIT.invalidCall);
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:4: POST /nodes/pve1/vms: net0: invalid format - invalid key in comma-separated list property: brigde`,
      `${file}:5: DELETE /version: Method 'DELETE /version' not implemented`,
      `${file}:6: expected METHOD /path key=value ... (or a pvesh or curl command line)`,
    ]);
    expect(r.stderr).toMatch(/4 calls checked: 3 invalid/);
  });

  it('is a usage error without a call', () => {
    expect(check().status).toBe(EXIT.usage);
  });
});
