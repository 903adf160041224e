/** `pve-apidoc check` with two real releases: in which versions is each call valid? */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT, VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const dump = (v: string): string => VIEWER_DUMPS.find((d) => d.version === v)!.file;

describe('pve-apidoc check across versions', () => {
  it('says a call removed between 8.4 and 9.1 is valid only in 8.4, and exits 8', () => {
    const file = join(tempDir(), 'script-calls.txt');
    writeFileSync(file, 'GET /nodes/pve1/scan/glusterfs server=192.0.2.20\npvesh create /nodes/pve1/qemu --vmid 100 --memory 2048\n');
    const r = spawnSync(
      process.execPath,
      [BIN, 'check', '--schema', `8.4=${dump('8.4')}`, '--schema', `9.1=${dump('9.1')}`, '--file', file],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim().split('\n')).toEqual([
      `${file}:1: GET /nodes/pve1/scan/glusterfs: valid in 8.4; invalid in 9.1`,
      `${file}:1: GET /nodes/pve1/scan/glusterfs: [9.1] Method 'GET /nodes/pve1/scan/glusterfs' not implemented`,
      `${file}:2: POST /nodes/pve1/qemu: valid in 8.4, 9.1`,
    ]);
    expect(r.status).toBe(EXIT.invalidCall);
  });
});
