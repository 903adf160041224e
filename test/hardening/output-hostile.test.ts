/**
 * The file system a rebuild finds inside --out is untrusted, the write stage's own files in it
 * included: a record (`.pve-apidoc-files.json`) that claims someone else's files, a lock that is
 * not one a build wrote, a link where the build writes a folder. The write stage runs in-process
 * on a tiny site (no CLI, no schema): these are about the folder, not the pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../generator/errors.js';
import type { OutputFile } from '../../generator/output-file.js';
import { writeOutput } from '../../generator/write/atomic.js';
import { tempDir } from '../helpers/tree.js';

const RECORD = '.pve-apidoc-files.json';
const LOCK = '.pve-apidoc-lock';

const SITE: OutputFile[] = [
  { file: 'index.html', content: '<p>home</p>' },
  { file: 'manifest.json', content: JSON.stringify({ generator: 'pve-apidoc', product: 'pve', paths: [] }) },
  { file: 'api/a.html', content: 'a' },
  { file: 'api/b.html', content: 'b' },
];

/** A folder holding one build of SITE. */
async function previousBuild(): Promise<string> {
  const out = join(tempDir('pve-apidoc-hostile-'), 'site');
  await writeOutput(out, SITE);
  return out;
}

describe('a hostile or corrupt record', () => {
  it('cannot make a rebuild delete a checkout’s .git or its CNAME by listing them', async () => {
    const out = await previousBuild();
    mkdirSync(join(out, '.git'));
    writeFileSync(join(out, '.git', 'config'), '[core]\n');
    writeFileSync(join(out, 'CNAME'), 'docs.example.org\n');
    // A record committed to the gh-pages branch, say, now claiming the checkout's own files.
    writeFileSync(
      join(out, RECORD),
      JSON.stringify({ generator: 'pve-apidoc', files: [...SITE.map((f) => f.file), RECORD, '.git/config', 'CNAME'] }),
    );
    await writeOutput(out, SITE);
    expect(readFileSync(join(out, '.git', 'config'), 'utf8')).toBe('[core]\n');
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('docs.example.org\n');
    expect(readFileSync(join(out, 'api', 'a.html'), 'utf8')).toBe('a');
  });

  it('still lets a build replace a hidden file it writes again', async () => {
    const files = [...SITE, { file: '.nojekyll', content: '' }];
    const out = join(tempDir('pve-apidoc-hostile-'), 'site');
    await writeOutput(out, files);
    await writeOutput(out, files);
    expect(existsSync(join(out, '.nojekyll'))).toBe(true);
  });
});

describe('a lock no live build holds', () => {
  /** Runs `work` with the lock wait cut short: without the fix these cases waited out the whole bound. */
  async function shortWait<T>(work: () => Promise<T>): Promise<T> {
    process.env.PVE_APIDOC_TEST_LOCK_WAIT_MS = '200';
    try {
      return await work();
    } finally {
      delete process.env.PVE_APIDOC_TEST_LOCK_WAIT_MS;
    }
  }

  it('takes over a lock holding no pid (what a power loss leaves of one) instead of waiting for it', async () => {
    const out = await previousBuild();
    writeFileSync(join(out, LOCK), '');
    await shortWait(() => writeOutput(out, [...SITE, { file: 'api/c.html', content: 'c' }]));
    expect(readFileSync(join(out, 'api', 'c.html'), 'utf8')).toBe('c');
    expect(existsSync(join(out, LOCK))).toBe(false);
  });

  it.each([
    ['a folder', (lock: string): void => mkdirSync(lock)],
    ['a dangling link', (lock: string): void => symlinkSync('/nonexistent/pve-apidoc-lock', lock)],
    // Reading it to find the pid blocked forever (no writer), Ctrl-C included: the handler is JavaScript.
    ['a FIFO', (lock: string): void => void execFileSync('mkfifo', [lock])],
  ])('refuses a lock that is %s at once, naming it, and leaves it', async (_kind, plant) => {
    const out = await previousBuild();
    plant(join(out, LOCK));
    const error: unknown = await shortWait(() => writeOutput(out, SITE)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect(String(error)).toContain(`${join(out, LOCK)} is not a lock a pve-apidoc build made`);
    expect(lstatSync(join(out, LOCK))).toBeTruthy();
  });
});

describe('a link where the build writes a folder', () => {
  it('is the one collision named: nothing is looked up through it', async () => {
    const root = tempDir('pve-apidoc-hostile-');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'b.html'), 'not the build’s');
    const out = join(root, 'site');
    await writeOutput(out, [{ file: 'index.html', content: 'x' }]);
    symlinkSync(elsewhere, join(out, 'api'));
    const error: unknown = await writeOutput(out, SITE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    // Before: "2 files …: api, api/b.html", the second one a file outside the output found through the link.
    expect(String(error)).toContain(`refusing to overwrite a file in ${out} that the previous build did not write: api;`);
    expect(readFileSync(join(elsewhere, 'b.html'), 'utf8')).toBe('not the build’s');
  });
});
