/**
 * Site quality gates on the full PVE 9.1 reference, built once: zero broken internal links and
 * anchors, zero html-validate errors on every page, zero serious/critical axe-core violations in
 * Chromium on the key pages (with the search open too), and keyboard-only navigation that reaches
 * every control of a path page in order without a trap.
 */
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import axeCore from 'axe-core';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import type { BuildResult } from '../../generator/build-result.js';
import { silentLogger } from '../../generator/log.js';
import { launchChromium, serveDirectory, type ChromiumSession, type StaticServer } from '../../harness/browser.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';
import { HTML_VALIDATE_CONFIG } from './htmlvalidate.config.js';
import { checkLinks } from './links.js';
import { sweep } from '../helpers/tiers.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script> would be blocked).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeCore.source);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run;
    return run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (violations: AxeViolation[]): string[] =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${JSON.stringify(v.nodes[0]?.target)})`);

describe('quality gates on the PVE 9.1 site', () => {
  const dir = tempDir('pve-apidoc-gates-');
  const out = join(dir, 'site');
  let result: BuildResult;
  let server: StaticServer;
  let browser: ChromiumSession;
  let pages: string[] = [];

  beforeAll(async () => {
    result = await build({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), out }, silentLogger());
    pages = listFiles(out).filter((f) => f.endsWith('.html'));
    server = await serveDirectory(out);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no broken internal link or anchor (pages, fragments, manifest)', () => {
    const report = checkLinks(out);
    expect(report.broken).toEqual([]);
    expect(report.pages).toBe(pages.length);
    expect(report.pages).toBeGreaterThanOrEqual(result.model.stats.paths + 4);
    // Every page links somewhere and many links carry fragments (method and parameter anchors, privileges).
    // (PVE 9.1: 14 104 internal links, 7 153 of them with a fragment.)
    expect(report.links).toBeGreaterThan(12_000);
    expect(report.fragments).toBeGreaterThan(6_000);
  });

  it('has zero html-validate errors on every page', async () => {
    const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
    const errors: string[] = [];
    // Every page in CI; a fixed sample locally (see sweep()).
    for (const file of sweep(pages, 6)) {
      const report = await validator.validateString(readFileSync(join(out, file), 'utf8'), file);
      for (const r of report.results) for (const m of r.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(errors.slice(0, 50)).toEqual([]);
  }, 120_000);

  const largestPathPage = (): string =>
    pages.filter((f) => f.startsWith('api/')).reduce((a, b) => (statSync(join(out, a)).size >= statSync(join(out, b)).size ? a : b));

  it.each([
    ['the index', () => ''],
    ['the largest path page', () => largestPathPage().replace(/index\.html$/, '')],
    ['the auth guide', () => 'auth/'],
    ['the privileges index', () => 'privileges/'],
  ])(
    'axe: no serious or critical violations on %s',
    async (_name, target) => {
      const page = await browser.context.newPage();
      await page.goto(server.url + target(), { waitUntil: 'load' });
      const violations = await axe(page);
      await page.close();
      expect(describeViolations(violations)).toEqual([]);
    },
    120_000,
  );

  it('axe: no serious or critical violations in the dark color scheme (index and a path page)', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    const violations: AxeViolation[] = [];
    for (const target of ['', 'api/nodes/_node/qemu/_vmid/status/start/']) {
      await page.goto(server.url + target, { waitUntil: 'load' });
      violations.push(...(await axe(page)));
    }
    await page.close();
    expect(describeViolations(violations)).toEqual([]);
  }, 60_000);

  it('axe: no serious or critical violations with the search box focused and its results open', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + 'api/nodes/_node/qemu/_vmid/status/start/', { waitUntil: 'load' });
    const input = page.locator('#search-input');
    await input.focus();
    const focused = await axe(page);
    await input.pressSequentially('start vm', { delay: 10 });
    const results = page.locator('#search-results');
    await results.locator('[role="option"]').first().waitFor({ state: 'visible', timeout: 10_000 });
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const open = await axe(page);
    await page.close();
    expect([...describeViolations(focused), ...describeViolations(open)]).toEqual([]);
  }, 60_000);

  it('keyboard: Tab reaches every control of a path page in document order, visibly, without a trap', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url + 'api/nodes/_node/qemu/_vmid/status/start/', { waitUntil: 'load' });
    // The copy buttons are added by the page script: wait for them, they are controls too.
    await page.locator('button.copy').first().waitFor({ state: 'attached', timeout: 10_000 });
    const describe = `(el) => el ? [el.id ? '#' + el.id : '', el.tagName.toLowerCase(), el.getAttribute('href') || '', (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)].filter(Boolean).join(' ') : 'none'`;
    const expected = (await page.evaluate(`(() => {
      const d = ${describe};
      const all = Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]'));
      return all.filter((el) => {
        if (el.disabled || el.closest('[hidden]') || el.getAttribute('tabindex') === '-1') return false;
        // Content of a closed <details> (other than its own summary) is not rendered, so not tabbable.
        for (let d = el.closest('details'); d; d = d.parentElement ? d.parentElement.closest('details') : null) {
          const ownSummary = d.querySelector(':scope > summary');
          if (!d.open && !(ownSummary && ownSummary.contains(el))) return false;
        }
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none' && (box.width > 0 || box.height > 0);
      }).map(d);
    })()`)) as string[];
    expect(expected.length).toBeGreaterThan(20);
    // Every kind of control is in the list: the skip link, the search input and its button, copy buttons, anchors.
    expect(expected[0]).toBe('a #main Skip to content');
    expect(expected.filter((e) => e.startsWith('#search-input input'))).toHaveLength(1);
    expect(expected.filter((e) => /^button .*Search/.test(e))).toHaveLength(1);
    expect(expected.filter((e) => e.includes('Copy this example')).length).toBeGreaterThan(0);
    expect(expected.filter((e) => e.startsWith('a #')).length).toBeGreaterThan(5);
    expect(await page.evaluate(`Array.from(document.querySelectorAll('[tabindex]')).filter((el) => el.tabIndex > 0).length`)).toBe(0);
    const reached: string[] = [];
    const invisible: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press('Tab');
      const state = (await page.evaluate(`(() => {
        const el = document.activeElement;
        const s = el ? getComputedStyle(el) : null;
        const visible = !!s && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none');
        return { name: (${describe})(el === document.body ? null : el), visible };
      })()`)) as { name: string; visible: boolean };
      reached.push(state.name);
      if (!state.visible) invisible.push(state.name);
    }
    // Past the last control focus leaves the page (or wraps to the first): nothing holds it.
    await page.keyboard.press('Tab');
    const after = (await page.evaluate(
      `(${describe})(document.activeElement === document.body ? null : document.activeElement)`,
    )) as string;
    await page.close();
    expect(reached).toEqual(expected);
    expect(invisible).toEqual([]);
    expect(after === 'none' || after === expected[0]).toBe(true);
  }, 120_000);
});
