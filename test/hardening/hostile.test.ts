/**
 * The hostile corpus built into a site and opened in real headless Chromium. Three independent
 * layers are checked on every page:
 *   1. escaping: the live DOM holds no element, attribute or URL that schema text could have
 *      introduced, and no raw bidi/control characters (dom-audit.ts);
 *   2. execution: no payload ran (marker global, dialogs) and nothing was loaded from anywhere
 *      but the local server (every request recorded), and no CSP violation was even attempted;
 *   3. the CSP itself: a copy of a page with payloads injected past the escaping is blocked.
 * Plus: the exact payload text is shown to the reader (escaped, not dropped), and the 1 MB strings
 * build in bounded time.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import type { BuildResult } from '../../generator/build-result.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';
import { launchChromium, serveDirectory, type ChromiumSession, type StaticServer } from '../../harness/browser.js';
import { EVIL_HOST, HOSTILE, LONG_STRINGS, VISIBLE_PROBES, hostileSchema } from './corpus.js';
import { AUDIT_OPTIONS, auditDom, type DomFinding } from './dom-audit.js';
import { HTML_VALIDATE_CONFIG } from './htmlvalidate.config.js';

interface Visit {
  findings: DomFinding[];
  dialogs: string[];
  /** Requests to anywhere but the local server, with how they ended ("blocked:csp", "failed: ...", "loaded"). */
  foreignRequests: string[];
  cspViolations: string[];
  pageErrors: string[];
}

