/**
 * --try-it changes a build only where it must: plain builds keep connect-src 'none' and ship no
 * console. A hosted build (--base-url) allows its own origin only, so that an audit reading its
 * robots.txt from inside a page (Lighthouse) can, and still ships no console.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import type { ConsoleData } from '../../generator/check/console-data.js';
import { createChecker } from '../../generator/check/index.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');

describe('--try-it build', () => {
  it('plain build: strict CSP, no console script, no data files, no console block', async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: SCHEMA, out }, silentLogger());
    const page = readFileSync(join(out, 'api/nodes/_node/vms/index.html'), 'utf8');
    expect(page).toContain("connect-src 'none'");
    expect(page).not.toContain('class="try-it"');
    expect(existsSync(join(out, 'assets/try-it.js'))).toBe(false);
    expect(existsSync(join(out, 'api/nodes/_node/vms/_try-it.json'))).toBe(false);
  });

  it('hosted build (--base-url): connect-src is the own origin only, and still no console', async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: SCHEMA, out, baseUrl: 'https://docs.example.org/pve/' }, silentLogger());
    for (const file of ['index.html', 'api/nodes/_node/vms/index.html', '404.html']) {
      const page = readFileSync(join(out, file), 'utf8');
      expect(page, file).toContain("connect-src 'self';");
      expect(page, file).not.toContain('class="try-it"');
    }
    expect(existsSync(join(out, 'robots.txt'))).toBe(true);
    expect(existsSync(join(out, 'assets/try-it.js'))).toBe(false);
  });

  it('--try-it build: same-origin connect-src, one console per operation, per-page data the checker accepts', async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: SCHEMA, out, tryIt: true }, silentLogger());
    const page = readFileSync(join(out, 'api/nodes/_node/vms/index.html'), 'utf8');
    expect(page).toContain("connect-src 'self'");
    expect(page.match(/class="try-it"/g)).toHaveLength(2);
    expect(page).toMatch(/data-src="_try-it\.json" data-js="(\.\.\/){4}assets\/try-it\.js\?v(=|&#x3D;)[0-9a-f]+"/);
    expect(existsSync(join(out, 'assets/try-it.js'))).toBe(true);
    const data = JSON.parse(readFileSync(join(out, 'api/nodes/_node/vms/_try-it.json'), 'utf8')) as ConsoleData;
    expect(data.paths.map((p) => p.path)).toEqual(['/nodes/{node}/vms']);
    const checker = createChecker(data);
    expect(checker.check({ method: 'POST', path: '/nodes/pve1/vms', params: { vmid: '100' } }).status).toBe(200);
    expect(checker.check({ method: 'POST', path: '/nodes/pve1/vms', params: { vmid: '1' } }).status).toBe(400);
  });
});
