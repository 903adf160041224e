/**
 * The offline bundle as a user gets it: the PVE 9.1 zip, unpacked somewhere else, opened from disk
 * (file://) in headless Chromium. Follows links by clicking them - into three path pages and to an
 * operation's anchor - runs a search, and records every request the browser makes: anything that
 * is not a file:// URL fails the test, and so do failed loads, script errors and CSP violations.
 */
/// <reference lib="dom" />
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { chromiumAvailable, fileUrl, launchChromium, type ChromiumSession } from '../../harness/browser.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';
import { extractZip } from '../publish/unzip.js';

const skip = !chromiumAvailable() && process.env.CI !== 'true';

describe.skipIf(skip)('offline bundle of PVE 9.1 from file://', () => {
  let browser: ChromiumSession;
  let page: Page;
  let site: string;
  let zipBytes: number;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const out = join(tempDir(), 'pve-9.1');
    const result = await build({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), out, offline: true }, silentLogger());
    zipBytes = statSync(result.zip!.path).size;
    // Unpack the zip elsewhere: the test uses what a user copies onto the isolated network.
    const unpacked = tempDir('pve-apidoc-unzipped-');
    extractZip(readFileSync(result.zip!.path), unpacked);
    site = join(unpacked, 'pve-9.1');
    browser = await launchChromium();
    browser.context.on('request', (r) => requests.push(r.url()));
    browser.context.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page = await browser.context.newPage();
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Clicks the first link matching `selector`, waits for the new page, returns its URL. */
  async function follow(selector: string): Promise<string> {
    const link = page.locator(selector).first();
    await Promise.all([page.waitForEvent('load'), link.click()]);
    return page.url();
  }

  it('is a zip of a few MB', () => {
    console.log(`offline bundle of PVE 9.1: ${(zipBytes / 1024 / 1024).toFixed(2)} MB zipped`);
    expect(zipBytes).toBeGreaterThan(500_000);
    expect(zipBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('opens the index and follows links into three path pages', async () => {
    await page.goto(fileUrl(site));
    expect(await page.title()).toBe('Proxmox VE 9.1 API');

    const nodes = await follow('nav.tree a[href="api/nodes/index.html"]');
    expect(nodes).toBe(fileUrl(site, 'api/nodes/index.html'));
    expect(await page.locator('main h1').first().textContent()).toContain('/nodes');

    const node = await follow('main a[href="_node/index.html"]');
    expect(node).toBe(fileUrl(site, 'api/nodes/_node/index.html'));

    const qemu = await follow('main a[href="qemu/index.html"]');
    expect(qemu).toBe(fileUrl(site, 'api/nodes/_node/qemu/index.html'));
    expect(await page.locator('main h1').first().textContent()).toContain('/nodes/{node}/qemu');
    // The page script ran from disk: it adds copy buttons to the examples.
    expect(await page.locator('figure.example button.copy').count()).toBeGreaterThan(0);
  });

  it('follows a link to an operation anchor on another page', async () => {
    await page.goto(fileUrl(site, 'operations/index.html'));
    const target = await follow('main a[href$="api/nodes/_node/qemu/_vmid/status/start/index.html#post"]');
    expect(target).toBe(fileUrl(site, 'api/nodes/_node/qemu/_vmid/status/start/index.html') + '#post');
    const inView = await page.evaluate(() => {
      const el = document.getElementById('post');
      if (!el) return false;
      const box = el.getBoundingClientRect();
      return box.top >= -1 && box.top < window.innerHeight;
    });
    expect(inView).toBe(true);
  });

  it('runs a search from disk', async () => {
    await page.goto(fileUrl(site, 'api/nodes/index.html'));
    const input = page.locator('#search-input');
    await input.click();
    await input.pressSequentially('start vm');
    await page.waitForFunction(() => document.querySelector('#search-results [role="option"]') !== null, undefined, { timeout: 15_000 });
    const first = await page.locator('#search-results [role="option"]').first().getAttribute('href');
    expect(first).toMatch(/index\.html#/);
  });

  it('made no request that is not file://, and nothing failed', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
