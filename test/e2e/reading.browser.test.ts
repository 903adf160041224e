/**
 * The reading experience of the PVE 9.1 site in Chromium (issue #13, "Done means"):
 * - every page has the path tree (its own branch; the whole tree loads when the filter is used), with its own
 *   entry current and visible, and every page's whole tree reaches every path page;
 * - the config page's first view (what folds by default folded) is at most 20,000 px tall at 1366x900,
 *   every parameter of every method has a visible on-page link, and window.find finds text inside folded
 *   parameters and leaves it visible;
 * - no page scrolls sideways at 360 or 390 px;
 * - no method anchor and none of 200 sampled parameter anchors lands under the sticky header, at 1366 and 390 px;
 * - example tabs remember the last choice; a deep link opens the folded parameter;
 * - (issue #28) every folded row of PUT config shows its type and first sentence and the filter
 *   matches both; no example code block on the qemu create and config pages scrolls sideways at
 *   1366 px, and each copies as the generated example.
 * The per-page pass covers all 440 pages in CI (CI=true) and a fixed sample locally (tiers.ts sweep()).
 */
/// <reference lib="dom" />
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { operationDoc } from '../../generator/document/operation.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { chromiumAvailable, launchChromium, serveDirectory, type ChromiumSession, type StaticServer } from '../../harness/browser.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { sweep } from '../helpers/tiers.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const skip = !chromiumAvailable() && process.env.CI !== 'true';
const CONFIG = '/nodes/{node}/qemu/{vmid}/config';

/** URL path of a page as this build links it: without --base-url links name index.html, so they work from disk. */
const urlOf = (file: string): string => `/${file}`;

