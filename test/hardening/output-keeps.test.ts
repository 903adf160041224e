/**
 * A rebuild never deletes what it did not write (issue 24): the output folder itself is kept
 * (inode, mode, group, setgid bit), files the user added anywhere in it survive (a gh-pages
 * checkout's `.git`, a worktree's `.git` file, CNAME, .nojekyll, a note inside `api/`), a path the
 * new build would write over someone else's file is refused (exit 5) unless --force, builds
 * started together into one folder after a killed one all end with a complete output, and
 * Ctrl-C / SIGTERM remove the build's own staging and say so in one line.
 * Builds run the real CLI on the embedded example schema (a second or so each).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir, treeHash } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');
const RECORD = '.pve-apidoc-files.json';
/** A pid no process has (above any pid_max Linux allows). */
const DEAD_PID = 2147483646;

interface Run {
  status: number | null;
  signal: string | null;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, 'build', '--schema', SCHEMA, '-q', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stderr: errors(r.stderr) };
}

function cliAsync(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'build', '--schema', SCHEMA, '-q', ...args], { cwd: REPO_ROOT, env: process.env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (status, signal) => done({ status, signal, stderr: errors(stderr) }));
  });
}

/** stderr without the example schema's own warning (it has one on purpose). */
function errors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('warning:'))
    .join('\n');
}

/** The write stage's own names inside the output (the record is output). */
const internals = (out: string): string[] => readdirSync(out).filter((e) => e.startsWith('.pve-apidoc-') && e !== RECORD);

/** treeHash of the output with the given entries (relative paths) left out. */
function hashWithout(out: string, leaveOut: string[]): string {
  const copy = join(tempDir('pve-apidoc-keeps-copy-'), 'site');
  cpSync(out, copy, { recursive: true, verbatimSymlinks: true });
  for (const rel of leaveOut) rmSync(join(copy, rel), { recursive: true, force: true });
  return treeHash(copy);
}

const hasGit = spawnSync('git', ['--version']).status === 0;
const git = (cwd: string, ...args: string[]): { status: number | null; stdout: string } => {
  const r = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
};

