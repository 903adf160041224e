/**
 * Deterministic output: the same input builds byte-identical files, in separate processes, from
 * different working folders, into different places (no timestamps, no absolute paths, no
 * iteration-order accidents) - and so does the offline zip.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

/** Builds into <fresh temp dir>/<name>, from another fresh working folder, in its own process. */
function buildOnce(name: string, args: string[]): string {
  const out = join(tempDir(), name);
  const result = spawnSync(process.execPath, [BIN, 'build', '--quiet', '--out', out, ...args], {
    encoding: 'utf8',
    cwd: tempDir('pve-apidoc-cwd-'),
  });
  // The example API has deliberate oddities that warn; anything else on stderr is a failure.
  expect(result.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual([]);
  expect(result.status).toBe(EXIT.ok);
  return out;
}

/** Every file of `b` has the bytes of the same file in `a`, and there are no extra files. */
function expectIdentical(a: string, b: string): number {
  const files = listFiles(a);
  expect(listFiles(b)).toEqual(files);
  const different = files.filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
  expect(different).toEqual([]);
  return files.length;
}

describe('deterministic output', () => {
  it('the example site (hosted, with sitemap) is byte-identical across two builds', () => {
    const args = [
      '--base-url',
      'https://example.org/pve/',
      '--formats',
      join(REPO_ROOT, 'schema/example-formats.json'),
      '--schema',
      join(REPO_ROOT, 'schema/example-api.json'),
    ];
    const a = buildOnce('site', args);
    const b = buildOnce('site', args);
    expect(expectIdentical(a, b)).toBeGreaterThan(25);
  });

  it('the example offline bundle and its zip are byte-identical across two builds', () => {
    const a = buildOnce('bundle', ['--offline']);
    const b = buildOnce('bundle', ['--offline']);
    expectIdentical(a, b);
    expect(readFileSync(`${b}.zip`).equals(readFileSync(`${a}.zip`))).toBe(true);
  });

  it('the PVE 9.1 offline bundle and its zip are byte-identical across two builds', () => {
    const schema = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');
    const a = buildOnce('pve-9.1', ['--offline', '--schema', schema]);
    const b = buildOnce('pve-9.1', ['--offline', '--schema', schema]);
    expect(expectIdentical(a, b)).toBeGreaterThan(435);
    expect(readFileSync(`${b}.zip`).equals(readFileSync(`${a}.zip`))).toBe(true);
  });
});
