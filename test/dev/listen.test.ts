/** The servers' shared request plumbing: a handler that throws or rejects ends its request with a 500, never the process. */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guarded, listen } from '../../generator/listen.js';

const server = createServer(
  guarded(async (req, res) => {
    if (req.url === '/throw') throw new Error('sync-looking failure');
    if (req.url === '/reject') await Promise.reject(new Error('async failure'));
    if (req.url === '/half') {
      res.writeHead(200).write('partial');
      throw new Error('after the headers');
    }
    res.writeHead(200).end('ok');
  }),
);
let base = '';

beforeAll(async () => {
  const address = await listen(server, 0, '127.0.0.1');
  base = `http://${address.host}:${address.port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('guarded request handlers', () => {
  it('answer 500 for a throw or a rejection, cut a started answer, and keep serving', async () => {
    expect((await fetch(`${base}/throw`)).status).toBe(500);
    expect((await fetch(`${base}/reject`)).status).toBe(500);
    await expect(fetch(`${base}/half`).then((r) => r.text())).rejects.toThrow();
    expect(await (await fetch(`${base}/`)).text()).toBe('ok');
  });
});
