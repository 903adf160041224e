/**
 * multipart/form-data bodies: parsed as parameters (a file is its file name), never echoed back,
 * and refused with 413 once they pass the upload limit. The stateless mock of the example API.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { type RunningMock, startMock } from '../../generator/mock/server.js';
import { REPO_ROOT } from '../helpers/repo.js';

let mock: RunningMock;
const TOKEN = 'PVEAPIToken=root@pam!ci=s3cr3t';

beforeAll(async () => {
  const { model } = await loadModel({ schema: `${REPO_ROOT}/schema/example-api.json` }, silentLogger());
  mock = await startMock(model, { host: '127.0.0.1', port: 0, uploadLimit: 1024 * 1024 });
});
afterAll(() => mock?.close());

function form(entries: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) {
    if (typeof v === 'string') data.append(k, v);
    else data.append(k, v, 'disk.iso');
  }
  return data;
}

const post = (body: FormData) => fetch(`${mock.url}/api2/json/nodes/pve1/vms`, { method: 'POST', headers: { authorization: TOKEN }, body });

describe('multipart bodies', () => {
  it('reads the fields as parameters, as a form body would be read', async () => {
    expect((await post(form({ vmid: '100' }))).status).toBe(200);
    const bad = await post(form({ vmid: '100', memroy: '1' }));
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { errors: object }).errors)).toEqual(['memroy']);
  });

  it('names an unknown file parameter once, without echoing the file', async () => {
    const bad = await post(form({ vmid: '100', upload: new Blob([Buffer.alloc(100_000, 'ISO9660 ')]) }));
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).not.toContain('ISO9660');
    expect(text.length).toBeLessThan(500);
  });

  it('answers 413 beyond the upload limit, declared or streamed without a length', async () => {
    const big = await post(form({ vmid: '100', upload: new Blob([Buffer.alloc(2 * 1024 * 1024)]) }));
    expect(big.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${mock.url}/api2/json/nodes/pve1/vms`,
        { method: 'POST', headers: { authorization: TOKEN, 'content-type': 'multipart/form-data; boundary=XX' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('--XX\r\ncontent-disposition: form-data; name="upload"; filename="a.iso"\r\n\r\n');
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end('\r\n--XX--\r\n');
      };
      pump();
    });
    expect(streamed).toBe(413);
    expect((await post(form({ vmid: '100' }))).status).toBe(200);
  });

  it('caps the fields together at the form body cap (1 MiB), however large the upload limit; files do not count', async () => {
    const roomy = await startMock((await loadModel({ schema: `${REPO_ROOT}/schema/example-api.json` }, silentLogger())).model, {
      host: '127.0.0.1',
      port: 0,
      uploadLimit: 16 * 1024 * 1024,
    });
    try {
      const send = (body: FormData) =>
        fetch(`${roomy.url}/api2/json/nodes/pve1/vms`, { method: 'POST', headers: { authorization: TOKEN }, body });
      // Three fields of 600 KB: each under the 1 MiB a field may hold, 1.8 MB together.
      const padding = 'x'.repeat(600 * 1024);
      const fields = await send(form({ vmid: '100', a: padding, b: padding, c: padding }));
      expect([fields.status, fields.statusText]).toEqual([413, 'Request Entity Too Large (more than 1048576 bytes)']);
      const file = await send(form({ vmid: '100', upload: new Blob([Buffer.alloc(3 * 1024 * 1024)]) }));
      expect(file.status).toBe(400);
    } finally {
      await roomy.close();
    }
  });
});
