/**
 * URL sources are any host on the network (issue #20): the timeout is a total deadline across
 * redirects (a trickling body or slow redirect hops no longer keep a build reading), an https
 * source may not redirect to plain http, and a Location that is not a URL is a clean one-line
 * error in `build` and `diff`, not a Node stack. The timeouts here are small deadlines handed to
 * the reader; no test measures a duration.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, InputError } from '../../generator/errors.js';
import { readSource } from '../../generator/load/source.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { selfSignedCert } from '../helpers/tls.js';
import { tempDir } from '../helpers/tree.js';

let server: Server;
let tls: HttpsServer | undefined;
let base = '';
let tlsBase = '';
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const hop = /^\/hop(\d+)$/.exec(req.url ?? '');
    if (hop) {
      // Each hop answers after 150 ms: well under any per-request idle timeout.
      const t = setTimeout(() => {
        const n = Number(hop[1]);
        if (n >= 4) res.end('const apiSchema = [];');
        else res.writeHead(302, { location: `/hop${n + 1}` }).end();
      }, 150);
      timers.add(t);
      return;
    }
    switch (req.url) {
      case '/trickle': {
        // One byte every 50 ms, for ever: never idle, never done.
        res.writeHead(200);
        const t = setInterval(() => res.write(' '), 50);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      case '/bad-location':
        res.writeHead(302, { location: 'http://[::1' }).end();
        return;
      case '/ok.js':
        res.end('const apiSchema = [];');
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const made = selfSignedCert();
  if (made) {
    tls = createHttpsServer(made, (_req, res) => {
      res.writeHead(302, { location: `${base}/ok.js` }).end();
    });
    await new Promise<void>((resolve) => tls!.listen(0, '127.0.0.1', resolve));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  }
});

afterAll(() => {
  for (const t of timers) clearTimeout(t);
  server.closeAllConnections();
  server.close();
  tls?.closeAllConnections();
  tls?.close();
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

function cli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), ...args], { cwd: tempDir('pve-apidoc-url-') });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('URL reading limits', () => {
  it('the timeout is a total deadline: a body trickling one byte at a time is cut off', async () => {
    const error = await failure(readSource(`${base}/trickle`, { timeoutMs: 600 }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/timed out after 600 ms \(a deadline for the whole read, redirects included\)/);
  }, 20_000);

  it('the deadline spans redirect hops (each hop alone is quick)', async () => {
    // Five hops of 150 ms each: every hop is far below 400 ms, the whole is not.
    const error = await failure(readSource(`${base}/hop0`, { timeoutMs: 400 }));
    expect(error.message).toMatch(/timed out/);
    // With time enough, the same chain is read.
    expect(await readSource(`${base}/hop0`, { timeoutMs: 20_000 })).toBe('const apiSchema = [];');
  }, 30_000);

  it('a Location that is not a URL is a clean error (reader, build and diff)', async () => {
    const error = await failure(readSource(`${base}/bad-location`));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/redirect to a Location that is not a valid URL/);
    for (const args of [
      ['build', '--schema', `${base}/bad-location`, '--out', 'site'],
      ['diff', `${base}/bad-location`, `${base}/bad-location`],
    ]) {
      const r = await cli(args);
      expect(r.status, r.stderr).toBe(EXIT.input);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/not a valid URL/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);

  it('an https source may not redirect to plain http', async (context) => {
    if (tlsBase === '') context.skip(); // no openssl to make a test certificate
    const error = await failure(readSource(`${tlsBase}/x`, { insecure: true }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/refusing a redirect from https to plain http/);
  }, 20_000);
});
