/**
 * Measured child processes: wall time (spawn to exit), peak RSS and CPU time (the child's own
 * getrusage, written by a preloaded probe when it exits), and where the peer (Redocly) lives.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../generator/paths.js';

export interface RunResult {
  wallMs: number;
  /** Peak resident set of the process, bytes (getrusage ru_maxrss, read in the child at exit). */
  maxRss: number | null;
  /** CPU time of the process, all threads, user + system, ms (less sensitive to a busy machine than wall time). */
  cpuMs: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

export const ROOT = packageRoot();
export const BIN = join(ROOT, 'bin', 'pve-apidoc.js');
let probe = '';

/** A module preloaded into every measured process: writes its own peak RSS when it exits. */
export function writeProbe(dir: string): void {
  const file = join(dir, 'rss-probe.mjs');
  writeFileSync(
    file,
    "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => { const f = process.env.BENCH_RSS_FILE; if (!f) return; const u = process.resourceUsage();\n" +
      '  try { writeFileSync(f, JSON.stringify({ maxRss: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })); } catch {} });\n',
  );
  probe = pathToFileURL(file).href;
}

export function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const rssFile = join(os.tmpdir(), `pve-apidoc-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', probe, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      let usage: { maxRss?: number; cpuMs?: number } = {};
      if (existsSync(rssFile)) {
        try {
          usage = JSON.parse(readFileSync(rssFile, 'utf8')) as typeof usage;
        } catch {
          // a process killed mid-write: no figures
        }
        rmSync(rssFile, { force: true });
      }
      ok({ wallMs, maxRss: usage.maxRss ?? null, cpuMs: usage.cpuMs ?? null, code, stdout, stderr });
    });
  });
}

export function failed(what: string, r: RunResult): Error {
  return new Error(`${what} exited with ${r.code}:\n${(r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n')}`);
}

export const REDOCLY_ENV = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };

export function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@redocly/cli/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : (pkg.bin['redocly'] ?? Object.values(pkg.bin)[0]!);
  return join(dirname(manifest), bin);
}

export function redoclyVersion(): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve('@redocly/cli/package.json'), 'utf8')) as { version: string }).version;
}

export function log(message: string): void {
  process.stderr.write(message + '\n');
}
