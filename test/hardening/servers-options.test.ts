/**
 * Servers and link options (issue #20): `/\host` passed the "path from the site root" check of
 * --header-link, --footer-link and --base-url (browsers read `\` as `/`, so it names another host,
 * and preview's base redirect became an open redirect); schema links `//host` and `/\host` became
 * file://host in the offline bundle; preview followed symlinks inside the output, accepted any Host
 * header and sent SVG without a CSP.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { startPreview, type RunningServer } from '../../generator/dev/preview.js';
import { UsageError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { parseBaseUrl } from '../../generator/publish/base-url.js';
import { parseLink } from '../../generator/publish/theme.js';
import { safeHref } from '../../generator/render/escape.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('link options and schema links', () => {
  it('refuse /\\host and //host wherever a site-root path is expected', () => {
    for (const bad of ['/\\evil.example/', '/\\/evil.example/', '/a\\b/', '//evil.example/', '/\t/evil.example/']) {
      expect(() => parseBaseUrl(bad), bad).toThrow(UsageError);
      expect(() => parseLink(`x=${bad}`, 'header-link'), bad).toThrow(UsageError);
    }
    expect(parseBaseUrl('/pve/').path).toBe('/pve/');
    expect(parseLink('Docs=/docs/', 'footer-link').href).toBe('/docs/');
  });

  it('drop schema links that name another host without a scheme', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example/x', '\\\\evil.example\\x', '/\t/evil.example', ' //evil.example']) {
      expect(safeHref(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(safeHref('/api/x/')).toBe('/api/x/');
    expect(safeHref('../x')).toBe('../x');
    expect(safeHref('https://pve.proxmox.com/')).toBe('https://pve.proxmox.com/');
  });
});

describe('preview server', () => {
  const dir = tempDir('pve-apidoc-preview-');
  const out = join(dir, 'site');
  let server: RunningServer;

  beforeAll(async () => {
    await build({ schema: join(REPO_ROOT, 'schema', 'example-api.json'), out, baseUrl: '/docs/' }, silentLogger());
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'secret', 'key.txt'), 'secret');
    symlinkSync(join(dir, 'secret', 'key.txt'), join(out, 'link.txt'));
    symlinkSync(join(dir, 'secret'), join(out, 'linked-dir'));
    writeFileSync(join(out, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    server = await startPreview({ dir: out, host: '127.0.0.1', port: 0, basePath: '/docs/' });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('serves no file reached through a symbolic link', async () => {
    const base = server.url;
    expect((await get(`${base}index.html`)).status).toBe(200);
    for (const path of ['link.txt', 'linked-dir/key.txt']) {
      const r = await get(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });

  it('answers only a local Host header', async () => {
    expect((await get(server.url, { host: 'evil.example' })).status).toBe(403);
    expect((await get(server.url, { host: 'localhost:1234' })).status).not.toBe(403);
    expect((await get(server.url, { host: '[::1]:1234' })).status).not.toBe(403);
  });

  it('sends SVG with a CSP that runs no script', async () => {
    const r = await get(`${server.url}logo.svg`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toMatch(/default-src 'none'.*sandbox/);
  });

  it('redirects only below its own origin', async () => {
    const r = await get(server.url.replace(/docs\/$/, ''));
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/docs/');
  });
});
