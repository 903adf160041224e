/**
 * `serve --proxy` as a process (the built CLI) against clients and hosts that misbehave: a client
 * that declares a longer body than it sends and disconnects, a host answering an HTTP status below
 * 100, a self-signed https host without --insecure, an https URL pointed at a plain-http port. The
 * server must stay up and answer the next request; the host's problems come back as a 502 with a
 * hint and one log line. Needs the built CLI (npm run compile).
 */
import { createServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert } from '../helpers/tls.js';
import { tempDir } from '../helpers/tree.js';
import { type Served, serveCli } from './serve.js';

let site: string;
const servers: (Server | TcpServer)[] = [];
const running: Served[] = [];

async function listening<T extends Server | TcpServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return (server.address() as AddressInfo).port;
}

async function serveProxy(target: string): Promise<Served> {
  const served = await serveCli(['serve', '--out', site, '--proxy', target, '--port', '0'], site);
  running.push(served);
  return served;
}

function get(base: string, path: string): Promise<{ status: number; reason: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A POST that declares 1000 bytes, sends 10 and disconnects. */
function abortedUpload(base: string): Promise<void> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(u.port), u.hostname, () => {
      socket.write(
        `POST /api2/json/nodes/pve1/qemu HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nvmid=100&x`,
        () => {
          socket.destroy();
          resolve();
        },
      );
    });
    socket.on('error', () => resolve());
  });
}

let okPort = 0;
let oddPort = 0;
let tlsPort = 0;

beforeAll(async () => {
  site = tempDir('pve-apidoc-serve-up-');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
  okPort = await listening(
    createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"version":"9.1"}}'));
    }),
  );
  // Status 042: Node's HTTP parser takes any three digits, and Node refuses to send it on.
  oddPort = await listening(
    createTcpServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 042 Odd\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'));
      socket.on('error', () => {});
    }),
  );
  const cert = selfSignedCert();
  if (cert) tlsPort = await listening(createHttpsServer(cert, (_req, res) => res.writeHead(200).end('{"data":1}')));
}, 30_000);

afterAll(async () => {
  for (const s of running) await s.stop();
  for (const s of servers) s.close();
});

describe('serve --proxy keeps serving', () => {
  it('after a client declares a longer body than it sends and disconnects', async () => {
    const served = await serveProxy(`http://127.0.0.1:${okPort}`);
    await abortedUpload(served.url);
    await abortedUpload(served.url);
    const after = await get(served.url, '/api2/json/version');
    expect(after.status).toBe(200);
    expect(served.child.exitCode).toBeNull();
  }, 30_000);

  it('after the host answers a status below 100: 502 saying so', async () => {
    const served = await serveProxy(`http://127.0.0.1:${oddPort}`);
    const odd = await get(served.url, '/api2/json/version');
    expect(odd.status).toBe(502);
    expect(JSON.parse(odd.body)).toEqual({ data: null, message: `127.0.0.1:${oddPort} answered with an invalid HTTP status (42)` });
    expect((await get(served.url, '/api2/json/version')).status).toBe(502);
    expect((await get(served.url, '/')).status).toBe(200);
    expect(served.child.exitCode).toBeNull();
  }, 30_000);
});

describe('serve --proxy says what is wrong with the host', () => {
  it('a self-signed certificate without --insecure: a hint in the 502 and one log line', async (context) => {
    if (tlsPort === 0) context.skip(); // no openssl to make a test certificate
    const served = await serveProxy(`https://127.0.0.1:${tlsPort}`);
    const hint = `the certificate of 127.0.0.1:${tlsPort} is not trusted (self-signed?); pass --insecure to accept it`;
    const first = await get(served.url, '/api2/json/version');
    expect(first.status).toBe(502);
    expect(JSON.parse(first.body).message).toBe(hint);
    expect(first.reason).toBe(hint);
    await get(served.url, '/api2/json/version');
    await served.waitFor(/GET \/api2\/json\/version 502 \d+ms[\s\S]*GET \/api2\/json\/version 502/);
    expect(
      served
        .log()
        .split('\n')
        .filter((l) => l.includes(`proxy: ${hint}`)),
    ).toHaveLength(1);
  }, 30_000);

  it('an https URL pointed at a plain-http port: one clear line, no OpenSSL text', async () => {
    const served = await serveProxy(`https://127.0.0.1:${okPort}`);
    const answer = await get(served.url, '/api2/json/version');
    expect(answer.status).toBe(502);
    const message: string = JSON.parse(answer.body).message;
    expect(message).toBe(
      `127.0.0.1:${okPort} does not speak TLS on this port: a plain http server? (then --proxy http://127.0.0.1:${okPort})`,
    );
    await served.waitFor(/proxy: .*does not speak TLS/);
    expect(served.log()).not.toMatch(/SSL routines|ssl3_get_record|\\u000a/);
  }, 30_000);
});
