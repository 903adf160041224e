/**
 * `serve` in front of a host: only /api2/json/ of that one host, nothing of the browser's but the
 * allowlisted headers, traversal and absolute URLs refused, foreign origins refused, big bodies
 * refused; and in front of the mock, the console's ticket header standing in for the cookie.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { foreignRequest } from '../../generator/dev/proxy.js';
import { parseProxyTarget, type RunningServe, startServe } from '../../generator/dev/serve.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

let upstream: Server;
let upstreamUrl: string;
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
let proxied: RunningServe;
let mocked: RunningServe;
const logs: string[] = [];

function site(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>site</title>');
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api', 'index.html'), 'api page');
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
  return dir;
}

/** A raw request (fetch would normalize `..` and refuses absolute request targets). */
function raw(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; text: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path: target, headers: { host: u.host, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res
        .writeHead(200, 'OK', { 'content-type': 'application/json', 'set-cookie': 'evil=1', 'x-upstream': 'yes' })
        .end('{"data":{"ok":1}}');
    });
  });
  await new Promise<void>((ok) => upstream.listen(0, '127.0.0.1', () => ok()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxied = await startServe({ dir: site(), host: '127.0.0.1', port: 0, proxy: parseProxyTarget(upstreamUrl), log: (l) => logs.push(l) });
  const { model } = await loadModel({ schema: `${REPO_ROOT}/schema/example-api.json` }, silentLogger());
  mocked = await startServe({ dir: site(), host: '127.0.0.1', port: 0, mock: model });
});
afterAll(async () => {
  await proxied?.close();
  await mocked?.close();
  await new Promise<void>((ok) => upstream.close(() => ok()));
});