describe.skipIf(skip)('reading the PVE 9.1 site', { timeout: 2_400_000 }, () => {
  const dir = tempDir('pve-apidoc-reading-');
  const out = join(dir, 'site');
  let model: ApiModel;
  let pages: string[];
  let server: StaticServer;
  let browser: ChromiumSession;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    model = (await build({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js'), out }, silentLogger())).model;
    pages = listFiles(out)
      .map((f) => f.split('\\').join('/'))
      .filter((f) => f.endsWith('.html'));
    server = await serveDirectory(out);
    browser = await launchChromium({ viewport: { width: 1366, height: 900 } });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (file: string, hash = ''): Promise<void> => {
    await page.goto(server.url + urlOf(file).slice(1) + hash);
  };

  /** Waits until layout, ResizeObserver callbacks and the resulting style changes have run. */
  const settle = (): Promise<void> =>
    page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

  /** After navigating to #id within the loaded page: how many px of the target hide under the sticky header (0 = none). */
  const coveredInPage = async (id: string): Promise<number> => {
    await page.evaluate((h) => {
      // Clear the fragment first, so that the same id at another width is a navigation again.
      window.history.replaceState(null, '', window.location.pathname);
      window.scrollTo(0, 0);
      window.location.hash = h;
    }, id);
    return coveredNow(id);
  };

  const coveredNow = (id: string): Promise<number> =>
    page.evaluate((target) => {
      const el = document.getElementById(target);
      if (!el) return Number.POSITIVE_INFINITY;
      const header = document.querySelector('.site-header')!.getBoundingClientRect().bottom;
      return Math.max(0, Math.ceil(header - el.getBoundingClientRect().top));
    }, id);

  /**
   * One pass over all pages (one load each, as the machine is shared): at 1366x900 the tree and
   * every method anchor; at 390x844 the overflow and every method anchor; at 360 the overflow.
   */
  const findings = {
    tree: [] as string[],
    wide360: [] as string[],
    wide390: [] as string[],
    anchors1366: [] as string[],
    anchors390: [] as string[],
  };
  let passing: Promise<void> | null = null;
  // Every test of the pass awaits the same run, so none reads half-collected findings.
  const pass = (): Promise<void> => (passing ??= runPass());
  const runPass = async (): Promise<void> => {
    const pathPages = new Set(model.paths.map((p) => urlOf(p.file)));
    const byFile = new Map(model.paths.map((p) => [p.file, p]));
    // Every page in CI; locally every 8th and the pages the other tests look at (see sweep()).
    const checked = new Set([...sweep(pages, 8), 'index.html', ...model.paths.filter((p) => p.path === CONFIG).map((p) => p.file)]);
    for (const file of pages.filter((f) => checked.has(f))) {
      await page.setViewportSize({ width: 1366, height: 900 });
      await open(file);
      const readTree = (): Promise<{ hrefs: string[]; current: string[]; visible: number; full: boolean }> =>
        page.evaluate(() => {
          const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('#sidebar .nav-tree a'));
          const current = links.filter((a) => a.getAttribute('aria-current') === 'page');
          return {
            hrefs: links.map((a) => new URL(a.href).pathname),
            current: current.map((a) => new URL(a.href).pathname),
            visible: current.filter((a) => a.checkVisibility()).length,
            full: !!document.querySelector('.nav-tree.nav-full'),
          };
        });
      const checkCurrent = (tree: { current: string[]; visible: number }, when: string): void => {
        if (!pathPages.has(urlOf(file))) return;
        if (tree.current.length !== 1 || tree.current[0] !== urlOf(file))
          findings.tree.push(`${file} (${when}): current ${JSON.stringify(tree.current)}`);
        if (tree.visible !== 1) findings.tree.push(`${file} (${when}): current entry not visible (ancestors closed)`);
      };
      // On load: the page's own branch, the whole tree not loaded (it loads on demand).
      const branch = await readTree();
      if (branch.full) findings.tree.push(`${file}: whole tree loaded before it was needed`);
      checkCurrent(branch, 'branch');
      // The filter loads the whole tree; "/" matches every path, so every entry shows.
      await page.fill('#sidebar .nav-filter input', '/');
      await page.waitForSelector('.nav-tree.nav-full', { timeout: 15_000 }).catch(() => null);
      const tree = await readTree();
      if (!tree.full) findings.tree.push(`${file}: whole tree not rendered`);
      const missing = [...pathPages].filter((p) => !tree.hrefs.includes(p));
      if (missing.length) findings.tree.push(`${file}: tree lacks ${missing.length} pages, e.g. ${missing[0]}`);
      checkCurrent(tree, 'whole tree');
      // Emptying the box restores the open state from before: the page's way open again.
      await page.fill('#sidebar .nav-filter input', '');
      checkCurrent(await readTree(), 'filter emptied');
      const apiPath = byFile.get(file);
      for (const op of apiPath?.operations ?? []) {
        const hidden = await coveredInPage(op.anchor);
        if (hidden > 0) findings.anchors1366.push(`${apiPath!.path}#${op.anchor} (${hidden} px)`);
      }
      for (const width of [390, 360]) {
        await page.setViewportSize({ width, height: 844 });
        await settle();
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (over > 0) (width === 390 ? findings.wide390 : findings.wide360).push(`${file} (+${over} px)`);
        if (width !== 390) continue;
        for (const op of apiPath?.operations ?? []) {
          const hidden = await coveredInPage(op.anchor);
          if (hidden > 0) findings.anchors390.push(`${apiPath!.path}#${op.anchor} (${hidden} px)`);
        }
      }
    }
  };

  it('has the tree on every page, its own entry current, reaching every path page', { timeout: 2_400_000 }, async () => {
    await pass();
    expect(findings.tree).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([360, 390])('has no page wider than the screen at %i px', async (width) => {
    await pass();
    expect(width === 390 ? findings.wide390 : findings.wide360).toEqual([]);
  });

  it.each([1366, 390])('lands every method anchor below the header at %i px', async (width) => {
    await pass();
    expect(width === 390 ? findings.anchors390 : findings.anchors1366).toEqual([]);
  });

  it('keeps the server-rendered branch without JavaScript: ancestors open, this page current', async () => {
    const context = await browser.context.browser()?.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    // A persistent context has no browser() handle: fall back to a page with scripts blocked by route.
    const noJs = context ? await context.newPage() : await browser.context.newPage();
    if (!context) await noJs.route('**/*.js*', (route) => route.abort());
    const config = model.paths.find((p) => p.path === CONFIG)!;
    await noJs.goto(server.url + urlOf(config.file).slice(1));
    const branch = await noJs.evaluate(() => {
      const current = document.querySelector<HTMLAnchorElement>('#sidebar a[aria-current="page"]');
      return {
        current: current?.textContent ?? null,
        visible: current?.checkVisibility() ?? false,
        links: document.querySelectorAll('#sidebar .nav-tree a').length,
      };
    });
    await (context ? context.close() : noJs.close());
    expect(branch.current).toBe('config');
    expect(branch.visible).toBe(true);
    // The branch: top-level sections, ancestors' children and the page's own; far fewer than the 435 paths.
    expect(branch.links).toBeGreaterThan(20);
    expect(branch.links).toBeLessThan(200);
  });

  it('shows the config page in at most 20,000 px at 1366x900, each parameter linked and found by window.find', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const config = model.paths.find((p) => p.path === CONFIG)!;
    await open(config.file);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`config page first view: ${height} px at 1366x900`);
    expect(height).toBeLessThanOrEqual(20_000);

    const anchors = config.operations.flatMap((op) => op.parameters.map((p) => p.anchor));
    const unlinked = await page.evaluate((ids) => {
      return ids.filter((id) => {
        const links = Array.from(document.querySelectorAll<HTMLAnchorElement>(`a[href="#${CSS.escape(id)}"]`));
        return !links.some((a) => a.checkVisibility());
      });
    }, anchors);
    expect(unlinked).toEqual([]);

    // Text inside folded parameters, the first 40 characters of each distinct piece: the
    // description past the first sentence that the row's name line already shows (else find would
    // stop there), the first constraint and the first note.
    const snippets = await page.evaluate(() => {
      const out = new Set<string>();
      const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
      for (const row of Array.from(document.querySelectorAll('.param-folded'))) {
        const body = row.querySelector('.param-body');
        const gist = clean(row.querySelector('.param-gist')?.textContent);
        const text = clean(body?.querySelector(':scope > p')?.textContent);
        const rest = gist && text.startsWith(gist) ? text.slice(gist.length).trim() : text;
        const constraint = clean(body?.querySelector('.constraints li')?.textContent);
        const note = clean(body?.querySelector('p.note')?.textContent);
        for (const hidden of [rest, constraint, note]) if (hidden.length >= 12) out.add(hidden.slice(0, 40));
      }
      return [...out];
    });
    expect(snippets.length).toBeGreaterThan(50);
    const notFound = await page.evaluate((texts) => {
      const bad: string[] = [];
      for (const text of texts) {
        document.getSelection()?.removeAllRanges();
        window.scrollTo(0, 0);
        const found = (window as unknown as { find(s: string, cs: boolean, back: boolean, wrap: boolean): boolean }).find(
          text,
          true,
          false,
          true,
        );
        const node = document.getSelection()?.anchorNode;
        const element = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : null;
        if (!found || !element?.checkVisibility()) bad.push(text);
      }
      return bad;
    }, snippets);
    // selectionchange fires asynchronously: check visibility once more after it ran.
    expect(notFound).toEqual([]);
  });

  it('shows each folded row of PUT config with its type and first sentence, and filters on both', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const config = model.paths.find((p) => p.path === CONFIG)!;
    const put = config.operations.find((o) => o.method === 'PUT')!;
    await open(config.file);
    const rows = await page.evaluate((anchor) => {
      const shown = (e: Element | null): boolean => !!e && e.checkVisibility() && e.getBoundingClientRect().width > 0;
      return Array.from(document.querySelectorAll<HTMLElement>(`#${anchor} .param-folded`)).map((row) => {
        const type = row.querySelector('summary .param-type');
        const gist = row.querySelector('summary .param-gist');
        return {
          name: row.dataset['name'] ?? '',
          type: type?.textContent ?? '',
          typeShown: shown(type),
          gist: gist?.textContent ?? '',
          gistShown: shown(gist),
          // The body's first paragraph (the description), read though the row is closed.
          lead: (row.querySelector('.param-body > p')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        };
      });
    }, put.anchor);
    const optional = put.parameters.filter((p) => !p.required);
    expect(optional.length).toBeGreaterThan(80);
    expect(rows.map((r) => r.name)).toEqual(optional.map((p) => p.name));
    for (const [i, row] of rows.entries()) {
      const param = optional[i]!;
      expect(row.typeShown, row.name).toBe(true);
      expect(param.schema.synopsis.startsWith(row.type.replace(/…$/, '')), row.name).toBe(true);
      if (!param.schema.description) continue;
      expect(row.gistShown, row.name).toBe(true);
      // The first sentence of the description the body shows in full (cut ones end in "...").
      expect(row.lead.startsWith(row.gist.replace(/\.\.\.$/, '')), `${row.name}: ${row.gist}`).toBe(true);
      expect(row.gist.length, row.name).toBeLessThan(row.lead.length + 1);
    }
    const filter = page.locator(`#${put.anchor} .param-filter-input`);
    const visible = (): Promise<string[]> =>
      page.evaluate(
        (anchor) =>
          Array.from(document.querySelectorAll<HTMLElement>(`#${anchor} .param[data-name]`))
            .filter((p) => !p.hidden)
            .map((p) => p.dataset['name'] ?? ''),
        put.anchor,
      );
    // "bridge" is only in net[n]'s type; "target RAM" only in balloon's first sentence.
    await filter.fill('bridge');
    expect(await visible()).toContain('net[n]');
    await filter.fill('target RAM');
    expect(await visible()).toEqual(['balloon']);
    await filter.fill('');
    expect((await visible()).length).toBe(put.parameters.length);
  });

  it('lets no example code block scroll sideways at 1366 px on qemu create and config, and copies each as generated', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const bad: string[] = [];
    let blocks = 0;
    for (const apiPath of ['/nodes/{node}/qemu', CONFIG]) {
      const entry = model.paths.find((p) => p.path === apiPath)!;
      const generated = new Map<string, string>(
        entry.operations.flatMap((op) => {
          const doc = operationDoc(op, model, entry);
          return [
            ...doc.examples.map((e) => [`${op.anchor}-${e.id}`, e.code] as const),
            ...(doc.typicalExamples ?? []).map((e) => [`${op.anchor}-typical-${e.id}`, e.code] as const),
          ];
        }),
      );
      await open(entry.file);
      const found = await page.evaluate(() => {
        // Every block at once: all tabs' figures shown, the minimal requests opened.
        for (const d of Array.from(document.querySelectorAll<HTMLDetailsElement>('details.example-variant'))) d.open = true;
        for (const f of Array.from(document.querySelectorAll<HTMLElement>('figure.example'))) f.hidden = false;
        const selection = document.getSelection()!;
        return Array.from(document.querySelectorAll<HTMLElement>('.op-side figure.example')).map((figure) => {
          const pre = figure.querySelector('pre')!;
          selection.selectAllChildren(pre);
          const selected = selection.toString();
          selection.removeAllRanges();
          return { id: figure.id, over: pre.scrollWidth - pre.clientWidth, width: pre.clientWidth, text: pre.textContent ?? '', selected };
        });
      });
      for (const block of found) {
        blocks++;
        if (block.width === 0 || block.over > 0) bad.push(`${apiPath} #${block.id}: ${block.over} px wider than ${block.width} px`);
        if (block.selected !== block.text) bad.push(`${apiPath} #${block.id}: a selection copies other text than the block holds`);
        const code = generated.get(block.id);
        if (code !== undefined && block.text !== code) bad.push(`${apiPath} #${block.id}: text differs from the generated example`);
      }
    }
    expect(blocks).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });

  it('lands a deep link to a folded parameter open and below the header', async () => {
    const config = model.paths.find((p) => p.path === CONFIG)!;
    const param = config.operations.find((o) => o.method === 'POST')!.parameters.find((p) => p.name === 'net[n]')!;
    await open(config.file, `#${param.anchor}`);
    const state = await page.evaluate((id) => {
      // A folded parameter's block holds its <details> (the permalink sits beside the summary).
      const el = document.getElementById(id)!;
      const header = document.querySelector('.site-header')!.getBoundingClientRect();
      return {
        open: el.querySelector<HTMLDetailsElement>(':scope > details')?.open ?? false,
        top: el.getBoundingClientRect().top,
        header: header.bottom,
      };
    }, param.anchor);
    expect(state.open).toBe(true);
    expect(state.top).toBeGreaterThanOrEqual(state.header - 1);
  });

  it('keeps the header within 15% of a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const file of [pages[0]!, model.paths.find((p) => p.path === CONFIG)!.file]) {
      await open(file);
      const height = await page.evaluate(() => document.querySelector('.site-header')!.getBoundingClientRect().height);
      expect(height, file).toBeLessThanOrEqual(844 * 0.15);
    }
  });

  it.each([1366, 390])('lands 200 sampled parameter anchors below the header at %i px', async (width) => {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    const all = model.paths.flatMap((p) =>
      p.operations.flatMap((op) => op.parameters.map((param) => ({ file: p.file, id: param.anchor }))),
    );
    const step = all.length / 200;
    const sample = Array.from({ length: 200 }, (_, i) => all[Math.floor(i * step)]!);
    const bad: string[] = [];
    for (const { file, id } of sample) {
      await open(file, `#${encodeURIComponent(id)}`);
      const hidden = await coveredNow(id);
      if (hidden > 0) bad.push(`${file}#${id} (${hidden} px)`);
    }
    expect(bad).toEqual([]);
  });

  it('remembers the example tab chosen last, across operations and pages', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const qemu = model.paths.find((p) => p.path === '/nodes/{node}/qemu')!;
    await open(qemu.file);
    await page.locator('.operation').first().getByRole('tab', { name: 'Python' }).click();
    const selected = (): Promise<string[]> =>
      page.evaluate(() => Array.from(document.querySelectorAll('.example-tab[aria-selected="true"]')).map((t) => t.textContent ?? ''));
    expect(new Set(await selected())).toEqual(new Set(['Python']));
    await open(model.paths.find((p) => p.path === CONFIG)!.file);
    expect(new Set(await selected())).toEqual(new Set(['Python']));
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('figure.example'))
        .filter((f) => f.checkVisibility())
        .map((f) => f.id),
    );
    expect(shown.filter((id) => !id.endsWith('-python'))).toEqual([]);
  });
});
