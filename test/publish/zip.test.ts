/** The offline bundle's zip: a valid archive, byte-identical for the same files, whatever their order. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleZip, createZip, zipPathFor } from '../../generator/write/zip.js';
import { tempDir } from '../helpers/tree.js';
import { readZip } from './unzip.js';

const files = [
  { name: 'site/index.html', content: '<!doctype html><title>x</title>'.repeat(20) },
  { name: 'site/assets/logo.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  { name: 'site/api/nodes/index.html', content: 'é ünïcode ✓' },
  { name: 'site/empty.txt', content: '' },
];

describe('zip writer', () => {
  it('writes a readable archive with sorted entries, the zip epoch as date and rw-r--r-- files', () => {
    const records = readZip(createZip(files));
    expect(records.map((r) => r.name)).toEqual(['site/api/nodes/index.html', 'site/assets/logo.png', 'site/empty.txt', 'site/index.html']);
    for (const r of records) {
      expect(r.dosDate).toBe(0x21); // 1980-01-01
      expect(r.dosTime).toBe(0);
      expect(r.externalAttributes >>> 16).toBe(0o100644);
      expect(r.versionMadeBy >> 8).toBe(3); // Unix
      expect(r.flags & 0x0800).toBe(0x0800); // UTF-8 names
    }
    expect(records.find((r) => r.name === 'site/index.html')!.method).toBe(8); // deflated
    expect(records.find((r) => r.name === 'site/assets/logo.png')!.method).toBe(0); // stored: deflate would grow it
    expect(records.find((r) => r.name === 'site/api/nodes/index.html')!.data.toString('utf8')).toBe('é ünïcode ✓');
  });

  it('gives the same bytes for the same files in any order', () => {
    const a = createZip(files);
    const b = createZip([...files].reverse());
    expect(b.equals(a)).toBe(true);
  });

  it('refuses duplicate and escaping names', () => {
    expect(() => createZip([files[0]!, files[0]!])).toThrow(/duplicate/);
    expect(() => createZip([{ name: 'site/../../x', content: 'x' }])).toThrow(/unsafe/);
    expect(() => createZip([{ name: '/etc/x', content: 'x' }])).toThrow(/unsafe/);
  });

  it('bundleZip puts everything below a folder named like the zip', () => {
    const dir = tempDir();
    const zipPath = zipPathFor(join(dir, 'pve-9.1/'));
    expect(zipPath).toBe(join(dir, 'pve-9.1.zip'));
    const bytes = bundleZip('pve-9.1', [
      { file: 'index.html', content: 'x' },
      { file: 'api/index.html', content: 'y' },
    ]);
    expect(readZip(bytes).map((r) => r.name)).toEqual(['pve-9.1/api/index.html', 'pve-9.1/index.html']);
  });

  it('is accepted by an independent implementation (Python zipfile) when available', () => {
    const probe = spawnSync('python3', ['-c', 'import zipfile'], { encoding: 'utf8' });
    if (probe.status !== 0) return;
    const file = join(tempDir(), 'bundle.zip');
    writeFileSync(file, createZip(files));
    const check = spawnSync(
      'python3',
      [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(i.filename + " " + str(i.date_time) for i in z.infolist()))',
        file,
      ],
      { encoding: 'utf8' },
    );
    expect(check.stderr).toBe('');
    expect(check.stdout.trim().split('\n')).toEqual([
      'site/api/nodes/index.html (1980, 1, 1, 0, 0, 0)',
      'site/assets/logo.png (1980, 1, 1, 0, 0, 0)',
      'site/empty.txt (1980, 1, 1, 0, 0, 0)',
      'site/index.html (1980, 1, 1, 0, 0, 0)',
    ]);
  });
});