// Several CLI builds per test, on a machine that may be busy: a generous bound, not a timing check.
describe('a rebuild keeps what it did not write', { timeout: 300_000 }, () => {
  /** treeHash of a clean build titled B (folder name "site"), and of one with --offline. */
  let cleanB = '';
  let cleanBOffline = '';
  beforeAll(() => {
    const out = join(tempDir('pve-apidoc-keeps-ref-'), 'site');
    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    cleanB = treeHash(out);
    const offline = join(tempDir('pve-apidoc-keeps-ref-'), 'site');
    expect(cli(['--out', offline, '--title', 'B', '--offline']).status).toBe(0);
    cleanBOffline = treeHash(offline);
  }, 300_000);

  /** A folder holding a clean build titled A. */
  const previous = (): { dir: string; out: string } => {
    const dir = tempDir('pve-apidoc-keeps-');
    const out = join(dir, 'site');
    expect(cli(['--out', out, '--title', 'A']).status).toBe(0);
    return { dir, out };
  };

  it('records the files it wrote, sorted, itself included, the same bytes on every build', () => {
    const { out } = previous();
    const record: unknown = JSON.parse(readFileSync(join(out, RECORD), 'utf8'));
    const files = (record as { files: string[] }).files;
    expect(files).toContain(RECORD);
    expect(files).toContain('index.html');
    expect(files).toEqual([...files].sort());
    const other = join(tempDir('pve-apidoc-keeps-'), 'site');
    cli(['--out', other, '--title', 'A']);
    expect(readFileSync(join(other, RECORD), 'utf8')).toBe(readFileSync(join(out, RECORD), 'utf8'));
  });

  it.skipIf(!hasGit)(
    'keeps a gh-pages checkout made in the output (git init): .git, its history, CNAME, .nojekyll, and git still works',
    () => {
      const { out } = previous();
      expect(git(out, 'init', '-q').status).toBe(0);
      writeFileSync(join(out, 'CNAME'), 'docs.example.org\n');
      writeFileSync(join(out, '.nojekyll'), '');
      expect(git(out, 'add', '-A').status).toBe(0);
      expect(git(out, 'commit', '-qm', 'publish A').status).toBe(0);
      const gitBefore = treeHash(join(out, '.git'));
      const head = git(out, 'rev-parse', 'HEAD').stdout;

      const r = cli(['--out', out, '--title', 'B']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(treeHash(join(out, '.git'))).toBe(gitBefore);
      expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('docs.example.org\n');
      expect(existsSync(join(out, '.nojekyll'))).toBe(true);
      expect(git(out, 'rev-parse', 'HEAD').stdout).toBe(head);
      // git sees the new build as changes to the committed one, nothing lost or untracked but ours.
      const status = git(out, 'status', '--porcelain');
      expect(status.status).toBe(0);
      expect(status.stdout).toMatch(/^ M index\.html$/m);
      expect(status.stdout).not.toMatch(/^ D /m);
      expect(hashWithout(out, ['.git', 'CNAME', '.nojekyll'])).toBe(cleanB);
    },
  );

  it("keeps a worktree's .git file (git worktree add dist gh-pages) and files the user put inside our folders", () => {
    const { out } = previous();
    writeFileSync(join(out, '.git'), 'gitdir: /somewhere/else/.git/worktrees/site\n');
    writeFileSync(join(out, 'api', 'my-note.html'), '<p>mine</p>');
    mkdirSync(join(out, 'api', 'cluster', 'notes'));
    writeFileSync(join(out, 'api', 'cluster', 'notes', 'deep.md'), 'deep');
    writeFileSync(join(out, 'assets', 'extra.css'), 'body{}');
    mkdirSync(join(out, 'mine', 'sub'), { recursive: true });
    writeFileSync(join(out, 'mine', 'sub', 'a.txt'), 'a');

    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    expect(readFileSync(join(out, '.git'), 'utf8')).toBe('gitdir: /somewhere/else/.git/worktrees/site\n');
    expect(readFileSync(join(out, 'api', 'my-note.html'), 'utf8')).toBe('<p>mine</p>');
    expect(readFileSync(join(out, 'api', 'cluster', 'notes', 'deep.md'), 'utf8')).toBe('deep');
    expect(readFileSync(join(out, 'assets', 'extra.css'), 'utf8')).toBe('body{}');
    expect(readFileSync(join(out, 'mine', 'sub', 'a.txt'), 'utf8')).toBe('a');
    expect(hashWithout(out, ['.git', 'api/my-note.html', 'api/cluster/notes', 'assets/extra.css', 'mine'])).toBe(cleanB);
    expect(internals(out)).toEqual([]);
  });

  it('keeps the output folder itself: same inode, mode 2750 with the setgid bit, group', () => {
    const dir = tempDir('pve-apidoc-keeps-');
    const out = join(dir, 'site');
    mkdirSync(out);
    chmodSync(out, 0o2750);
    // Another group than ours, where the test may set one (as root); else the group we have.
    if (process.getuid?.() === 0) chownSync(out, 0, 1);
    const before = statSync(out);
    expect(cli(['--out', out, '--title', 'A', '--offline']).status).toBe(0);
    expect(cli(['--out', out, '--title', 'B', '--offline']).status).toBe(0);
    const after = statSync(out);
    expect(after.ino).toBe(before.ino);
    expect((after.mode & 0o7777).toString(8)).toBe('2750');
    expect(after.gid).toBe(before.gid);
    expect(after.uid).toBe(before.uid);
    expect(hashWithout(out, [])).toBe(cleanBOffline);
    expect(existsSync(`${out}.zip`)).toBe(true);
  });

  it('refuses to overwrite files at its own paths that the previous build did not write (exit 5, named), and overwrites them with --force', () => {
    const { out } = previous();
    writeFileSync(join(out, 'robots.txt'), 'User-agent: mine');
    writeFileSync(join(out, 'sitemap.xml'), '<mine/>');
    const before = treeHash(out);
    const hosted = ['--base-url', 'https://docs.example.org/'];
    const refused = cli(['--out', out, '--title', 'B', ...hosted]);
    expect(refused.status).toBe(EXIT.output);
    expect(refused.stderr.split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /refusing to overwrite 2 files in .*site that the previous build did not write: robots\.txt, sitemap\.xml; .*--force/,
    );
    expect(treeHash(out)).toBe(before);
    expect(internals(out)).toEqual([]);

    const forced = cli(['--out', out, '--title', 'B', ...hosted, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).not.toContain('mine');
    // Now ours: the next build replaces them without --force.
    expect(cli(['--out', out, '--title', 'A', ...hosted]).status).toBe(0);
  });

  it("names the first few of many collisions and the count; a folder of the user's where it writes a file is refused even with --force", () => {
    const { out } = previous();
    for (const name of ['model.json', 'robots.txt', 'sitemap.xml']) writeFileSync(join(out, name), 'mine');
    const many = cli(['--out', out, '--emit', 'model', '--base-url', 'https://docs.example.org/']);
    expect(many.status).toBe(EXIT.output);
    expect(many.stderr).toMatch(/3 files .*: model\.json, robots\.txt, sitemap\.xml;/);

    const other = previous().out;
    mkdirSync(join(other, 'robots.txt'));
    writeFileSync(join(other, 'robots.txt', 'keep'), 'keep');
    const folder = cli(['--out', other, '--base-url', 'https://docs.example.org/', '--force']);
    expect(folder.status).toBe(EXIT.output);
    expect(folder.stderr).toMatch(/robots\.txt is a folder holding files the previous build did not write/);
    expect(readFileSync(join(other, 'robots.txt', 'keep'), 'utf8')).toBe('keep');
  });

  it("replaces a link of the user's at one of its paths only with --force, and never follows it", () => {
    const { dir, out } = previous();
    const precious = join(dir, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'style.css'), 'precious');
    rmSync(join(out, 'assets'), { recursive: true });
    symlinkSync(precious, join(out, 'assets'));
    expect(cli(['--out', out, '--title', 'B']).status).toBe(EXIT.output);
    expect(cli(['--out', out, '--title', 'B', '--force']).status).toBe(0);
    expect(readFileSync(join(precious, 'style.css'), 'utf8')).toBe('precious');
    expect(statSync(join(out, 'assets')).isDirectory()).toBe(true);
    expect(hashWithout(out, [])).toBe(cleanB);
  });

  it('treats as ours in a build of an older version (manifest, no record) only what such a build could have written', () => {
    const { out } = previous();
    unlinkSync(join(out, RECORD));
    writeFileSync(join(out, 'api', 'my-note.html'), 'mine');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    expect(readFileSync(join(out, 'api', 'my-note.html'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(hashWithout(out, ['api/my-note.html', 'notes.txt'])).toBe(cleanB);
  });

  it('builds into a fresh gh-pages worktree that holds only .git and CNAME (nothing to replace)', () => {
    const out = join(tempDir('pve-apidoc-keeps-'), 'site');
    mkdirSync(out);
    writeFileSync(join(out, '.git'), 'gitdir: /elsewhere\n');
    writeFileSync(join(out, 'CNAME'), 'docs.example.org\n');
    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    expect(hashWithout(out, ['.git', 'CNAME'])).toBe(cleanB);
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('docs.example.org\n');
  });

  it('4 builds started together after a killed one all end with a complete output (each exit 0, or 5 if it gave up waiting)', async () => {
    const { dir, out } = previous();
    const killed = cli(['--out', out, '--title', 'B', '--offline'], { PVE_APIDOC_TEST_CRASH_AT: 'kill:retired' });
    expect(killed.signal).toBe('SIGKILL');
    const runs = await Promise.all([1, 2, 3, 4].map(() => cliAsync(['--out', out, '--title', 'B', '--offline'])));
    for (const run of runs) {
      if (run.status !== 0) expect(run.stderr).toMatch(/another build \(pid \d+\) is writing into/);
      expect([0, EXIT.output]).toContain(run.status);
    }
    expect(runs.some((r) => r.status === 0)).toBe(true);
    expect(treeHash(out)).toBe(cleanBOffline);
    expect(internals(out)).toEqual([]);
    expect(readdirSync(dir).filter((e) => e.startsWith('.site'))).toEqual([]);
  });

  it('never touches the staging of a build still running (a live pid), only that of dead ones', () => {
    const { out } = previous();
    // This test process is alive: to the build it is another build, still staging.
    const live = join(out, `.pve-apidoc-tmp-${process.pid}`);
    mkdirSync(join(live, 'api'), { recursive: true });
    writeFileSync(join(live, 'api', 'half.html'), 'half');
    const dead = join(out, `.pve-apidoc-tmp-${DEAD_PID}`);
    mkdirSync(dead);
    writeFileSync(join(dead, 'index.html'), 'half');
    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    expect(readFileSync(join(live, 'api', 'half.html'), 'utf8')).toBe('half');
    expect(existsSync(dead)).toBe(false);
    rmSync(live, { recursive: true });
    expect(treeHash(out)).toBe(cleanB);
  });

  it("waits a bounded time for a live build's lock, then fails with exit 5 naming its pid; a dead build's lock is taken over", () => {
    const { out } = previous();
    // This test process is alive and is not a build: its pid holds the lock.
    writeFileSync(join(out, '.pve-apidoc-lock'), `${process.pid}\n`);
    const busy = cli(['--out', out, '--title', 'B'], { PVE_APIDOC_TEST_LOCK_WAIT_MS: '300' });
    expect(busy.status).toBe(EXIT.output);
    expect(busy.stderr).toMatch(new RegExp(`another build \\(pid ${process.pid}\\) is writing into .*site`));
    expect(readFileSync(join(out, '.pve-apidoc-lock'), 'utf8')).toBe(`${process.pid}\n`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('A');

    writeFileSync(join(out, '.pve-apidoc-lock'), `${DEAD_PID}\n`);
    expect(cli(['--out', out, '--title', 'B']).status).toBe(0);
    expect(treeHash(out)).toBe(cleanB);
  });

  // Before the journal the build stops and removes its staging; from the journal on the renames
  // run without a pause (they are quick), so the signal is seen once the new output is in place.
  for (const [signal, code, step] of [
    ['sigint', 130, 'writing'],
    ['sigterm', 143, 'writing'],
    ['sigint', 130, 'zip-staged'],
  ] as const) {
    it(`${signal.toUpperCase()} at "${step}": removes its own staging, releases the lock, says so in one line, exits ${code}; the previous output is unchanged`, () => {
      const { dir, out } = previous();
      const before = treeHash(out);
      const beside = readdirSync(dir);
      const r = cli(['--out', out, '--title', 'B', '--offline'], { PVE_APIDOC_TEST_CRASH_AT: `${signal}:${step}` });
      expect(r.status).toBe(code);
      expect(r.stderr).toBe(`pve-apidoc: interrupted; the previous output in ${out} is unchanged`);
      expect(treeHash(out)).toBe(before);
      expect(internals(out)).toEqual([]);
      expect(readdirSync(dir)).toEqual(beside);
    });
  }

  for (const [signal, code, step] of [
    ['sigterm', 143, 'journal'],
    ['sigint', 130, 'zipped'],
  ] as const) {
    it(`${signal.toUpperCase()} at "${step}" (the swap under way) finishes it: the new output is complete, nothing is left, exit ${code}`, () => {
      const { dir, out } = previous();
      const r = cli(['--out', out, '--title', 'B', '--offline'], { PVE_APIDOC_TEST_CRASH_AT: `${signal}:${step}` });
      expect(r.status).toBe(code);
      expect(r.stderr).toBe(`pve-apidoc: interrupted; the new output in ${out} is complete`);
      expect(treeHash(out)).toBe(cleanBOffline);
      expect(internals(out)).toEqual([]);
      expect(readdirSync(dir).filter((e) => e.startsWith('.'))).toEqual([]);
    });
  }
});