describe('serve --proxy', () => {
  it('serves the site, but not a symlink that leads out of it', async () => {
    expect((await fetch(proxied.url)).status).toBe(200);
    expect(await (await fetch(`${proxied.url}api/`)).text()).toBe('api page');
    expect((await fetch(`${proxied.url}leak.txt`)).status).toBe(404);
  });

  it('forwards /api2/json/ with only the allowlisted headers, and returns only safe headers', async () => {
    seen.length = 0;
    const res = await fetch(`${proxied.url}api2/json/nodes/pve1/qemu?full=1`, {
      method: 'POST',
      headers: {
        authorization: 'PVEAPIToken=root@pam!t=secret',
        csrfpreventiontoken: 'abc:def',
        cookie: 'PVEAuthCookie=from-another-site; other=1',
        'x-apidoc-ticket': 'PVE:root@pam:66000000::sig',
        'x-custom': 'nope',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'vmid=100',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-upstream')).toBeNull();
    const got = seen[0]!;
    expect([got.method, got.url, got.body]).toEqual(['POST', '/api2/json/nodes/pve1/qemu?full=1', 'vmid=100']);
    expect(got.headers['host']).toBe(new URL(upstreamUrl).host);
    expect(got.headers['authorization']).toBe('PVEAPIToken=root@pam!t=secret');
    expect(got.headers['csrfpreventiontoken']).toBe('abc:def');
    expect(got.headers['cookie']).toBe(`PVEAuthCookie=${encodeURIComponent('PVE:root@pam:66000000::sig')}`);
    expect(got.headers['x-custom']).toBeUndefined();
    expect(got.headers['x-apidoc-ticket']).toBeUndefined();
  });

  it("passes an ordinary client's ticket cookie on (that cookie alone), but not a browser's", async () => {
    seen.length = 0;
    const ticket = 'PVE:root@pam:66000000::sig';
    const cookie = `other=1; PVEAuthCookie=${encodeURIComponent(ticket)}; PBSAuthCookie=PVE:x`;
    await raw(proxied.url, 'GET', '/api2/json/nodes', { cookie, csrfpreventiontoken: 'abc:def' });
    expect(seen[0]!.headers['cookie']).toBe(`PVEAuthCookie=${encodeURIComponent(ticket)}`);
    expect(seen[0]!.headers['csrfpreventiontoken']).toBe('abc:def');
    seen.length = 0;
    await raw(proxied.url, 'GET', '/api2/json/nodes', { cookie, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' });
    expect(seen[0]!.headers['cookie']).toBeUndefined();
  });

  it('drops an Authorization header that is not a Proxmox token', async () => {
    seen.length = 0;
    await fetch(`${proxied.url}api2/json/version`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(seen[0]!.headers['authorization']).toBeUndefined();
  });

  it('refuses traversal, absolute URLs, other prefixes, foreign origins and big bodies, forwarding none of them', async () => {
    seen.length = 0;
    const base = proxied.url;
    expect((await raw(base, 'GET', '/api2/json/../../etc/passwd')).status).toBe(400);
    expect((await raw(base, 'GET', '/api2/json/%2e%2e/%2e%2e/etc/passwd')).status).toBe(400);
    expect((await raw(base, 'GET', '/api2/json/a/..%5c..%5cx')).status).toBe(400);
    expect((await raw(base, 'GET', `http://evil.example/api2/json/version`)).status).toBe(400);
    // Not below /api2/json/: a (missing) file of the site, never forwarded.
    expect((await raw(base, 'GET', '//evil.example/api2/json/version')).status).toBe(404);
    expect((await raw(base, 'GET', '/api2/json//version')).status).toBe(400);
    expect((await raw(base, 'GET', '/api2/json/version', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await raw(base, 'GET', '/api2/json/version', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await raw(base, 'GET', '/api2/json/version', { host: 'rebind.evil.example' })).status).toBe(403);
    expect((await raw(base, 'POST', '/api2/json/version', { 'content-length': String(65 * 1024 * 1024) }, 'x')).status).toBe(413);
    expect(seen).toEqual([]);
    // A volume id with an encoded slash is an ordinary segment.
    expect((await raw(base, 'GET', '/api2/json/nodes/pve1/storage/local/content/local%3Aiso%2Fdebian.iso')).status).toBe(200);
    expect(seen[0]!.url).toBe('/api2/json/nodes/pve1/storage/local/content/local%3Aiso%2Fdebian.iso');
  });

  it('refuses dot segments hidden behind an encoded slash or encoded more than once', async () => {
    seen.length = 0;
    for (const target of [
      '/api2/json/..%2F..%2Fetc/passwd',
      '/api2/json/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/api2/json/nodes/pve1/%2E%2E%2F%2E%2E%2F%2E%2E%2Fversion',
      '/api2/json/a%2F.%2Fb',
      '/api2/json/x/%252e%252e/%252e%252e/etc',
      '/api2/json/x/%25252e%25252e%25252f',
      '/api2/json/x/%252e%252e%252fetc',
      '/api2/json/x/%255c',
      '/api2/json/x/%2500',
      '/api2/json/..%5c..%5cwindows',
    ]) {
      expect((await raw(proxied.url, 'GET', target)).status, target).toBe(400);
    }
    expect(seen).toEqual([]);
    // A literal percent sign in a value (sent as %25) is no encoding problem.
    expect((await raw(proxied.url, 'GET', '/api2/json/nodes/pve1/storage/local/content/100%25')).status).toBe(200);
  });

  it('answers a Host that is an IP literal (it cannot be rebound), keeps refusing other names and other origins', async () => {
    seen.length = 0;
    const port = new URL(proxied.url).port;
    for (const host of [`127.0.0.2:${port}`, `[::1]:${port}`, `localhost:${port}`]) {
      expect((await raw(proxied.url, 'GET', '/api2/json/version', { host })).status, host).toBe(200);
    }
    expect((await raw(proxied.url, 'GET', '/api2/json/version', { host: `[::1]:${port}`, origin: `http://[::1]:${port}` })).status).toBe(
      200,
    );
    expect((await raw(proxied.url, 'GET', '/api2/json/version', { host: `[::1]:${port}`, origin: proxied.url.slice(0, -1) })).status).toBe(
      403,
    );
    expect((await raw(proxied.url, 'GET', '/api2/json/version', { host: `pve.rebind.example:${port}` })).status).toBe(403);
    expect(seen).toHaveLength(4);
  });

  it('listening on all addresses (--host 0.0.0.0): any IP literal, localhost and the --host name are ours', () => {
    const ours = (host: string, origin?: string): boolean =>
      foreignRequest(origin === undefined ? { host } : { host, origin }, '0.0.0.0') === null;
    expect(ours('127.0.0.1:4174')).toBe(true);
    expect(ours('192.168.1.5:4174', 'http://192.168.1.5:4174')).toBe(true);
    expect(ours('[fd00::5]:4174')).toBe(true);
    expect(ours('localhost:4174')).toBe(true);
    expect(ours('0.0.0.0:4174')).toBe(true);
    expect(ours('pve.rebind.example:4174')).toBe(false);
    expect(ours('192.168.1.5:4174', 'https://evil.example')).toBe(false);
    expect(foreignRequest({ host: 'docs.lan:4174' }, 'docs.lan')).toBeNull();
    expect(foreignRequest({}, '0.0.0.0')).not.toBeNull();
  });

  it('takes only an origin as --proxy', () => {
    expect(parseProxyTarget('https://pve.example.com:8006').origin).toBe('https://pve.example.com:8006');
    for (const bad of ['pve.example.com', 'ftp://x', 'https://u:p@x:8006', 'https://x:8006/api2/json', 'https://x/?a=1'])
      expect(() => parseProxyTarget(bad)).toThrow();
  });

  it('logs one line per API request, without headers, query or body', () => {
    expect(logs.some((l) => /^POST \/api2\/json\/nodes\/pve1\/qemu 200 \d+ms$/.test(l))).toBe(true);
    expect(logs.join('\n')).not.toMatch(/secret|full=1|vmid=100/);
  });
});

describe('serve in front of the mock', () => {
  it('logs in with a ticket kept out of cookies: X-Apidoc-Ticket and the CSRF token', async () => {
    const login = await fetch(`${mocked.url}api2/json/access/ticket`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'root@pam', password: 'x' }),
    });
    const { ticket, CSRFPreventionToken } = ((await login.json()) as { data: { ticket: string; CSRFPreventionToken: string } }).data;
    expect((await fetch(`${mocked.url}api2/json/nodes`)).status).toBe(401);
    // A browser's cookie (fetch sends Sec-Fetch-Mode, as browsers do) is not forwarded: any site on this origin may have set it.
    expect(
      (await fetch(`${mocked.url}api2/json/nodes`, { headers: { cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}` } })).status,
    ).toBe(401);
    expect((await fetch(`${mocked.url}api2/json/nodes`, { headers: { 'x-apidoc-ticket': ticket } })).status).toBe(200);
    const body = new URLSearchParams({ vmid: '100' });
    expect(
      (await fetch(`${mocked.url}api2/json/nodes/pve1/vms`, { method: 'POST', headers: { 'x-apidoc-ticket': ticket }, body })).status,
    ).toBe(401);
    const write = await fetch(`${mocked.url}api2/json/nodes/pve1/vms`, {
      method: 'POST',
      headers: { 'x-apidoc-ticket': ticket, csrfpreventiontoken: CSRFPreventionToken },
      body,
    });
    expect(write.status).toBe(200);
  });
});
