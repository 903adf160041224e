/**
 * The sidebar tree on APIs too big to list on every page (issue 24): a page carries only its own
 * branch, long lists cut around it; the whole tree (assets/nav-tree.js) loads when the reader needs
 * it — a collapsed entry opened, a "… N more" entry followed, the filter used — and not before.
 * Synthetic APIs (harness/synthetic-schema.ts): one collection of 300 items, and a Proxmox-like
 * nested one of 400 paths; over HTTP, and the nested one also as the offline bundle from file://.
 */
/// <reference lib="dom" />
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { NAV_LIST_LIMIT } from '../../generator/render/nav.js';
import {
  chromiumAvailable,
  fileUrl,
  launchChromium,
  serveDirectory,
  type ChromiumSession,
  type StaticServer,
} from '../../harness/browser.js';
import { syntheticSchema, type SyntheticShape } from '../../harness/synthetic-schema.js';
import { tempDir } from '../helpers/tree.js';

const skip = !chromiumAvailable() && process.env.CI !== 'true';

interface Site {
  out: string;
  model: ApiModel;
}

async function site(dir: string, shape: SyntheticShape, paths: number, offline = false): Promise<Site> {
  const schema = join(dir, `${shape}.js`);
  writeFileSync(schema, syntheticSchema(paths, shape));
  const out = join(dir, `${shape}${offline ? '-offline' : ''}`);
  const { model } = await build({ schema, out, ...(offline ? { offline: true } : {}) }, silentLogger());
  return { out, model };
}

/** What the sidebar shows: its links (visible ones only), the current one, whether the whole tree is in. */
const readTree = (page: Page): Promise<{ visible: string[]; current: string | null; full: boolean; focused: string }> =>
  page.evaluate(() => {
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('#sidebar .nav-tree a'));
    const active = document.activeElement;
    return {
      visible: links.filter((a) => a.checkVisibility()).map((a) => a.textContent ?? ''),
      current: document.querySelector('#sidebar a[aria-current="page"]')?.textContent ?? null,
      full: !!document.querySelector('.nav-tree.nav-full'),
      focused:
        active instanceof HTMLElement
          ? `${active.tagName.toLowerCase()} ${active.getAttribute('aria-label') ?? active.textContent ?? ''}`
          : '',
    };
  });

