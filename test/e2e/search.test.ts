/**
 * The search box end to end in real headless Chromium, on the real PVE 9.1 site: served over HTTP
 * (clean URLs) and as the offline bundle opened from disk (file://, explicit index.html links).
 * Types queries, checks the listbox, follows results with the keyboard and the mouse, and checks
 * that the browser lands on the operation's anchor. The file:// run records every request: any
 * that is not file:// fails the test (the offline bundle must not touch the network).
 *
 * Also prints (never asserts) timings: query latency in Chromium and time to first results;
 * sizes (index, JS before search opens) are asserted against the budgets and printed.
 */
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import {
  chromiumAvailable,
  fileUrl,
  launchChromium,
  serveDirectory,
  type ChromiumSession,
  type StaticServer,
} from '../../harness/browser.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const SCHEMA = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');
const START_VM = 'POST /nodes/{node}/qemu/{vmid}/status/start';
const SNAPSHOT_CT = 'POST /nodes/{node}/lxc/{vmid}/snapshot';
const ONBOOT = 'PUT /nodes/{node}/qemu/{vmid}/config — onboot';

/** Where the target of the URL's fragment sits, against the sticky header and the viewport. */
async function targetBox(page: Page): Promise<{ id: string; top: number; bottom: number; header: number; viewport: number; name: string }> {
  return page.evaluate(() => {
    const target = document.querySelector(':target');
    const header = document.querySelector('.site-header');
    const box = target?.getBoundingClientRect();
    return {
      id: target?.id ?? '',
      top: box?.top ?? Number.NaN,
      bottom: box?.bottom ?? Number.NaN,
      header: header?.getBoundingClientRect().bottom ?? Number.NaN,
      viewport: window.innerHeight,
      name: target?.querySelector('td.name code, .param-head code.ident, code.ident')?.textContent ?? '',
    };
  });
}

/** Chooses the option `op` (of a top-3 result) with the arrow keys and Enter; returns where it landed. */
async function followWithKeyboard(page: Page, results: Option[], op: string, url: string): Promise<Awaited<ReturnType<typeof targetBox>>> {
  const rank = results.findIndex((o) => o.op === op);
  expect(rank, results.map((o) => o.op).join('\n')).toBeGreaterThanOrEqual(0);
  expect(results[rank]?.result).toBeLessThan(3);
  for (let i = 0; i <= rank; i++) await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => document.querySelector(':target') !== null);
  return targetBox(page);
}
// In CI Chromium is installed by .ci/run and the suite must run; elsewhere it may be skipped.
const skip = !chromiumAvailable() && process.env.CI !== 'true';

interface Option {
  id: string;
  /** "METHOD /path" of an operation's option, "METHOD /path — param" of a parameter row listed under it. */
  op: string;
  /** The index of its result (its operation) in the list, -1 for "Show all". */
  result: number;
  selected: string | null;
  role: string | null;
  href: string;
  summary: string;
}

async function options(page: Page): Promise<Option[]> {
  return page.$$eval('#search-results [role="option"]', (els) =>
    els.map((el) => ({
      id: el.id,
      op: (el as HTMLElement).dataset['hit'] ?? '',
      result: [...document.querySelectorAll('#search-results [role="group"]')].findIndex((g) => g.contains(el)),
      selected: el.getAttribute('aria-selected'),
      role: el.getAttribute('role'),
      href: (el as HTMLAnchorElement).href,
      summary: el.querySelector('.summary')?.textContent ?? '',
    })),
  );
}

