import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../generator/load/source.js';
import { InputError } from '../../generator/errors.js';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok.js':
        res.end('const apiSchema = [];');
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      case '/hop':
        res.writeHead(301, { location: '/ok.js' }).end();
        return;
      case '/slow':
        return; // never answers: the client must time out
      case '/big':
        res.writeHead(200);
        res.end(Buffer.alloc(4096, 32));
        return;
      default:
        res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function failure(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected a failure');
}

describe('reading a schema from a URL', () => {
  it('reads an http URL and follows a redirect', async () => {
    expect(await readSource(`${base}/ok.js`)).toBe('const apiSchema = [];');
    expect(await readSource(`${base}/hop`)).toBe('const apiSchema = [];');
  });

  it('reports a 404 with the URL', async () => {
    const error = await failure(readSource(`${base}/missing`));
    expect(error.message).toBe(`${base}/missing - HTTP 404 Not Found`);
  });

  it('gives up on a redirect loop', async () => {
    expect((await failure(readSource(`${base}/loop`, { maxRedirects: 3 }))).message).toMatch(/more than 3 redirects/);
  });

  it('times out on a server that never answers', async () => {
    expect((await failure(readSource(`${base}/slow`, { timeoutMs: 200 }))).message).toMatch(/timed out after 200 ms/);
  });

  it('caps the size of a response', async () => {
    expect((await failure(readSource(`${base}/big`, { maxBytes: 1000 }))).message).toMatch(/limit/);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x.js', 'javascript://alert(1)'])('refuses %s', async (url) => {
    expect((await failure(readSource(url))).message).toMatch(/refusing .* URL: only http and https/);
  });
});

describe('reading a schema from a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pve-apidoc-src-'));

  it('names a missing file', async () => {
    expect((await failure(readSource(join(dir, 'nope.js')))).message).toMatch(/nope\.js - cannot read schema: no such file/);
  });

  it('rejects invalid UTF-8', async () => {
    const file = join(dir, 'latin1.js');
    writeFileSync(file, Buffer.from([0x5b, 0x22, 0xe9, 0x22, 0x5d]));
    expect((await failure(readSource(file))).message).toMatch(/not valid UTF-8/);
  });

  it('rejects a file over the size cap before reading it', async () => {
    const file = join(dir, 'big.js');
    writeFileSync(file, Buffer.alloc(2048, 32));
    expect((await failure(readSource(file, { maxBytes: 1024 }))).message).toMatch(/2048 bytes, more than the 1024-byte limit/);
  });
});
