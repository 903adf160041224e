/**
 * The --try-it console end to end in headless Chromium over 127.0.0.1: a --try-it build of the
 * example API, served by the CLI's `pve-apidoc serve` in front of the built-in mock. A GET sent
 * from the form shows its response; a bad value is stopped by the in-browser checker before
 * anything is sent; a POST needs the per-session switch and then the confirmation; an empty path
 * parameter is named before anything is checked or sent; the console sits outside the sticky
 * examples column with its error line whole; and afterwards the token is in no localStorage, no
 * URL the browser requested, and no line the server logged.
 */
/// <reference lib="dom" />
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { type ChromiumSession, chromiumAvailable, launchChromium } from '../../harness/browser.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const skip = !chromiumAvailable() && process.env.CI !== 'true';
const TOKEN = 'root@pam!e2e=0c0ffee0-dead-beef-cafe-123456789abc';
const SECRET = '0c0ffee0-dead-beef-cafe-123456789abc';

let serve: ChildProcess;
let serverLog = '';
let base = '';
let browser: ChromiumSession;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  if (skip) return;
  const out = join(tempDir(), 'site');
  await build({ schema: join(REPO_ROOT, 'schema', 'example-api.json'), out, tryIt: true }, silentLogger());
  serve = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'pve-apidoc.js'), 'serve', '--out', out, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer): void => {
    serverLog += chunk.toString();
  };
  serve.stdout!.on('data', onData);
  serve.stderr!.on('data', onData);
  base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(serverLog);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}: ${serverLog}`)));
  });
  browser = await launchChromium({ viewport: { width: 1366, height: 900 } });
  page = await browser.context.newPage();
  page.on('request', (r) => requested.push(r.url()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  serve?.kill('SIGTERM');
});

async function openConsole(method: string): Promise<ReturnType<Page['locator']>> {
  const block = page.locator(`.try-it[data-method="${method}"]`);
  await block.locator('.try-it-open').click();
  await block.locator('.try-it-console').waitFor();
  return block;
}

describe.skipIf(skip)('--try-it console', () => {
  it('announces loopback, and plain pages keep connect-src none', () => {
    expect(serverLog).toMatch(/loopback only/);
    expect(serverLog).toMatch(/answered by the mock/);
  });

  it('sends a GET from the form and shows status, time, JSON and the schema check', async () => {
    await page.goto(`${base}api/nodes/_node/vms/`);
    const get = await openConsole('GET');
    await get.locator('.try-it-token').fill(TOKEN);
    await get.locator('.try-it-token').dispatchEvent('change');
    await get.locator('#try-get-node').fill('pve1');
    await get.locator('.try-it-send').click();
    await get.locator('.try-it-code').waitFor();
    expect(await get.locator('.try-it-code').textContent()).toBe('200 OK');
    expect(await get.locator('.try-it-result').textContent()).toMatch(/in \d+ ms/);
    const body = JSON.parse((await get.locator('.try-it-body').textContent()) ?? '') as { data: unknown };
    expect(Array.isArray(body.data)).toBe(true);
    expect(await get.locator('.try-it-fidelity').textContent()).toMatch(/fits the returns schema|does not describe/);
    await page.screenshot({ path: join(tempDir(), 'try-it-get.png') });
  });

  it('stops a bad value before sending, and a POST needs the switch and the confirmation', async () => {
    const post = await openConsole('POST');
    const send = post.locator('.try-it-send');
    expect(await send.isDisabled()).toBe(true);
    await post.locator('.try-it-writes').check();
    expect(await send.isDisabled()).toBe(false);
    await post.locator('#try-post-node').fill('pve1');
    await post.locator('#try-post-vmid').fill('5');
    const before = serverLog;
    await send.click();
    await post.locator('.try-it-errors li').waitFor();
    expect(await post.locator('.try-it-errors').textContent()).toMatch(
      /Not sent: Parameter verification failed\.vmid: value must have a minimum value of 100/,
    );
    expect(serverLog).toBe(before);
    await post.locator('#try-post-vmid').fill('100');
    await send.click();
    const dialog = page.locator('dialog.try-it-confirm');
    await dialog.waitFor();
    const shown = (await dialog.locator('pre').textContent()) ?? '';
    expect(shown).toMatch(/^POST \/api2\/json\/nodes\/pve1\/vms\n/);
    expect(shown).toMatch(/\n\nvmid=100$/);
    expect(shown).not.toContain(SECRET);
    await page.screenshot({ path: join(tempDir(), 'try-it-confirm.png') });
    expect(serverLog).toBe(before);
    await dialog.locator('.try-it-confirm-send').click();
    await post.locator('.try-it-code').waitFor();
    expect(await post.locator('.try-it-code').textContent()).toBe('200 OK');
    expect(serverLog).toMatch(/POST \/api2\/json\/nodes\/pve1\/vms 200/);
  });

  it('names an empty path parameter instead of sending a call with "//" in its path', async () => {
    const post = page.locator('.try-it[data-method="POST"]');
    await post.locator('#try-post-node').fill('');
    await post.locator('#try-post-vmid').fill('100');
    const before = serverLog;
    await post.locator('.try-it-send').click();
    await post.locator('.try-it-errors p').waitFor();
    expect(await post.locator('.try-it-errors').textContent()).toBe('Not sent: node is required.');
    expect(await post.locator('.try-it-row:has(#try-post-node) .try-it-field-error').textContent()).toMatch(/^Required/);
    expect(await page.locator('dialog.try-it-confirm').count()).toBe(0);
    expect(serverLog).toBe(before);
  });

  it('shows the console outside the sticky examples column, its error line whole at 1366 px', async () => {
    const post = page.locator('.try-it[data-method="POST"]');
    await post.locator('.try-it-errors p').scrollIntoViewIfNeeded();
    const layout = await post.evaluate((block) => {
      const line = block.querySelector<HTMLElement>('.try-it-errors p')!;
      const box = line.getBoundingClientRect();
      const input = block.querySelector<HTMLElement>('#try-post-vmid')!.getBoundingClientRect();
      // Any ancestor that clips (overflow other than visible) must hold the whole line.
      const clipped: string[] = [];
      for (let el = line.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const r = el.getBoundingClientRect();
        if (box.left < r.left || box.right > r.right || box.top < r.top || box.bottom > r.bottom) clipped.push(el.className || el.tagName);
      }
      return {
        inSide: block.closest('.op-side') !== null,
        clipped,
        overflow: line.scrollWidth - line.clientWidth,
        inView: box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
        inputWidth: input.width,
      };
    });
    expect(layout.inSide).toBe(false);
    expect(layout.clipped).toEqual([]);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.inView).toBe(true);
    // Wide enough for a placeholder such as "<integer> (100 - 999999999)" (it was ~130 px).
    expect(layout.inputWidth).toBeGreaterThan(300);
  });

  it('leaves the token in no localStorage, URL or log line', async () => {
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(local).not.toContain(SECRET);
    expect(await page.evaluate(() => sessionStorage.getItem('pve-apidoc.token'))).toBe(TOKEN);
    expect(requested.some((u) => u.includes('/api2/json/'))).toBe(true);
    for (const url of [...requested, page.url()]) expect(url).not.toContain(SECRET);
    expect(serverLog).not.toContain(SECRET);
    expect(serverLog).not.toContain('PVEAPIToken');
  });
});