/** Types like a user (key by key) into the search box and waits for the listbox to show results. */
async function search(page: Page, text: string): Promise<Option[]> {
  const input = page.locator('#search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(text);
  await page.waitForFunction((q) => {
    const input = document.getElementById('search-input') as HTMLInputElement;
    const list = document.getElementById('search-results');
    return (
      input.value === q &&
      input.getAttribute('aria-expanded') === 'true' &&
      !!list &&
      !list.hidden &&
      list.querySelector('[role="option"]') !== null
    );
  }, text);
  return options(page);
}

/** Script errors, console errors and warnings (CSP violations among them), failed responses. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is reported below with its URL; the browser's own favicon probe is no page error.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return errors;
}

describe.skipIf(skip)('search in Chromium (PVE 9.1)', () => {
  let hosted = '';
  let offline = '';
  let browser: ChromiumSession;
  let server: StaticServer;

  beforeAll(async () => {
    const dir = tempDir('pve-apidoc-e2e-search-');
    hosted = join(dir, 'hosted');
    offline = join(dir, 'offline');
    // Hosted at the server's root (--base-url /): clean folder URLs, as a published site has.
    await build({ schema: SCHEMA, out: hosted, baseUrl: '/' }, silentLogger());
    await build({ schema: SCHEMA, out: offline, offline: true }, silentLogger());
    browser = await launchChromium();
    server = await serveDirectory(hosted);
  });

  afterAll(async () => {
    await server?.close();
    await browser?.close();
    if (hosted) await rm(join(hosted, '..'), { recursive: true, force: true });
  });

  it('stays within the size budgets (index ≤ 150 KB gzipped, JS before search ≤ 10 KB gzipped)', () => {
    const gz = (file: string): number => gzipSync(readFileSync(join(hosted, file)), { level: 9 }).length;
    const raw = (file: string): number => readFileSync(join(hosted, file)).length;
    const sizes = {
      'search-index.js raw': raw('assets/search-index.js'),
      'search-index.js gzip': gz('assets/search-index.js'),
      'main.js gzip (JS before search opens)': gz('assets/main.js'),
      'search.js gzip (UI + MiniSearch, lazy)': gz('assets/search.js'),
    };
    console.log('[search sizes, bytes]', JSON.stringify(sizes, null, 2));
    expect(sizes['search-index.js gzip']).toBeLessThanOrEqual(150 * 1024);
    expect(sizes['main.js gzip (JS before search opens)']).toBeLessThanOrEqual(10 * 1024);
  });

  it('over HTTP: lazy load, "start vm" in the top 3, arrows + Enter land on the anchor', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(server.url + 'api/nodes/_node/qemu/');
    await page.waitForLoadState('load');
    // Before search is used, only the page script is loaded (the whole path tree loads when the tree needs it).
    expect(scripts.sort()).toEqual(['/assets/main.js']);

    // "/" focuses the box; loading starts on focus.
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    const started = Date.now();
    const results = await search(page, 'start vm');
    console.log(`[search] HTTP: focus to first results (incl. typing 8 keys) ${Date.now() - started} ms`);
    expect(scripts.sort()).toEqual(['/assets/main.js', '/assets/search-index.js', '/assets/search.js']);

    const rank = results.findIndex((o) => o.op === START_VM);
    expect(rank, results.map((o) => o.op).join('\n')).toBeGreaterThanOrEqual(0);
    expect(results[rank]?.result).toBeLessThan(3);
    expect(await page.getAttribute('#search-results', 'role')).toBe('listbox');
    expect(results.every((o) => o.role === 'option' && o.selected === 'false')).toBe(true);
    expect(results[rank]?.summary).toBe('Start virtual machine.');
    expect(results[rank]?.href).toBe(server.url + 'api/nodes/_node/qemu/_vmid/status/start/#post');

    for (let i = 0; i <= rank; i++) await page.keyboard.press('ArrowDown');
    const after = await options(page);
    expect(after[rank]?.selected).toBe('true');
    expect(after.filter((o) => o.selected === 'true')).toHaveLength(1);
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe(after[rank]?.id);

    await Promise.all([page.waitForURL('**/api/nodes/_node/qemu/_vmid/status/start/#post'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/api/nodes/_node/qemu/_vmid/status/start/');
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('post');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('over HTTP: click a result; Escape closes; Ctrl-K focuses; the form works without results', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    const results = await search(page, 'create snapshot container');
    const target = results.find((o) => o.op === SNAPSHOT_CT);
    expect(results.filter((o) => o.result < 3).map((o) => o.op)).toContain(SNAPSHOT_CT);
    await Promise.all([page.waitForURL('**/api/nodes/_node/lxc/_vmid/snapshot/#post'), page.click(`#${target?.id ?? 'missing'}`)]);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('post');

    await search(page, 'firewall');
    await page.keyboard.press('Escape');
    expect(await page.getAttribute('#search-input', 'aria-expanded')).toBe('false');
    expect(await page.isHidden('#search-results')).toBe(true);

    await page.locator('main').click();
    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');

    // Nothing matches: Enter submits the form to the all-operations page.
    const input = page.locator('#search-input');
    await input.fill('');
    await input.pressSequentially('zzqqxx');
    await page.waitForSelector('#search-results .empty');
    await Promise.all([page.waitForURL('**/operations/?q=zzqqxx'), page.keyboard.press('Enter')]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("over HTTP: an operation found by the interface's name for it shows that name, the matched words marked", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    await search(page, 'which users are logged in to the guest');
    const users = await page.$$eval('#search-results [role="option"]', (els) =>
      els
        .filter((el) => el.querySelector('code')?.textContent === '/nodes/{node}/qemu/{vmid}/agent/get-users')
        .map((el) => ({
          label: el.querySelector('.label')?.textContent ?? '',
          marked: [...el.querySelectorAll('.label mark')].map((m) => m.textContent),
          why: el.querySelector('.why')?.textContent ?? '',
        })),
    );
    expect(users[0]?.label).toMatch(/logged in/);
    expect(users[0]?.marked).toContain('logged');
    // The label said it: no "matches logged" line as well.
    expect(users[0]?.why).not.toMatch(/logged/);
    // Synonyms are marked where written ("VMs" for a qemu match), and "matches …" names the word typed, not the index's.
    await search(page, 'backup a single vm now');
    const whyLines = await page.$$eval('#search-results .why', (els) => els.map((el) => el.textContent ?? ''));
    expect(whyLines.some((w) => /\bvm\b/.test(w))).toBe(true);
    expect(whyLines.filter((w) => w.includes('qemu'))).toEqual([]);
    const vzdump = await page.$$eval('#search-results [role="option"]', (els) =>
      els
        .filter((el) => !el.querySelector('.param') && el.querySelector('code')?.textContent === '/nodes/{node}/vzdump')
        .map((el) => [...el.querySelectorAll('.label mark')].map((m) => m.textContent)),
    );
    expect(vzdump[0]).toContain('VMs');
    // A hit whose own lines show every matched word gets no label line.
    await search(page, 'rollback');
    const rollback = await page.$$eval('#search-results [role="option"]', (els) =>
      els
        .filter(
          (el) =>
            !el.querySelector('.param') &&
            el.querySelector('code')?.textContent === '/nodes/{node}/qemu/{vmid}/snapshot/{snapname}/rollback',
        )
        .map((el) => el.querySelector('.label')),
    );
    expect(rollback).toEqual([null]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('from file:// (offline bundle): results, Enter lands on the anchor, no request leaves file://', async () => {
    const requests: string[] = [];
    const onRequest = (r: { url(): string }): void => {
      requests.push(r.url());
    };
    browser.context.on('request', onRequest);
    try {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(fileUrl(offline, 'api/nodes/_node/qemu/index.html'));
      const results = await search(page, 'start vm');
      const rank = results.findIndex((o) => o.op === START_VM);
      expect(rank).toBeGreaterThanOrEqual(0);
      expect(results[rank]?.result).toBeLessThan(3);
      const expected = fileUrl(offline, 'api/nodes/_node/qemu/_vmid/status/start/index.html') + '#post';
      expect(results[rank]?.href).toBe(expected);
      for (let i = 0; i <= rank; i++) await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(expected), page.keyboard.press('Enter')]);
      expect(page.url()).toBe(expected);
      expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('post');

      // From the root page too (data-root "./"), following a result with the mouse.
      await page.goto(fileUrl(offline, 'index.html'));
      const fromRoot = await search(page, 'create snapshot container');
      const target = fromRoot.find((o) => o.op === SNAPSHOT_CT);
      expect(target?.href).toBe(fileUrl(offline, 'api/nodes/_node/lxc/_vmid/snapshot/index.html') + '#post');
      await Promise.all([page.waitForURL(target?.href ?? ''), page.click(`#${target?.id ?? 'missing'}`)]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      browser.context.off('request', onRequest);
    }
    const outside = requests.filter((u) => !u.startsWith('file://'));
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.includes('/assets/search-index.js'))).toBe(true);
    expect(requests.some((u) => u.includes('/assets/search.js'))).toBe(true);
  });

  for (const viewport of [
    { width: 1366, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`over HTTP at ${viewport.width}px: a parameter hit says why, lands on its row, below the sticky header`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      const errors = watchErrors(page);
      await page.goto(server.url + 'api/nodes/_node/qemu/');
      const results = await search(page, 'vm onboot');
      const hit = results.find((o) => o.op === ONBOOT);
      expect(hit?.href).toBe(server.url + 'api/nodes/_node/qemu/_vmid/config/#put-onboot');
      // Why it matched: the parameter's name is marked.
      const marks = await page.$$eval(`#${hit?.id ?? 'missing'} mark`, (els) => els.map((e) => e.textContent));
      expect(marks).toContain('onboot');
      const box = await followWithKeyboard(page, results, ONBOOT, '**/api/nodes/_node/qemu/_vmid/config/#put-onboot');
      expect(box.id).toBe('put-onboot');
      expect(box.name).toBe('onboot');
      expect(box.top, JSON.stringify(box)).toBeGreaterThanOrEqual(box.header);
      expect(box.bottom, JSON.stringify(box)).toBeLessThanOrEqual(box.viewport);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('from file://: a parameter hit lands on its row, below the sticky header', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(fileUrl(offline, 'index.html'));
    const results = await search(page, 'vm onboot');
    const expected = fileUrl(offline, 'api/nodes/_node/qemu/_vmid/config/index.html') + '#put-onboot';
    expect(results.find((o) => o.op === ONBOOT)?.href).toBe(expected);
    const box = await followWithKeyboard(page, results, ONBOOT, expected);
    expect(box.id).toBe('put-onboot');
    expect(box.top, JSON.stringify(box)).toBeGreaterThanOrEqual(box.header);
    expect(box.bottom, JSON.stringify(box)).toBeLessThanOrEqual(box.viewport);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('more than 10 on demand: "Show all" and the Search button list every match; arrows still work', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    const first = await search(page, 'firewall rules');
    // Ten results, one operation each (their matching parameter rows inside), then "Show all".
    expect(new Set(first.filter((o) => o.result >= 0).map((o) => o.result)).size).toBe(10);
    const ops = first.filter((o) => !o.op.includes(' — ') && o.result >= 0).map((o) => o.op);
    expect(new Set(ops).size).toBe(ops.length);
    const more = first[first.length - 1];
    expect(more?.id).toBe('search-option-all');
    const total = Number(/Show all (\d+) results/.exec((await page.textContent('#search-option-all')) ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    // ArrowUp from nothing selected wraps to the last option: "Show all"; Enter lists everything.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results [role="group"]').length === n, total);
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe('search-option-10');
    const next = await page.$$eval(
      '#search-results [role="option"]',
      (els) => els[els.findIndex((e) => e.id === 'search-option-10') + 1]?.id,
    );
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe(next);

    // The Search button: the full list in place, the page stays.
    await page.keyboard.press('Escape');
    const url = page.url();
    await page.click('.search-submit');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results [role="group"]').length === n, total);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    // Enter on the box with the list open and nothing chosen opens the best result.
    const best = (await options(page))[0];
    await Promise.all([page.waitForURL(best?.href ?? ''), page.keyboard.press('Enter')]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('one result per operation: parameter rows inside it link to their rows; code spans, never raw backticks', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url);
    const results = await search(page, 'from address mail');
    const ops = results.filter((o) => !o.op.includes(' — ')).map((o) => o.op);
    expect(new Set(ops).size).toBe(ops.length);
    const row = results.find((o) => o.op === 'POST /cluster/notifications/endpoints/smtp — from-address');
    expect(row?.href).toBe(server.url + 'api/cluster/notifications/endpoints/smtp/#post-from-address');
    // The row sits inside its operation's result, after the operation's own option.
    const header = results.find((o) => o.op === 'POST /cluster/notifications/endpoints/smtp');
    expect(header?.result).toBe(row?.result);
    expect(header?.href).toBe(server.url + 'api/cluster/notifications/endpoints/smtp/#post');
    const text = (await page.textContent('#search-results')) ?? '';
    expect(text).not.toContain('`');
    expect(await page.$$eval(`#${row?.id ?? 'missing'} .summary code`, (els) => els.map((e) => e.textContent))).toEqual(['From']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Enter before the index has loaded: the query is kept and its matches listed once it has', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = 0;
    await page.route('**/assets/search-index.js*', async (route) => {
      held++;
      await gate;
      await route.continue();
    });
    await page.goto(server.url);
    const url = page.url();
    const input = page.locator('#search-input');
    await input.click();
    await input.pressSequentially('add a user');
    await page.keyboard.press('Enter');
    // The index is still held back: the page stays, the box keeps what was typed.
    // A frame later: a submit would have started navigating away by now (and this evaluate would fail).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(held).toBe(1);
    expect(page.url()).toBe(url);
    expect(await input.inputValue()).toBe('add a user');
    release();
    await page.waitForSelector('#search-results .count');
    expect(page.url()).toBe(url);
    const first = (await options(page))[0];
    expect(first?.op).toBe('POST /access/users');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('operations/?q= runs the search it names, over HTTP and from file://', async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + 'operations/?q=backup+vm');
    await page.waitForSelector('#search-results .count');
    expect(await page.inputValue('#search-input')).toBe('backup vm');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    const hosted = await options(page);
    expect(hosted.filter((o) => o.result < 3).map((o) => o.op)).toContain('POST /nodes/{node}/vzdump');

    await page.goto(`${fileUrl(offline, 'operations/index.html')}?q=list%20nodes`);
    await page.waitForSelector('#search-results .count');
    expect(await page.inputValue('#search-input')).toBe('list nodes');
    const offlineResults = await options(page);
    const nodes = offlineResults.find((o) => o.op === 'GET /nodes');
    expect(nodes?.result).toBe(0);
    expect(nodes?.href).toBe(`${fileUrl(offline, 'api/nodes/index.html')}#get`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without JavaScript: operations/?q= is the all-operations page and says it is the full list', async () => {
    const page = await browser.context.newPage();
    // No script runs: every script request fails, as with JavaScript off.
    await page.route('**/*.js*', (route) => route.abort());
    await page.goto(server.url + 'operations/?q=start+vm');
    const note = (await page.textContent('.search-fallback')) ?? '';
    expect(note).toMatch(/^This is the full list of all \d+ operations\./);
    expect(await page.$$eval('.op-list li', (els) => els.length)).toBeGreaterThan(600);
    expect(await page.getAttribute('#search-input', 'data-search-ready')).toBeNull();
    await page.close();
  });
});
