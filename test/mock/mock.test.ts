/** The mock server on the embedded example API, over HTTP on 127.0.0.1: auth, CSRF, checker errors, limits, logging. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { MAX_LISTED_ERRORS } from '../../generator/check/index.js';
import { createResponder, MAX_PARAMS } from '../../generator/mock/respond.js';
import { type RunningMock, startMock } from '../../generator/mock/server.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

let mock: RunningMock;
const lines: string[] = [];
const TOKEN = 'PVEAPIToken=root@pam!ci=s3cr3t-token-value';
/** The mock's body cap (form and JSON only, no uploads). */
const MAX_BODY = 1024 * 1024;
const api = (path: string): string => `${mock.url}/api2/json${path}`;

let model: ApiModel;

beforeAll(async () => {
  model = (await loadModel({ schema: `${REPO_ROOT}/schema/example-api.json` }, silentLogger())).model;
  mock = await startMock(model, { host: '127.0.0.1', port: 0, log: (l) => lines.push(l) });
});
afterAll(() => mock?.close());

async function login(): Promise<{ ticket: string; csrf: string }> {
  const res = await fetch(api('/access/ticket'), {
    method: 'POST',
    body: new URLSearchParams({ username: 'root@pam', password: 'hunter2' }),
  });
  expect(res.status).toBe(200);
  const data = ((await res.json()) as { data: { ticket: string; CSRFPreventionToken: string } }).data;
  return { ticket: data.ticket, csrf: data.CSRFPreventionToken };
}

describe('mock API', () => {
  it('answers 401 without a ticket or token, 200 with a token', async () => {
    const none = await fetch(api('/nodes'));
    expect([none.status, none.statusText, await none.json()]).toEqual([401, 'No ticket', { data: null }]);
    // pveproxy's words, which proxmox-api matches before it logs in again.
    const forged = await fetch(api('/nodes'), { headers: { cookie: 'PVEAuthCookie=not-a-ticket' } });
    expect([forged.status, forged.statusText]).toEqual([401, 'permission denied - invalid PVE ticket']);
    const bad = await fetch(api('/nodes'), { headers: { authorization: 'PVEAPIToken=nonsense' } });
    expect(bad.status).toBe(401);
    const ok = await fetch(api('/nodes'), { headers: { authorization: TOKEN } });
    expect(ok.status).toBe(200);
    expect(Array.isArray(((await ok.json()) as { data: unknown }).data)).toBe(true);
  });

  it('issues a ticket and CSRF token; writes with the ticket need the CSRF header', async () => {
    const { ticket, csrf } = await login();
    expect(ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::/);
    const cookie = `PVEAuthCookie=${encodeURIComponent(ticket)}`;
    expect((await fetch(api('/nodes'), { headers: { cookie } })).status).toBe(200);
    const body = new URLSearchParams({ vmid: '100' });
    const noCsrf = await fetch(api('/nodes/pve1/vms'), { method: 'POST', headers: { cookie }, body });
    expect([noCsrf.status, noCsrf.statusText]).toEqual([401, 'Permission denied - invalid csrf token']);
    const withCsrf = await fetch(api('/nodes/pve1/vms'), { method: 'POST', headers: { cookie, csrfpreventiontoken: csrf }, body });
    expect(withCsrf.status).toBe(200);
    const wrongCsrf = await fetch(api('/nodes/pve1/vms'), { method: 'POST', headers: { cookie, csrfpreventiontoken: `${csrf}x` }, body });
    expect(wrongCsrf.status).toBe(401);
    // A token needs no CSRF token.
    expect((await fetch(api('/nodes/pve1/vms'), { method: 'POST', headers: { authorization: TOKEN }, body })).status).toBe(200);
  });

  it("answers the checker's 400 in Proxmox's shape, and 501 for unknown methods and paths", async () => {
    const res = await fetch(api('/nodes/pve1/vms'), {
      method: 'POST',
      headers: { authorization: TOKEN },
      body: new URLSearchParams({ vmid: '1', memroy: '1' }),
    });
    expect([res.status, res.statusText]).toEqual([400, 'Parameter verification failed.']);
    expect(await res.json()).toEqual({
      data: null,
      errors: {
        vmid: 'value must have a minimum value of 100',
        memroy: 'property is not defined in schema and the schema does not allow additional properties',
      },
    });
    const json = await fetch(api('/nodes/pve1/vms'), {
      method: 'POST',
      headers: { authorization: TOKEN, 'content-type': 'application/json' },
      body: '{"vmid": 100}',
    });
    expect(json.status).toBe(200);
    for (const [method, path] of [
      ['PATCH', '/version'],
      ['OPTIONS', '/version'],
      ['GET', '/no/such/path'],
    ] as const) {
      expect((await fetch(api(path), { method, headers: { authorization: TOKEN } })).status).toBe(501);
    }
    expect((await fetch(`${mock.url}/other`)).status).toBe(404);
  });

  it('answers a task-starting call with a UPID of the node in the path', async () => {
    const res = await fetch(api('/nodes/pve7/vms/123/status/start'), { method: 'POST', headers: { authorization: TOKEN } });
    expect(((await res.json()) as { data: string }).data).toMatch(/^UPID:pve7:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:[^:]*:123:root@pam!ci:$/);
  });

  it('answers a request target of "//" with 404 and "*" with 400, not 500', async () => {
    const status = (path: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request(mock.url, { path, headers: { authorization: TOKEN } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject).end();
      });
    expect(await status('//')).toBe(404);
    expect(await status('//api2/json/nodes')).toBe(404);
    expect(await status('*')).toBe(400);
    expect(lines.some((l) => / 500 /.test(l))).toBe(false);
  });

  it('refuses a body declared over 1 MiB at once, without reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        api('/nodes/pve1/vms'),
        { method: 'POST', headers: { 'content-length': String(MAX_BODY + 1), authorization: TOKEN } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('vmid=100');
    });
    expect(status).toBe(413);
  });

  it('answers 413 as soon as a streamed body passes 1 MiB, while the client is still sending', async () => {
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve) => {
      let sent = 0;
      const req = request(api('/nodes/pve1/vms'), { method: 'POST', headers: { authorization: TOKEN } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sent });
        });
      });
      // Chunked, no length: only counting can stop it. The request is never ended.
      req.on('error', () => {});
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (sent <= MAX_BODY + chunk.length) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ data: null });
  });

  it('logs one line per request, without query, token, ticket or password', async () => {
    lines.length = 0;
    // The query is merged into the parameters like the body (and never logged).
    await fetch(api('/access/ticket?password=hunter2'), { method: 'POST', body: new URLSearchParams({ username: 'root@pam' }) });
    await fetch(api('/nodes'), { headers: { authorization: TOKEN } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^POST \/api2\/json\/access\/ticket 200 \d+ms$/);
    expect(lines[1]).toMatch(/^GET \/api2\/json\/nodes 200 \d+ms$/);
    expect(lines.join('\n')).not.toMatch(/hunter2|s3cr3t|PVE:/);
  });
});

