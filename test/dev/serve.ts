/** Starts the CLI's dev or preview server on a free port and waits for its URL (test helper). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/repo.js';

export interface Served {
  url: string;
  child: ChildProcess;
  /** Everything the server printed on stderr so far. */
  log(): string;
  /** Resolves when stderr has a line matching `pattern` after `from` characters; returns the match. */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export async function serveCli(args: string[], cwd = REPO_ROOT, timeoutMs = 60_000): Promise<Served> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const l of [...listeners]) l();
  });
  child.stdout!.resume();
  const waitFor = (pattern: RegExp, from = 0, timeout = timeoutMs): Promise<RegExpMatchArray> =>
    new Promise((ok, fail) => {
      const check = (): void => {
        const match = stderr.slice(from).match(pattern);
        if (match) {
          done();
          ok(match);
        } else if (child.exitCode !== null) {
          done();
          fail(new Error(`server exited (${child.exitCode}):\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        fail(new Error(`timed out waiting for ${pattern}:\n${stderr}`));
      }, timeout);
      const onExit = (): void => check();
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.on('exit', onExit);
      check();
    });
  const [, url] = await waitFor(/(?:dev server:|serving .* at) (http:\/\/\S+?\/)(?:[\s;]|$)/);
  return {
    url: url!,
    child,
    log: () => stderr,
    waitFor,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
