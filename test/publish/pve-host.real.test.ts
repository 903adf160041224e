/**
 * --layout pve-host on PVE 9.1 (with --try-it, the console that calls the host's own /api2/json):
 * every file name passes pveproxy's pattern and extension list, the 435 API pages add no folder to
 * the fixed set, and every URL a page or script refers to is answered 200 by the pveproxy stand-in
 * (test/publish/pveproxy.ts) under /pve-docs/api/, every fragment resolves.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { checkLinks } from '../hardening/links.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';
import { fetchAll, foldersOf, siteUrls, unservableNames } from './pve-host-crawl.js';
import { startPveproxy, type Pveproxy } from './pveproxy.js';

describe('--layout pve-host --try-it (PVE 9.1)', () => {
  let out: string;
  let proxy: Pveproxy;

  beforeAll(async () => {
    const docs = tempDir('pve-docs-');
    out = join(docs, 'api');
    await build({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), out, layout: 'pve-host', tryIt: true }, silentLogger());
    proxy = await startPveproxy(docs);
  }, 300_000);
  afterAll(async () => {
    await proxy?.close();
  });

  it('writes only names pveproxy serves, the API pages in the root folder', () => {
    const files = listFiles(out);
    expect(files.filter((f) => /^api\.[^/]*\.html$/.test(f)).length).toBe(435);
    expect(unservableNames(out)).toEqual([]);
    expect(foldersOf(out)).toEqual(['', 'assets', 'auth', 'coverage', 'errors', 'operations', 'privileges', 'tasks']);
    expect(Math.max(...files.map((f) => (f.split('/').pop() ?? '').length))).toBeLessThanOrEqual(255);
  });

  it('links to files only, and every link and fragment resolves', () => {
    const { folderLinks } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
    expect(folderLinks).toEqual([]);
    const report = checkLinks(out);
    expect(report.broken).toEqual([]);
    expect(report.links).toBeGreaterThan(10_000);
  });

  it('every URL is answered 200 by the pveproxy stand-in under /pve-docs/api/', async () => {
    const { urls } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
    expect(urls.size).toBeGreaterThan(435 * 2);
    expect(await fetchAll(proxy, urls)).toEqual([]);
    expect(proxy.failures).toEqual([]);
  }, 120_000);
});
