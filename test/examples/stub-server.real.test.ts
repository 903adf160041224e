/**
 * The shell examples run for real: real bash, real curl and jq, against a small stub of the API on
 * 127.0.0.1 that checks method, path, headers and body encoding of every request. Covered: the curl+jq
 * ticket login (a password with & + % and quotes), the call with cookie and CSRF token, the task-wait
 * loop until `stopped`, a multipart upload, and the JavaScript example with its own wait loop.
 * The snippets are the generated ones for the real PVE 9.1 operations; only the host is pointed at
 * the stub (http, since the stub has no certificate; -k is then a no-op).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { PRODUCTS } from '../../generator/model/product.js';
import type { Operation } from '../../generator/model/types.js';
import { buildExamples, buildTypicalExamples } from '../../generator/document/examples/index.js';
import { type ExampleRequest, typicalRequest } from '../../generator/document/examples/request.js';
import { VIEWER_DUMPS } from '../helpers/real-schemas.js';

const PASSWORD = `pa&ss+w%rd "it's" = ok`;
// A ticket with the characters real (base64) signatures carry.
const TICKET = 'PVE:root@pam:67890ABC::Zm9v+YmFy/YmF6=';
const CSRF = '67890ABC:c3VwZXIgc2VjcmV0';
const UPID = 'UPID:pve1:0000A1B2:0001C3D4:66000000:qmcreate:100:root@pam!monitoring:';
const PRODUCT = PRODUCTS.pve;

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let server: Server;
let base = '';
const seen: Seen[] = [];
let statusCalls = 0;
let ops: Operation[] = [];

function answer(req: Seen): { status: number; body: unknown } {
  if (req.method === 'POST' && req.path === '/api2/json/access/ticket') {
    return { status: 200, body: { data: { ticket: TICKET, CSRFPreventionToken: CSRF, username: 'root@pam' } } };
  }
  if (req.method === 'GET' && /^\/api2\/json\/nodes\/pve1\/tasks\/[^/]+\/status$/.test(req.path)) {
    statusCalls++;
    // First poll: still running; then stopped.
    const running = statusCalls % 2 === 1;
    return {
      status: 200,
      body: { data: { upid: UPID, status: running ? 'running' : 'stopped', ...(running ? {} : { exitstatus: 'OK' }) } },
    };
  }
  if (req.method === 'POST') return { status: 200, body: { data: UPID } };
  if (req.method === 'PUT') return { status: 200, body: { data: null } };
  return { status: 404, body: { data: null } };
}

beforeAll(async () => {
  const { model } = await loadModel({ schema: VIEWER_DUMPS.find((d) => d.version === '9.1')!.file }, silentLogger());
  ops = model.paths.flatMap((p) => p.operations);
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const s: Seen = { method: req.method ?? '', path: url.pathname, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Run a program with the snippet on stdin, asynchronously (the stub answers on this event loop). */
function run(cmd: string, args: string[], input: string, cwd: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PASSWORD } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

function pointAtStub(code: string): string {
  const host = `https://${PRODUCT.exampleHost}:${PRODUCT.port}`;
  expect(code).toContain(host);
  return code.split(host).join(base);
}

function typical(method: string, path: string): { op: Operation; req: ExampleRequest; code: (id: string) => string } {
  const op = ops.find((o) => o.method === method && o.path === path)!;
  const ctx = { product: PRODUCT, host: PRODUCT.exampleHost };
  const req = typicalRequest(op, ctx)!;
  const examples = buildTypicalExamples(op, ctx)!;
  return { op, req, code: (id) => examples.find((e) => e.id === id)!.code };
}

function formBody(s: Seen): Record<string, string> {
  expect(s.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded(;\s*charset=UTF-8)?$/i);
  return Object.fromEntries(new URLSearchParams(s.body.toString('utf8')));
}

function expectTaskPolls(polls: Seen[], auth: (s: Seen) => void): void {
  expect(polls.length).toBe(2);
  for (const p of polls) {
    expect(p.method).toBe('GET');
    expect(decodeURIComponent(p.path.split('/')[6] ?? '')).toBe(UPID);
    auth(p);
  }
}

