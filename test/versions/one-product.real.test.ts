/** The real schemas of three products: a site, a diff and --product keep to one product (exit 3, one line naming the files). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const PVE = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');
const PBS = join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js');
const PMG = join(SHARED_SCHEMAS, 'pmg-2019-08.apidata.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: tempDir('pve-apidoc-cwd-'),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe('one product per site and per diff (real schemas)', () => {
  it('build --schema 9.1=PVE --schema 3.4=PBS is refused before anything is written', () => {
    const out = join(tempDir(), 'site');
    const result = run('build', '--schema', `9.1=${PVE}`, '--schema', `3.4=${PBS}`, '--out', out);
    expect(result.status).toBe(EXIT.input);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toBe(
      `pve-apidoc: ${PBS} - versions must be of one product: 3.4 is Proxmox Backup Server (${PBS}); 9.1 is Proxmox VE (${PVE})`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('diff PVE PMG is refused', () => {
    const result = run('diff', PVE, PMG);
    expect(result.status).toBe(EXIT.input);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `pve-apidoc: ${PVE} - versions must be of one product: 9.1 is Proxmox VE (${PVE}); ${PMG} is Proxmox Mail Gateway`,
    );
  });

  it('--product pve on the PBS schema is refused; --product pbs is taken', () => {
    const result = run('build', '--schema', PBS, '--product', 'pve', '--out', join(tempDir(), 'site'));
    expect(result.status).toBe(EXIT.input);
    expect(result.stderr).toBe(
      `pve-apidoc: ${PBS} - --product pve does not match the schema: it is Proxmox Backup Server (it has /config/datastore); leave --product out or give --product pbs`,
    );
    expect(run('build', '--schema', PBS, '--product', 'pbs', '--quiet', '--out', join(tempDir(), 'site')).status).toBe(EXIT.ok);
  });

  it('each real schema is clearly of its own product', () => {
    for (const [file, product] of [
      [PVE, 'pmg'],
      [PMG, 'pve'],
    ] as const) {
      expect(run('openapi', '--schema', file, '--product', product, '--out', join(tempDir(), 'o.json')).status).toBe(EXIT.input);
    }
  });
});