describe.skipIf(skip)('the path tree of a big API', { timeout: 300_000 }, () => {
  const dir = tempDir('pve-apidoc-nav-');
  let wide: Site;
  let nested: Site;
  let offline: Site;
  let server: StaticServer;
  let browser: ChromiumSession;
  const scripts: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    wide = await site(dir, 'wide', 301);
    nested = await site(dir, 'nested', 400);
    offline = await site(dir, 'nested', 400, true);
    server = await serveDirectory(dir);
    browser = await launchChromium({ viewport: { width: 1366, height: 900 } });
    browser.context.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop() ?? '');
    });
    browser.context.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (s: Site, path: string, javaScript = true): Promise<Page> => {
    const file = s.model.paths.find((p) => p.path === path)?.file;
    if (!file) throw new Error(`no ${path}`);
    const context = javaScript ? browser.context : await browser.context.browser()?.newContext({ javaScriptEnabled: false });
    const page = await (context ?? browser.context).newPage();
    if (!context) await page.route('**/*.js*', (route) => route.abort());
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    scripts.length = 0;
    await page.goto(s === offline ? fileUrl(s.out, file) : `${server.url}${s.out.slice(dir.length + 1)}/${file}`);
    return page;
  };

  it('without JavaScript: a window of a long list around the page, with links to the rest', async () => {
    const page = await open(wide, '/items/item150', false);
    const tree = await readTree(page);
    const more = await page.$$eval('#sidebar .nav-more a', (as) => as.map((a) => [a.textContent, (a as HTMLAnchorElement).href]));
    await page.context().close();
    expect(tree.current).toBe('item150');
    // "/items", the window of its items, and the two "…" entries.
    expect(tree.visible).toHaveLength(1 + NAV_LIST_LIMIT + 2);
    expect(more.map(([text]) => text)).toEqual([`… ${150 - NAV_LIST_LIMIT / 2} before`, `… ${300 - 150 - NAV_LIST_LIMIT / 2} more`]);
    // Both lead to the collection's list of sub-paths.
    expect(more.map(([, href]) => new URL(href ?? '').pathname + new URL(href ?? '').hash)).toEqual([
      '/wide/api/items/index.html#subpaths',
      '/wide/api/items/index.html#subpaths',
    ]);
  });

  it('loads the whole tree only when it is needed: "… more" shows the rest of the list, focus on the first new entry', async () => {
    const page = await open(wide, '/items/item150');
    expect((await readTree(page)).full).toBe(false);
    expect(scripts).not.toContain('nav-tree.js');
    await page.focus('#sidebar .nav-more:last-child a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nav-tree.nav-full');
    const tree = await readTree(page);
    expect(scripts).toContain('nav-tree.js');
    expect(tree.visible).toHaveLength(301);
    expect(tree.current).toBe('item150');
    expect(tree.focused).toBe(`a item${150 + NAV_LIST_LIMIT / 2}`);
    // Still on the same page.
    expect(new URL(page.url()).pathname).toBe('/wide/api/items/item150/index.html');
    await page.close();
  });

  it('opens a collapsed entry by keyboard: the whole tree loads, its sub-paths show, focus stays on its button', async () => {
    const deep = nested.model.paths.find((p) => p.path.split('/').length === 4 && p.children.length > 0)!;
    const page = await open(nested, deep.path);
    const closed = await page.$eval('#sidebar .nav-tree > ul > li > .nav-twisty[aria-expanded="false"]', (b) =>
      b.getAttribute('aria-label'),
    );
    expect(closed).toMatch(/^Sub-paths of \/\w+$/);
    await page.focus(`#sidebar .nav-twisty[aria-label="${closed}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.nav-tree.nav-full');
    const section = closed!.replace('Sub-paths of ', '');
    const state = await page.evaluate((label) => {
      const button = document.querySelector<HTMLButtonElement>(`#sidebar .nav-twisty[aria-label="${label}"]`)!;
      const list = button.parentElement!.querySelector(':scope > ul');
      return {
        expanded: button.getAttribute('aria-expanded'),
        shown: list?.checkVisibility() ?? false,
        focused: document.activeElement === button,
      };
    }, closed);
    expect(state).toEqual({ expanded: 'true', shown: true, focused: true });
    // The page's own way stays open and current; the opened section's first level shows.
    const tree = await readTree(page);
    expect(tree.current).toBe(deep.text);
    const kids = nested.model.paths.filter((p) => p.parent === section).map((p) => p.text);
    for (const kid of kids) expect(tree.visible).toContain(kid);
    // Closing it again by keyboard.
    await page.keyboard.press('Space');
    expect(await page.getAttribute(`#sidebar .nav-twisty[aria-label="${closed}"]`, 'aria-expanded')).toBe('false');
    await page.close();
  });

  it('filters the whole tree and restores the open state when the filter is emptied', async () => {
    const target = nested.model.paths.filter((p) => p.path.endsWith('/journal'))[0]!;
    const page = await open(nested, '/access');
    const before = (await readTree(page)).visible;
    await page.fill('#sidebar .nav-filter input', 'journal');
    await page.waitForSelector('.nav-tree.nav-full');
    const filtered = await readTree(page);
    expect(filtered.visible).toContain('journal');
    expect(
      filtered.visible.every((t) => nested.model.paths.some((p) => p.path.toLowerCase().includes('journal') && p.path.includes(t))),
    ).toBe(true);
    expect(target).toBeDefined();
    await page.fill('#sidebar .nav-filter input', '');
    expect((await readTree(page)).visible).toEqual(before);
    await page.close();
  });

  it('works from file:// (the offline bundle): opening a collapsed entry loads the tree from disk', async () => {
    const deep = offline.model.paths.find((p) => p.path.split('/').length === 4 && p.children.length > 0)!;
    const page = await open(offline, deep.path);
    expect(page.url().startsWith('file://')).toBe(true);
    const closed = await page.$eval('#sidebar .nav-tree > ul > li > .nav-twisty[aria-expanded="false"]', (b) =>
      b.getAttribute('aria-label'),
    );
    await page.click(`#sidebar .nav-twisty[aria-label="${closed}"]`);
    await page.waitForSelector('.nav-tree.nav-full');
    expect(await page.getAttribute(`#sidebar .nav-twisty[aria-label="${closed}"]`, 'aria-expanded')).toBe('true');
    expect((await readTree(page)).current).toBe(deep.text);
    await page.close();
  });

  it('had no script errors and no failed requests', () => {
    expect(problems).toEqual([]);
  });
});
