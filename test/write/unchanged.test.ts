/**
 * A rebuild that changes nothing writes nothing (write/unchanged.ts): every file keeps its inode
 * and mtime. Any difference in our files, the file set or the zip means a normal, complete write.
 */
import { lstatSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { sameBytes } from '../../generator/write/unchanged.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { listFiles, tempDir, treeHash } from '../helpers/tree.js';

const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');
const PAST = new Date('2001-02-03T04:05:06Z');

/** Every file's inode and mtime below `dir` (the past mtime set by `age` shows a file was not rewritten). */
function identities(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [f, `${lstatSync(join(dir, f)).ino}:${lstatSync(join(dir, f)).mtimeMs}`]));
}

function age(dir: string): void {
  for (const f of listFiles(dir)) utimesSync(join(dir, f), PAST, PAST);
}

async function site(options: { title?: string; offline?: boolean } = {}): Promise<string> {
  const out = join(tempDir('pve-apidoc-unchanged-'), 'site');
  await build({ schema: SCHEMA, out, ...options }, silentLogger());
  return out;
}

describe('a rebuild with nothing new', () => {
  it('writes nothing: same inodes and mtimes, and says so', async () => {
    const out = await site();
    age(out);
    const before = identities(out);
    const hash = treeHash(out);
    const result = await build({ schema: SCHEMA, out }, silentLogger());
    expect(result.unchanged).toBe(true);
    expect(identities(out)).toEqual(before);
    expect(treeHash(out)).toBe(hash);
  });

  it('with --offline compares the zip too: the same zip is left alone, a missing one is written again', async () => {
    const out = await site({ offline: true });
    const zip = `${out}.zip`;
    utimesSync(zip, PAST, PAST);
    const zipBytes = readFileSync(zip);
    const again = await build({ schema: SCHEMA, out, offline: true }, silentLogger());
    expect(again.unchanged).toBe(true);
    expect(again.zip?.bytes).toBe(zipBytes.length);
    expect(lstatSync(zip).mtimeMs).toBe(PAST.getTime());
    unlinkSync(zip);
    const rebuilt = await build({ schema: SCHEMA, out, offline: true }, silentLogger());
    expect(rebuilt.unchanged).toBeUndefined();
    expect(readFileSync(zip).equals(zipBytes)).toBe(true);
  });
});

describe('any difference means a complete write', () => {
  it.each([
    ['one of our files edited', (out: string): void => writeFileSync(join(out, 'index.html'), 'edited')],
    [
      'one of our files of the same size edited',
      (out: string): void => {
        const file = join(out, 'index.html');
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, text.replace('<', '{'));
      },
    ],
    ['one of our files removed', (out: string): void => rmSync(join(out, 'index.html'))],
    ['our record removed', (out: string): void => rmSync(join(out, '.pve-apidoc-files.json'))],
  ])('%s: rebuilt to the fresh build', async (_what, change) => {
    const out = await site();
    const fresh = treeHash(out);
    change(out);
    const result = await build({ schema: SCHEMA, out }, silentLogger());
    expect(result.unchanged).toBeUndefined();
    expect(treeHash(out)).toBe(fresh);
  });

  it('other options (a title): written, not skipped', async () => {
    const out = await site({ title: 'A' });
    const result = await build({ schema: SCHEMA, out, title: 'B' }, silentLogger());
    expect(result.unchanged).toBeUndefined();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('B');
  });

  it('a file of the user beside ours does not stop the skip, and stays', async () => {
    const out = await site();
    writeFileSync(join(out, 'CNAME'), 'docs.example.org\n');
    const result = await build({ schema: SCHEMA, out }, silentLogger());
    expect(result.unchanged).toBe(true);
    expect(readFileSync(join(out, 'CNAME'), 'utf8')).toBe('docs.example.org\n');
  });
});

describe('sameBytes', () => {
  it('never reads through a link, even to a file with the same bytes', () => {
    const dir = tempDir('pve-apidoc-same-');
    writeFileSync(join(dir, 'a'), 'x');
    symlinkSync(join(dir, 'a'), join(dir, 'link'));
    expect(sameBytes(join(dir, 'a'), Buffer.from('x'))).toBe(true);
    expect(sameBytes(join(dir, 'link'), Buffer.from('x'))).toBe(false);
    expect(sameBytes(join(dir, 'a'), Buffer.from('xy'))).toBe(false);
    expect(sameBytes(join(dir, 'missing'), Buffer.from(''))).toBe(false);
    expect(sameBytes(dir, Buffer.from(''))).toBe(false);
  });
});