/** Installed before any page script (init scripts are not subject to the page's CSP). */
const RECORD_CSP = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));`;

describe('hostile schema text', () => {
  const dir = tempDir('pve-apidoc-hostile-');
  const out = join(dir, 'site');
  const schemaFile = join(dir, 'hostile-api.json');
  let result: BuildResult;
  let buildMs = 0;
  let server: StaticServer;
  let browser: ChromiumSession;
  let origin = '';

  beforeAll(async () => {
    writeFileSync(schemaFile, JSON.stringify(hostileSchema({ long: true })));
    const started = performance.now();
    result = await build({ schema: schemaFile, out }, silentLogger());
    buildMs = performance.now() - started;
    server = await serveDirectory(out);
    origin = server.url.replace(/\/$/, '');
    browser = await launchChromium();
    await browser.context.addInitScript(RECORD_CSP);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function visit(page: Page, url: string, act?: (page: Page) => Promise<void>): Promise<Visit> {
    const visit: Visit = { findings: [], dialogs: [], foreignRequests: [], cspViolations: [], pageErrors: [] };
    const onDialog = (d: import('playwright-core').Dialog): void => {
      visit.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    };
    const foreign = (r: import('playwright-core').Request): boolean => !r.url().startsWith(origin + '/');
    const onRequest = (r: import('playwright-core').Request): void => {
      if (foreign(r)) visit.foreignRequests.push(`${r.url()} requested`);
    };
    const onFailed = (r: import('playwright-core').Request): void => {
      if (foreign(r))
        visit.foreignRequests.push(
          `${r.url()} ${/csp/i.test(r.failure()?.errorText ?? '') ? 'blocked:csp' : `failed: ${r.failure()?.errorText ?? '?'}`}`,
        );
    };
    const onFinished = (r: import('playwright-core').Request): void => {
      if (foreign(r)) visit.foreignRequests.push(`${r.url()} loaded`);
    };
    const onError = (e: Error): void => void visit.pageErrors.push(e.message);
    page.on('dialog', onDialog);
    page.on('request', onRequest);
    page.on('requestfailed', onFailed);
    page.on('requestfinished', onFinished);
    page.on('pageerror', onError);
    try {
      try {
        await page.goto(url, { waitUntil: 'load' });
        if (act) await act(page);
        visit.findings = await page.evaluate(auditDom, { origin, ...AUDIT_OPTIONS });
        visit.cspViolations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      } catch (error) {
        // e.g. a <meta http-equiv="refresh"> from schema text navigated the page away
        visit.findings.push({
          what: 'page could not be audited',
          detail: `${(error as Error).message.split('\n')[0]} (now at ${page.url()})`,
        });
      }
      if (page.url() !== url) visit.findings.push({ what: 'page navigated away', detail: page.url() });
    } finally {
      page.off('dialog', onDialog);
      page.off('request', onRequest);
      page.off('requestfailed', onFailed);
      page.off('requestfinished', onFinished);
      page.off('pageerror', onError);
    }
    return visit;
  }

  it('the committed list of hostile strings is the corpus in use', async () => {
    const listed = { strings: HOSTILE, long: LONG_STRINGS.map((l) => ({ label: l.label, chars: l.text.length })) };
    await expect(JSON.stringify(listed, null, 2) + '\n').toMatchFileSnapshot(
      join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'hostile-strings.json'),
    );
  });

  it('builds every hostile string into pages; 1 MB strings are cut visibly and the build stays fast', () => {
    expect(result.model.stats.paths).toBe(1 + HOSTILE.length * 2 + 1);
    // Real PVE 9.1 renders in well under a second; 4 MB of pathological Markdown may cost more, not minutes.
    expect(buildMs).toBeLessThan(60_000);
    const long = readFileSync(join(out, result.model.paths.find((p) => p.path === '/long')!.file), 'utf8');
    // Each 1 MB string sits in a description, a default and an enum value: shown cut, so the page stays openable.
    expect(long.length).toBeLessThan(2 * 1024 * 1024);
    expect(long.match(/more characters not shown\]/g)?.length ?? 0).toBeGreaterThanOrEqual(
      3 * LONG_STRINGS.filter((l) => l.text.length > 1e6 - 1).length,
    );
  });

  it('no page carries markup, script, remote loads or raw control characters from schema text', async () => {
    const page = await browser.context.newPage();
    const pages = listFiles(out).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(HOSTILE.length * 2);
    const problems: string[] = [];
    for (const file of pages) {
      const url = `${origin}/${file.split('/').map(encodeURIComponent).join('/')}`;
      const v = await visit(page, url);
      for (const f of v.findings) problems.push(`${file}: ${f.what}: ${f.detail}`);
      for (const d of v.dialogs) problems.push(`${file}: dialog opened: ${d}`);
      for (const r of v.foreignRequests) problems.push(`${file}: request to another origin: ${r}`);
      for (const c of v.cspViolations) problems.push(`${file}: CSP violation (escaping let something through): ${c}`);
      for (const e of v.pageErrors) problems.push(`${file}: page error: ${e}`);
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('every hostile page is still valid HTML (html-validate, the site configuration)', async () => {
    // Same rules as the quality gates, but titles: the corpus puts long payloads into paths on purpose.
    const validator = new HtmlValidate({ ...HTML_VALIDATE_CONFIG, rules: { ...HTML_VALIDATE_CONFIG.rules, 'long-title': 'off' } });
    const errors: string[] = [];
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const report = await validator.validateString(readFileSync(join(out, file), 'utf8'), file);
      for (const r of report.results) for (const m of r.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(errors.slice(0, 30)).toEqual([]);
  }, 120_000);

  it('shows every payload as text: exact in headings, visible in descriptions', async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    const visibleForm = (s: string): string =>
      s.replace(
        /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g,
        (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`,
      );
    for (const [i, s] of HOSTILE.entries()) {
      const apiPath = result.model.paths.find((p) => p.path === `/hostile/${s}/{p${i}}`)!;
      await page.goto(`${origin}/${apiPath.file.split('/').map(encodeURIComponent).join('/')}`);
      const h1 = await page.locator('h1').textContent();
      if (h1 !== visibleForm(`/hostile/${s}/{p${i}}`)) problems.push(`h1 of payload ${i}: ${JSON.stringify(h1)}`);
      const title = await page.title();
      if (
        !title.startsWith(
          visibleForm(`/hostile/${s}/{p${i}}`)
            .replace(/[\t\n\f\r ]+/g, ' ')
            .trim(),
        )
      )
        problems.push(`title of payload ${i}: ${JSON.stringify(title)}`);
    }
    await page.goto(`${origin}/api/hostile/`);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const probe of VISIBLE_PROBES) if (!text.includes(probe)) problems.push(`not shown as text: ${probe}`);
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('search over hostile text renders results as text', async () => {
    const page = await browser.context.newPage();
    const shown: Record<string, number> = {};
    const v = await visit(page, `${origin}/`, async (p) => {
      const input = p.locator('#search-input');
      for (const query of ['pwned', '<script>', 'onerror', 'javascript', '{{constructor']) {
        await input.fill('');
        await input.focus();
        await input.pressSequentially(query, { delay: 5 });
        await p.waitForTimeout(400);
        shown[query] = await p.locator('#search-results [role="option"]').count();
      }
    });
    await page.close();
    // The results really were rendered (from an index full of payloads), and the audit ran over them.
    expect(shown['pwned']).toBeGreaterThan(0);
    expect([
      ...v.findings.map((f) => `${f.what}: ${f.detail}`),
      ...v.dialogs,
      ...v.foreignRequests,
      ...v.cspViolations,
      ...v.pageErrors,
    ]).toEqual([]);
  });

  it('the Content-Security-Policy blocks payloads that get past escaping', async () => {
    // A copy of a real page with payloads spliced in raw, as if escaping had failed.
    const original = readFileSync(join(out, 'index.html'), 'utf8');
    const injected = original.replace(
      '<main id="main">',
      `<main id="main"><script>window.__pwned='inline'</script><img src="x" onerror="window.__pwned='handler'">` +
        `<a id="js-link" href="javascript:window.__pwned='link'">x</a><iframe src="https://${EVIL_HOST}/"></iframe>` +
        `<img src="https://${EVIL_HOST}/pixel.png"><link rel="stylesheet" href="https://${EVIL_HOST}/x.css">`,
    );
    expect(injected).not.toBe(original);
    writeFileSync(join(out, 'csp-probe.html'), injected);
    const page = await browser.context.newPage();
    const v = await visit(page, `${origin}/csp-probe.html`, async (p) => {
      await p.locator('#js-link').click();
      await p.waitForTimeout(100);
    });
    await page.close();
    const pwned = v.findings.filter((f) => f.what === 'marker global set');
    expect(pwned).toEqual([]);
    // The DOM audit sees every injected piece (so a clean audit of the real pages means something).
    const seen = v.findings.map((f) => f.what).join('\n');
    for (const what of [
      'inline script',
      'unexpected attribute onerror',
      'unsafe link target',
      'unexpected element <iframe>',
      'unexpected element <img>',
      'link to another origin',
    ]) {
      expect(seen).toContain(what);
    }
    expect(v.dialogs).toEqual([]);
    // Every remote load was attempted (the payload got past escaping) and blocked by the CSP, none left the machine.
    const attempts = v.foreignRequests.filter((r) => r.endsWith(' requested'));
    expect(attempts.length).toBeGreaterThan(0);
    expect(v.foreignRequests.filter((r) => !r.endsWith(' requested') && !r.endsWith(' blocked:csp'))).toEqual([]);
    expect(v.foreignRequests.filter((r) => r.endsWith(' blocked:csp'))).toHaveLength(attempts.length);
    // ...and it did block them: the inline script, the handler, the javascript: link, the frame, the image, the stylesheet.
    expect(v.cspViolations.length).toBeGreaterThanOrEqual(6);
    expect(v.cspViolations.join('\n')).toMatch(/script-src/);
    expect(v.cspViolations.join('\n')).toMatch(/frame-src|child-src|default-src/);
    expect(v.cspViolations.join('\n')).toMatch(/img-src/);
    expect(v.cspViolations.join('\n')).toMatch(/style-src/);
  });
});
