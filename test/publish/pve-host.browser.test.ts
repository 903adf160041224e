/**
 * A --layout pve-host build of PVE 9.1 in Chromium, served by the pveproxy stand-in
 * (test/publish/pveproxy.ts) at /pve-docs/api/: the overview, a path page reached by a link, the
 * path tree in the sidebar and a search all work, and no request is refused and no script fails.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '../../harness/browser.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';
import { startPveproxy, type Pveproxy } from './pveproxy.js';

const skip = !chromiumAvailable() && process.env.CI !== 'true';

describe.skipIf(skip)('--layout pve-host of PVE 9.1 under /pve-docs/api/', () => {
  let browser: ChromiumSession;
  let page: Page;
  let proxy: Pveproxy;
  const problems: string[] = [];

  beforeAll(async () => {
    const docs = tempDir('pve-docs-');
    await build(
      { schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), out: join(docs, 'api'), layout: 'pve-host', baseUrl: '/pve-docs/api/' },
      silentLogger(),
    );
    proxy = await startPveproxy(docs);
    browser = await launchChromium();
    browser.context.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    browser.context.on('response', (r) => {
      if (r.status() !== 200) problems.push(`${r.status()}: ${r.url()}`);
    });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
  });

  async function follow(selector: string): Promise<string> {
    const link = page.locator(selector).first();
    await Promise.all([page.waitForEvent('load'), link.click()]);
    return new URL(page.url()).pathname;
  }

  it('opens the overview and follows a link to a flat path page', async () => {
    await page.goto(`${proxy.origin}/pve-docs/api/index.html`);
    expect(await page.locator('main h1').first().textContent()).toContain('Proxmox VE');
    expect(await follow('.sections a[href="api.nodes.html"]')).toBe('/pve-docs/api/api.nodes.html');
    expect(await page.locator('main h1').first().textContent()).toContain('/nodes');
  });

  it('the sidebar path tree links to flat pages', async () => {
    await page.goto(`${proxy.origin}/pve-docs/api/api.nodes._node.qemu.html`);
    // The page's own branch, then the whole tree (it loads when the filter is used).
    await page.waitForFunction(() => document.querySelectorAll('#sidebar a[href$=".html"]').length > 5, undefined, { timeout: 15_000 });
    await page.fill('#sidebar .nav-filter input', 'qemu');
    await page.waitForSelector('.nav-tree.nav-full', { timeout: 15_000 });
    const hrefs = await page.locator('#sidebar a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(20);
    // A flat API page, or a site page in one of the fixed folders (operations/index.html).
    for (const href of hrefs) expect(new URL(href).pathname).toMatch(/^\/pve-docs\/api\/([a-z]+\/index|[A-Za-z0-9._-]+)\.html$/);
    expect(hrefs.filter((h) => /\/api\.nodes\._node\.qemu\.[a-z0-9._-]+\.html$/.test(h)).length).toBeGreaterThan(5);
  });

  it('searches and opens a result', async () => {
    await page.goto(`${proxy.origin}/pve-docs/api/api.nodes.html`);
    const input = page.locator('#search-input');
    await input.click();
    await input.pressSequentially('start vm');
    await page.waitForFunction(() => document.querySelector('#search-results [role="option"]') !== null, undefined, { timeout: 15_000 });
    const href = await page.locator('#search-results [role="option"]').first().getAttribute('href');
    expect(href).toMatch(/^\.\/api\.[A-Za-z0-9._-]+\.html#/);
    expect(await follow('#search-results [role="option"]')).toMatch(/^\/pve-docs\/api\/api\.nodes\._node\.[a-z0-9._-]+\.html$/);
  });

  it('nothing was refused by the stand-in and no script failed', () => {
    expect(proxy.failures).toEqual([]);
    expect(problems).toEqual([]);
  });
});
