/**
 * The servers' commands as a user meets them (the built CLI, npm run compile): a port that is
 * taken is said in one line naming the address, with exit code 2 (usage: choose another --port),
 * for mock, preview, serve and dev alike (dev used to hang after it); a port below 1024 without
 * root is said as clearly; and mock and serve find the embedded example API from any folder, as
 * build does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, UsageError } from '../../generator/errors.js';
import { listen, listenError } from '../../generator/listen.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';
import { serveCli } from './serve.js';

const CLI = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
let busy: Server;
let port = 0;
let site: string;
/** A folder that is not the package: the commands must not look for schema/ here. */
let elsewhere: string;

/** Children still running when the tests end (a server that hangs instead of exiting): stopped in afterAll. */
const children = new Set<ChildProcess>();

/** Runs the CLI to its end; resolves with its exit code and stderr (no time limit but the test's). */
function run(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.resume();
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, stderr });
    });
  });
}

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', () => ok()));
  port = (busy.address() as AddressInfo).port;
  site = tempDir('pve-apidoc-site-');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>site</title>');
  elsewhere = tempDir('pve-apidoc-cwd-');
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  busy.close();
});

describe('a port that is taken', () => {
  const line = (): string =>
    `pve-apidoc: cannot listen on 127.0.0.1:${port}: the port is already in use (another server?); choose another with --port`;

  it.each([
    ['mock', () => ['mock', '--port', String(port)]],
    ['preview', () => ['preview', site, '--port', String(port)]],
    ['serve', () => ['serve', '--out', site, '--port', String(port)]],
    ['dev', () => ['dev', '--port', String(port)]],
  ])(
    '%s: one line naming the address, exit 2, nothing left running',
    async (_name, args) => {
      const r = await run(args(), elsewhere);
      expect(r.stderr).toContain(line());
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(EXIT.usage);
    },
    120_000,
  );

  it('is a usage error from listen itself', async () => {
    const { createServer: createHttp } = await import('node:http');
    const error = await listen(createHttp(), port, '127.0.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
  });

  it('a port below 1024 without root: says so (EACCES)', () => {
    const error = listenError(
      Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:80'), { code: 'EACCES' }),
      '127.0.0.1',
      80,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      'cannot listen on 127.0.0.1:80: permission denied (ports below 1024 need root); choose a port of 1024 or above with --port',
    );
    expect(listenError(Object.assign(new Error('x'), { code: 'EADDRINUSE' }), '::1', 8006).message).toMatch(
      /^cannot listen on \[::1\]:8006: /,
    );
  });
});

describe('the embedded example API without --schema', () => {
  it('mock finds it from any folder', async () => {
    const r = await run(['mock', '--port', '0', '--quiet', '--', process.execPath, '-e', 'process.exit(0)'], elsewhere);
    expect(r.stderr).not.toContain('pve-apidoc:');
    expect(r.code).toBe(0);
  }, 60_000);

  it('serve finds it from any folder', async () => {
    const served = await serveCli(['serve', '--out', site, '--port', '0'], elsewhere);
    try {
      expect(served.log()).toContain('answered by the mock of');
      expect((await fetch(`${served.url}api2/json/access/ticket`, { method: 'POST', body: 'username=root@pam&password=x' })).status).toBe(
        200,
      );
    } finally {
      await served.stop();
    }
  }, 60_000);
});
