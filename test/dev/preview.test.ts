/** `pve-apidoc preview`: serves a built folder like a static host, below its --base-url path. */
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { resolveRequest } from '../../generator/dev/static.js';
import { silentLogger } from '../../generator/log.js';
import { tempDir } from '../helpers/tree.js';
import { serveCli, type Served } from './serve.js';

describe('preview', () => {
  let server: Served;
  let base: string;
  beforeAll(async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out, baseUrl: '/docs/' }, silentLogger());
    server = await serveCli(['preview', out, '--port', '0', '--base-url', '/docs/']);
    base = server.url.replace(/\/docs\/$/, '');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints its URL with the base path', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/docs\/$/);
  });

  it('serves pages with clean URLs and redirects folders to their trailing slash', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<h1>');
    expect((await fetch(server.url + 'api/nodes/')).status).toBe(200);
    const folder = await fetch(server.url + 'api/nodes', { redirect: 'manual' });
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('nodes/');
    expect((await fetch(server.url + 'assets/style.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers missing pages with 404.html and status 404, and redirects / to the base path', async () => {
    const missing = await fetch(server.url + 'no/such/page/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('href="/docs/operations/"');
    const root = await fetch(base + '/', { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/docs/');
    expect((await fetch(base + '/other/')).status).toBe(404);
  });

  it('never serves anything outside the folder', async () => {
    expect((await fetch(server.url + '..%2f..%2fetc/passwd')).status).toBe(404);
    expect(resolveRequest('/../../etc/passwd', () => true)).toBeNull();
    expect(resolveRequest('/a/%2e%2e/b', () => true)).toBeNull();
    expect(resolveRequest('/%zz', () => true)).toBeNull();
    expect(resolveRequest('/', (f) => f === 'index.html')).toEqual({ file: 'index.html' });
    expect(resolveRequest('/api/x', (f) => f === 'api/x/index.html')).toEqual({ redirect: 'x/' });
  });

  it('answers a request target of "//" as a missing page, not 500', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(base, { path: '//' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject).end();
    });
    expect(status).toBe(404);
  });

  it('refuses a folder that is not a build', async () => {
    await expect(serveCli(['preview', tempDir(), '--port', '0'], undefined, 10_000)).rejects.toThrow(
      /has no index\.html: build the site first/,
    );
  });
});
