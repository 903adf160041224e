/**
 * planWrite looks at each path of the output once: the previous build's files and the new
 * build's are mostly the same paths, in a few hundred folders (the real PVE site: 887 files in
 * ~450 folders), and each lstat is a system call on the build's main thread. Counted, not timed.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { planWrite } from '../../generator/write/plan.js';
import { recordContent } from '../../generator/write/record.js';
import { tempDir } from '../helpers/tree.js';

const lstats = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    lstatSync: ((...args: Parameters<typeof real.lstatSync>) => {
      lstats.count++;
      return real.lstatSync(...args);
    }) as typeof real.lstatSync,
  };
});

describe('planWrite', () => {
  it('lstats each file and each folder of a rebuild once', () => {
    const out = tempDir('pve-apidoc-plan-');
    // 40 folders of 2 pages each, like api/PATH/index.html + api/PATH/index.md.
    const files = Array.from({ length: 40 }, (_, i) => [`api/p${i}/index.html`, `api/p${i}/index.md`]).flat();
    for (const file of files) {
      fs.mkdirSync(join(out, file, '..'), { recursive: true });
      fs.writeFileSync(join(out, file), 'x');
    }
    fs.writeFileSync(join(out, '.pve-apidoc-files.json'), recordContent(files));
    lstats.count = 0;
    const plan = planWrite(out, [...files, '.pve-apidoc-files.json'], false);
    expect(plan.replaceable.size).toBe(files.length + 1);
    // 81 files, 41 folders (api and its 40), the record read once: before, every one of them twice.
    expect(lstats.count).toBeLessThanOrEqual(files.length + 1 + 41 + 1);
  });
});
