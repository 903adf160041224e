/**
 * A disk that is full when the build takes the lock: the lock's temporary file has been created
 * when its write fails (ENOSPC), and it must not be left behind, nor the folder a first build
 * created for it. (A real full disk needs a mount; the failing write is simulated here.)
 */
import { existsSync, readdirSync } from 'node:fs';
import type * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { OutputError } from '../../generator/errors.js';
import { writeOutput } from '../../generator/write/atomic.js';
import { tempDir } from '../helpers/tree.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsp>();
  const writeFile: typeof real.writeFile = async (file, data, options) => {
    if (String(file).includes('.pve-apidoc-lock.new-')) {
      // As the kernel does it: the file is created, then the write finds no space.
      await real.writeFile(file, '');
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return real.writeFile(file, data, options);
  };
  return { ...real, writeFile };
});

describe('taking the lock on a full disk', () => {
  it('fails with an output error and leaves neither the lock’s temporary file nor a new empty folder', async () => {
    const parent = tempDir('pve-apidoc-lock-enospc-');
    const error: unknown = await writeOutput(join(parent, 'site'), [{ file: 'index.html', content: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect(String(error)).toContain('ENOSPC');
    expect(existsSync(join(parent, 'site'))).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