describe('mock limits: what one request may cost', () => {
  const post = (body: string) =>
    createResponder(model)({ method: 'POST', url: '/api2/json/nodes/pve1/vms', headers: { authorization: TOKEN }, body });

  it('refuses one key repeated 20,000 times with 400 before checking (the old code spent 10-55 s on it)', () => {
    const answer = post(Array.from({ length: 20_000 }, () => 'vmid=100').join('&'));
    expect([answer.status, answer.reason]).toEqual([400, `too many parameters (more than ${MAX_PARAMS})`]);
  });

  it('counts query and body together', () => {
    const query = Array.from({ length: MAX_PARAMS }, (_, i) => `k${i}=1`).join('&');
    const answer = createResponder(model)({ method: 'POST', url: `/api2/json/nodes/pve1/vms?${query}`, headers: {}, body: 'vmid=100' });
    expect(answer.status).toBe(400);
    expect(answer.reason).toMatch(/^too many parameters/);
  });

  it(`lists at most ${MAX_LISTED_ERRORS} errors, then says how many more`, () => {
    const answer = post(['vmid=100', ...Array.from({ length: 900 }, (_, i) => `unknown${i}=1`)].join('&'));
    const body = answer.body as { data: null; errors: Record<string, string>; message: string };
    expect(answer.status).toBe(400);
    expect(Object.keys(body.errors)).toHaveLength(MAX_LISTED_ERRORS);
    expect(body.errors['unknown0']).toMatch(/property is not defined/);
    expect(body.message).toBe(`${MAX_LISTED_ERRORS} parameter errors listed, and ${900 - MAX_LISTED_ERRORS} more`);
    expect(JSON.stringify(body).length).toBeLessThan(20_000);
  });
});
