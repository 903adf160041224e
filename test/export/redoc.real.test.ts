/**
 * Smoke check: Redocly's `build-docs` renders the PVE 9.1 OpenAPI export into one HTML page
 * (it parses, bundles and prerenders every operation; a document it cannot read fails here).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { serializeOpenApi, toOpenApi } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT, VIEWER_DUMPS } from '../helpers/real-schemas.js';

const redocly = join(REPO_ROOT, 'node_modules', '.bin', 'redocly');
const dir = mkdtempSync(join(tmpdir(), 'pve-apidoc-redoc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Redocly build-docs', () => {
  it('renders the PVE 9.1 export', async () => {
    expect(existsSync(redocly), 'npm install (devDependency @redocly/cli)').toBe(true);
    const { model } = await loadModel({ schema: VIEWER_DUMPS.find((d) => d.version === '9.1')!.file }, silentLogger());
    writeFileSync(join(dir, 'openapi.json'), serializeOpenApi(toOpenApi(model), 'json'));
    const run = spawnSync(redocly, ['build-docs', 'openapi.json', '-o', 'docs.html'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      // No telemetry, no update check: the test must not talk to the network.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const html = readFileSync(join(dir, 'docs.html'), 'utf8');
    expect(html).toContain('Proxmox VE 9.1 API');
    expect(html).toContain('create_vm_nodes_qemu');
    expect(html).toContain('Create or restore a virtual machine');
  }, 180_000);
});
