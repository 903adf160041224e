/**
 * Every shell command in the README runs as written, the way a new user runs it: in a copy of the
 * tracked files (a fresh clone, with the installed dependencies linked in) that sits beside a
 * `shared/` folder, block by block in bash with `set -e`. Afterwards `git status` of the copy must
 * be clean: commands write only into git-ignored places. The few commands that cannot run here are
 * listed below with the reason (no network, would recurse into the test suite, minutes long);
 * servers are started, must say where they listen, and are stopped.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';

/** Commands that are not run, or run changed, and why. Matched against each joined command line. */
const RULES: Array<{ match: RegExp; reason: string; replace?: string }> = [
  { match: /^npm ci && /, replace: '', reason: 'dependencies are already installed (linked into the copy)' },
  { match: /^npm test\b/, reason: 'this test is part of npm test' },
  { match: /^npm run test:update\b/, reason: 'rewrites the golden files on purpose' },
  { match: /^npm run bench\b/, reason: 'the benchmark takes minutes and is run on its own' },
  { match: /\bnode lib\/bench\//, reason: 'a benchmark step (Lighthouse, search latency) takes minutes and is run on its own' },
  { match: /--(schema|formats|proxy)[ =]https?:\/\/(?!127\.0\.0\.1|localhost)/i, reason: 'reads from a host this machine cannot reach' },
];
/** Commands that start a server: run until they print where they listen, then stopped. */
const SERVER = /\b(pve-apidoc (dev|preview|serve|mock)|npm run (dev|preview))\b/;
/** `mock ... -- COMMAND` runs the command against the mock and ends with it: an ordinary command. */
const FINITE = /\bpve-apidoc mock\b.* -- /;

interface Block {
  line: number;
  commands: string[];
}

function readmeBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash|shell)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    const commands: string[] = [];
    let current = '';
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) {
      const raw = lines[i]!;
      current += current ? ' ' + raw.trim() : raw.trim();
      if (current.endsWith('\\')) current = current.slice(0, -1).trimEnd();
      else {
        if (current !== '' && !current.startsWith('#')) commands.push(current);
        current = '';
      }
    }
    blocks.push({ line: start, commands });
  }
  return blocks;
}

const work = mkdtempSync(join(tmpdir(), 'pve-apidoc-readme-'));
const copy = join(work, 'checkout');
const blocks = readmeBlocks(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));

async function runServer(command: string, cwd: string): Promise<string> {
  // A free port instead of the one written (it may be taken here): replaced where given, else added.
  const line = command.replace(/#.*$/, '').trim();
  const freePort = /\s--port[ =]\d+/.test(line) ? line.replace(/(\s--port[ =])\d+/, (_, flag: string) => `${flag}0`) : `${line} --port 0`;
  const child = spawn('bash', ['-c', `exec ${freePort}`], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/https?:\/\/127\.0\.0\.1:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
  if (!listening) throw new Error(`server command did not start: ${command}\n${output}`);
  return output;
}

/** Kills what is left of a session (process group = the leader's pid); true when something was left. */
function stopSession(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone in between
  }
  return true;
}

describe('README commands', () => {
  beforeAll(() => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(copy, file));
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // ../shared/schemas as the README assumes it (the real folder may live elsewhere: PVE_APIDOC_SCHEMAS).
    mkdirSync(join(work, 'shared'));
    symlinkSync(SHARED_SCHEMAS, join(work, 'shared', 'schemas'), 'dir');
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: copy, stdio: 'ignore' });
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'fresh clone');
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has shell blocks to run', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  for (const block of blocks) {
    it(`block at README.md:${block.line} runs as written`, async () => {
      const script: string[] = ['set -euo pipefail'];
      for (const command of block.commands) {
        const rule = RULES.find((r) => r.match.test(command));
        if (rule && rule.replace === undefined) {
          script.push(`: ${JSON.stringify(`skipped (${rule.reason}): ${command}`)}`);
          continue;
        }
        const line = rule ? command.replace(rule.match, rule.replace ?? '') : command;
        // A server started in the background (`... &`) is part of the block's own script, as in CI.
        if (SERVER.test(line) && !FINITE.test(line) && !/&\s*(#.*)?$/.test(line)) {
          // Everything before it in the block runs first, then the server starts and stops.
          flush(script);
          await runServer(line, copy);
          script.length = 0;
          script.push('set -euo pipefail');
          continue;
        }
        script.push(line);
      }
      flush(script);
    }, 600_000);
  }

  /**
   * Runs the commands in a session of their own (setsid), output to a file rather than a pipe, so
   * that a process the block leaves running can neither hang this test nor outlive it: after bash
   * ends, anything still in the session is killed and the block fails for having left it.
   */
  function flush(script: string[]): void {
    if (script.length <= 1) return;
    const log = join(work, 'block.log');
    const fd = openSync(log, 'w');
    const result = spawnSync('setsid', ['bash', '-c', script.join('\n')], {
      cwd: copy,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 540_000,
    });
    closeSync(fd);
    const left = stopSession(result.pid);
    const output = readFileSync(log, 'utf8').slice(-3000);
    if (result.status !== 0) throw new Error(`exit ${result.status ?? result.signal}:\n${script.join('\n')}\n--- output:\n${output}`);
    if (left) throw new Error(`the block left a process running (now stopped):\n${script.join('\n')}`);
  }

  it('left nothing outside git-ignored places', () => {
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: copy, encoding: 'utf8' });
    expect(status).toBe('');
  });
});