describe('generated shell examples against a stub API on 127.0.0.1', () => {
  it('curl (ticket): logs in with the URL-encoded password, calls with cookie and CSRF token, waits for the task', async () => {
    const { req, code } = typical('POST', '/nodes/{node}/qemu');
    seen.length = 0;
    statusCalls = 0;
    const r = await run('bash', ['--noprofile', '--norc', '-e', '-s'], pointAtStub(code('curl-ticket')), tmpdir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('OK');
    const [login, create, ...polls] = seen;
    expect(login).toMatchObject({ method: 'POST', path: '/api2/json/access/ticket' });
    expect(formBody(login!)).toEqual({ username: 'root@pam', password: PASSWORD });
    expect(create).toMatchObject({ method: 'POST', path: '/api2/json/nodes/pve1/qemu' });
    expect(create!.headers.cookie).toBe(`${PRODUCT.cookieName}=${TICKET}`);
    expect(create!.headers['csrfpreventiontoken']).toBe(CSRF);
    expect(create!.headers.authorization).toBeUndefined();
    // The body decodes to exactly the example's arguments (property strings with commas and semicolons intact).
    expect(formBody(create!)).toEqual(Object.fromEntries(req.args.map((a) => [a.name, a.value])));
    expect(formBody(create!)['net0']).toBe('virtio,bridge=vmbr0,firewall=1');
    expectTaskPolls(polls, (p) => {
      expect(p.headers.cookie).toBe(`${PRODUCT.cookieName}=${TICKET}`);
    });
  });

  it('curl (API token): the token header on the call and on every status poll, no cookie', async () => {
    const { req, code } = typical('POST', '/nodes/{node}/lxc');
    seen.length = 0;
    statusCalls = 0;
    const r = await run('bash', ['--noprofile', '--norc', '-e', '-s'], pointAtStub(code('curl-token')), tmpdir());
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('OK');
    const [create, ...polls] = seen;
    expect(create).toMatchObject({ method: 'POST', path: '/api2/json/nodes/pve1/lxc' });
    expect(create!.headers.authorization).toBe(PRODUCT.tokenHeaderExample);
    expect(create!.headers.cookie).toBeUndefined();
    expect(formBody(create!)).toEqual(Object.fromEntries(req.args.map((a) => [a.name, a.value])));
    expectTaskPolls(polls, (p) => expect(p.headers.authorization).toBe(PRODUCT.tokenHeaderExample));
  });

  it('curl upload: multipart/form-data with the local file in the filename field', async () => {
    const { code } = typical('POST', '/nodes/{node}/storage/{storage}/upload');
    const dir = mkdtempSync(join(tmpdir(), 'upload-'));
    writeFileSync(join(dir, 'debian-12.iso'), 'ISO-CONTENT-0123');
    seen.length = 0;
    statusCalls = 0;
    const r = await run('bash', ['--noprofile', '--norc', '-e', '-s'], pointAtStub(code('curl-token')), dir);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('OK');
    const upload = seen[0]!;
    expect(upload).toMatchObject({ method: 'POST', path: '/api2/json/nodes/pve1/storage/local/upload' });
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const body = upload.body.toString('utf8');
    expect(body).toMatch(/name="content"\r\n\r\niso\r\n/);
    expect(body).toMatch(/name="filename"; filename="debian-12.iso"[\s\S]*\r\n\r\nISO-CONTENT-0123\r\n/);
  });

  it('JavaScript (Node fetch): the same call and wait loop', async () => {
    const { req, code } = typical('POST', '/nodes/{node}/qemu');
    seen.length = 0;
    statusCalls = 0;
    const r = await run(process.execPath, ['--input-type=module'], pointAtStub(code('javascript')), tmpdir());
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('OK');
    const [create, ...polls] = seen;
    expect(create!.headers.authorization).toBe(PRODUCT.tokenHeaderExample);
    expect(formBody(create!)).toEqual(Object.fromEntries(req.args.map((a) => [a.name, a.value])));
    expectTaskPolls(polls, (p) => expect(p.headers.authorization).toBe(PRODUCT.tokenHeaderExample));
  });

  it('Python (requests): the same call and wait loop', async () => {
    const { req, code } = typical('POST', '/nodes/{node}/qemu');
    seen.length = 0;
    statusCalls = 0;
    const r = await run('python3', ['-W', 'ignore', '-'], pointAtStub(code('python')), tmpdir());
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('OK');
    const [create, ...polls] = seen;
    expect(create!.headers.authorization).toBe(PRODUCT.tokenHeaderExample);
    expect(formBody(create!)).toEqual(Object.fromEntries(req.args.map((a) => [a.name, a.value])));
    expectTaskPolls(polls, (p) => expect(p.headers.authorization).toBe(PRODUCT.tokenHeaderExample));
  });

  it.each([
    ['javascript', process.execPath, ['--input-type=module']],
    ['python', 'python3', ['-W', 'ignore', '-']],
  ])('%s with a ticket (PUT /access/password rejects tokens): logs in, sends cookie and CSRF token', async (id, cmd, args) => {
    const op = ops.find((o) => o.method === 'PUT' && o.path === '/access/password')!;
    const code = buildExamples(op, { product: PRODUCT, host: PRODUCT.exampleHost }).find((e) => e.id === id)!.code;
    seen.length = 0;
    const r = await run(cmd, args, pointAtStub(code), tmpdir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [login, put] = seen;
    expect(login).toMatchObject({ method: 'POST', path: '/api2/json/access/ticket' });
    expect(formBody(login!)).toEqual({ username: 'root@pam', password: PASSWORD });
    expect(put).toMatchObject({ method: 'PUT', path: '/api2/json/access/password' });
    // The cookie value may be percent-encoded by the client; it must decode to the ticket.
    expect(decodeURIComponent((put!.headers.cookie ?? '').replace(`${PRODUCT.cookieName}=`, ''))).toBe(TICKET);
    expect(put!.headers['csrfpreventiontoken']).toBe(CSRF);
  });
});
