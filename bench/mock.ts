/**
 * The stateful mock under load, over HTTPS on loopback, as a CI job would use it: 10,000 requests
 * at 50 concurrent (reads of nodes, guests, cluster/resources and config, and writes: start, stop,
 * config updates), with latency p50/p99, errors (anything but 2xx, or a failed connection) and the
 * mock's RSS (idle, peak under load, peak during a 100 MB multipart upload). Tests never time
 * things; this is where those figures live. Linux: RSS is read from /proc/PID/status.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { BIN, ROOT } from './process.js';

export interface MockFigures {
  requests: number;
  concurrency: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  wallMs: number;
  rssIdle: number;
  rssPeakLoad: number;
  uploadBytes: number;
  uploadStatus: number;
  rssPeakUpload: number;
}

const TOKEN = 'PVEAPIToken=root@pam!bench=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const CALLS: readonly [string, string, string?][] = [
  ['GET', '/nodes'],
  ['GET', '/cluster/resources?type=vm'],
  ['GET', '/nodes/pve1/qemu'],
  ['GET', '/nodes/pve1/qemu/100/config'],
  ['GET', '/nodes/pve1/qemu/100/status/current'],
  ['PUT', '/nodes/pve1/qemu/101/config', 'memory=4096'],
  ['POST', '/nodes/pve1/qemu/101/status/start'],
  ['POST', '/nodes/pve1/qemu/101/status/stop'],
  ['GET', '/cluster/nextid'],
  ['GET', '/nodes/pve1/storage/local/content'],
];

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

export async function benchMock(schema: string, total = 10_000, concurrency = 50): Promise<MockFigures> {
  const child = spawn(process.execPath, [BIN, 'mock', '--schema', schema, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const { url, ca } = await new Promise<{ url: string; ca: string }>((ok, fail) => {
      let text = '';
      child.stderr.on('data', (c: Buffer) => {
        if (text.length > 100_000) return; // the request log goes on; only the start lines matter
        text += c.toString();
        const u = /at (https:\/\/\S+?)\/api2\/json\//.exec(text);
        const pem = /PEM in (\S+) /.exec(text);
        const address = u?.[1];
        const file = pem?.[1];
        if (address !== undefined && file !== undefined) ok({ url: address, ca: readFileSync(file, 'utf8') });
      });
      child.on('exit', (code) => fail(new Error(`mock exited (${code}) before it listened: ${text.slice(-500)}`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca });
    const send = (method: string, path: string, body?: string): Promise<number> =>
      new Promise((ok) => {
        const req = request(
          `${url}/api2/json${path}`,
          { method, agent, headers: { authorization: TOKEN, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } },
          (res) => {
            res.resume();
            res.on('end', () => ok(res.statusCode ?? 0));
          },
        );
        req.on('error', () => ok(0));
        req.end(body);
      });
    for (let i = 0; i < 50; i++) await send('GET', '/nodes');
    const rssIdle = rssOf(child.pid!);
    let rssPeakLoad = rssIdle;
    const sampler = setInterval(() => (rssPeakLoad = Math.max(rssPeakLoad, rssOf(child.pid!))), 50);
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const [method, path, body] = CALLS[next++ % CALLS.length] ?? ['GET', '/nodes'];
          const t = performance.now();
          const status = await send(method, path, body);
          latencies.push(performance.now() - t);
          if (status < 200 || status > 299) errors++;
        }
      }),
    );
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    rssPeakLoad = Math.max(rssPeakLoad, rssOf(child.pid!));
    latencies.sort((a, b) => a - b);
    const upload = await uploadRss(url, agent, child.pid!);
    agent.destroy();
    return {
      requests: total,
      concurrency,
      errors,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      wallMs,
      rssIdle,
      rssPeakLoad,
      ...upload,
    };
  } finally {
    child.kill('SIGINT');
  }
}

/** A 100 MB ISO in one multipart body, written in 1 MiB chunks as a client streams it; the mock's peak RSS meanwhile. */
async function uploadRss(
  url: string,
  agent: Agent,
  pid: number,
): Promise<{ uploadBytes: number; uploadStatus: number; rssPeakUpload: number }> {
  const size = 100 * 1024 * 1024;
  const boundary = 'benchboundary';
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="content"\r\n\r\niso\r\n--${boundary}\r\ncontent-disposition: form-data; name="filename"; filename="bench.iso"\r\ncontent-type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  let peak = rssOf(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
  const status = await new Promise<number>((ok) => {
    const req = request(
      `${url}/api2/json/nodes/pve1/storage/local/upload`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: TOKEN,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(Buffer.byteLength(head) + size + Buffer.byteLength(tail)),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    req.on('error', () => ok(0));
    req.write(head);
    const chunk = Buffer.alloc(1024 * 1024, 0x2e);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
  clearInterval(sampler);
  return { uploadBytes: size, uploadStatus: status, rssPeakUpload: Math.max(peak, rssOf(pid)) };
}
