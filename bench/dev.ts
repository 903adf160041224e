/** 4b. The dev server: start-up, and the rebuild after a one-template change (a --templates override). */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from './options.js';
import { BIN, ROOT } from './process.js';
import { type Summary, summarize } from './stats.js';

export interface DevFigures {
  template: string;
  changes: number;
  /** "rebuilt in N ms" as the dev server reports it (first file event -> pages re-rendered). */
  reported: Summary;
  /** From our write of the file to that log line (adds the file watcher's delay). */
  observed: Summary;
  startupMs: number;
}

export async function benchDev(work: string, schema: string, options: Options): Promise<DevFigures> {
  // A user templates folder with one partial, so the repository's templates stay untouched.
  const templates = join(work, 'dev-templates');
  mkdirSync(join(templates, 'partials'), { recursive: true });
  const template = join(templates, 'partials', 'footer.hbs');
  copyFileSync(join(ROOT, 'templates', 'partials', 'footer.hbs'), template);
  const original = readFileSync(template, 'utf8');
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'dev', '--schema', schema, '--port', '0', '--templates', templates], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { re: RegExp; from: number; ok: (m: RegExpExecArray) => void }[] = [];
  const onData = (d: Buffer): void => {
    output += d.toString();
    for (const w of [...waiters]) {
      const m = w.re.exec(output.slice(w.from));
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok(m);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitFor = (re: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> =>
    new Promise((ok, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`dev server: no ${re} within ${timeoutMs} ms; output:\n${output.slice(-2000)}`)),
        timeoutMs,
      );
      waiters.push({
        re,
        from: output.length,
        ok: (m) => {
          clearTimeout(timer);
          ok(m);
        },
      });
      onData(Buffer.alloc(0));
    });
  try {
    const ready = await waitFor(/dev server: (http:\/\/\S+)/);
    const startupMs = performance.now() - started;
    const url = ready[1]!;
    // View one path page so that a rebuild re-renders it (the dev server re-renders viewed pages).
    await fetch(url + 'api/nodes/_node/qemu/_vmid/status/start/').then((r) => r.text());
    await new Promise((r) => setTimeout(r, 300));
    const reported: number[] = [];
    const observed: number[] = [];
    const changes = Math.max(3, options.runs) + 1;
    for (let i = 0; i < changes; i++) {
      const done = waitFor(/changed: rebuilt in ([\d.]+) ms/);
      const t = performance.now();
      writeFileSync(template, `${original}<!-- bench change ${i} -->\n`);
      const m = await done;
      const seen = performance.now() - t;
      // The first change also warms the watcher and the template compiler: not recorded.
      if (i > 0) {
        reported.push(Number(m[1]));
        observed.push(seen);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      template: 'partials/footer.hbs (a --templates override)',
      changes: reported.length,
      reported: summarize(reported),
      observed: summarize(observed),
      startupMs,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('close', r)));
  }
}
