/**
 * Errors of the network stack while reading a schema URL are one line of words: no OpenSSL text
 * with source file names and a trailing newline (printed as a literal \u000a), a hint where the
 * cause is known (try http:// for a plain-http server at an https URL, --insecure for a certificate).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, InputError } from '../../generator/errors.js';
import { networkFailure, readSource } from '../../generator/load/source.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
let plain: Server;
let plainPort = 0;
let tls: HttpsServer | undefined;
let tlsPort = 0;

beforeAll(async () => {
  plain = createServer((_req, res) => res.end('const apiSchema = [];'));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainPort = (plain.address() as AddressInfo).port;
  const dir = tempDir('pve-apidoc-tls-');
  const key = join(dir, 'k.pem');
  const cert = join(dir, 'c.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key, '-out', cert];
  if (spawnSync('openssl', [...args, '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' }).status === 0) {
    tls = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('const apiSchema = [];'));
    await new Promise<void>((resolve) => tls?.listen(0, '127.0.0.1', resolve));
    tlsPort = (tls.address() as AddressInfo).port;
  }
});

afterAll(() => {
  plain.closeAllConnections();
  plain.close();
  tls?.closeAllConnections();
  tls?.close();
});

function run(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tempDir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error instanceof Error ? error.message : '';
  }
  throw new Error('expected a failure');
}

/** One line of printable text, and no OpenSSL internals. */
function expectClean(message: string): void {
  expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(message).not.toMatch(/\\u00|SSL routines|openssl|\.c:\d+/i);
}

describe('network errors reading a schema URL', () => {
  it('an https URL at a plain-http port: the server does not speak TLS', async () => {
    const url = `https://127.0.0.1:${plainPort}/x`;
    const message = await failure(readSource(url));
    expect(message).toBe(`${url} - the server does not speak TLS (try http://127.0.0.1:${plainPort}/x)`);
    expectClean(message);
  });

  it('the CLI prints that as one line, exit 3, without a literal \\u000a', async () => {
    const url = `https://127.0.0.1:${plainPort}/x`;
    // Spawned asynchronously: the server answers from this process's event loop.
    const result = await run('build', '--schema', url, '--out', join(tempDir(), 'site'));
    expect(result.status).toBe(EXIT.input);
    expect(result.stderr).toBe(`pve-apidoc: ${url} - the server does not speak TLS (try http://127.0.0.1:${plainPort}/x)\n`);
  });

  it('a self-signed certificate suggests --insecure, which then reads it', async (context) => {
    if (!tls) context.skip(); // no openssl to make a test certificate
    const url = `https://127.0.0.1:${tlsPort}/x`;
    const message = await failure(readSource(url));
    expect(message).toBe(`${url} - the certificate is self-signed (pass --insecure to accept it)`);
    expect(await readSource(url, { insecure: true })).toBe('const apiSchema = [];');
  });

  it('a refused connection is said in words', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const message = await failure(readSource(`https://127.0.0.1:${port}/x`));
    expect(message).toBe(`https://127.0.0.1:${port}/x - connection refused (nothing listens on 127.0.0.1:${port})`);
  });
});

describe('networkFailure', () => {
  const url = new URL('https://pve.example.com:8006/pve-docs/api-viewer/apidata.js');
  const error = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('every certificate error (%s) suggests --insecure', (code) => {
    expect(networkFailure(error(code, 'some text\nmore'), url)).toMatch(/^the certificate .+ \(pass --insecure to accept it\)$/);
  });

  it('cuts other OpenSSL text to its reason, and any message to a clean first line', () => {
    const openssl =
      'write EPROTO 80BC2788967F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1605:\n';
    expect(networkFailure(error('EPROTO', openssl), url)).toBe('TLS handshake failed: sslv3 alert handshake failure');
    const other = networkFailure(error('EWHATEVER', 'first\u0007 line\nsecond line\n'), url);
    expect(other).toBe('first  line');
    expectClean(other);
    expect(networkFailure(error('', ''), url)).toBe('request failed (unknown error)');
  });
});
