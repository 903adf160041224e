/**
 * Lighthouse 12 (pinned 12.2.3: 13 needs Node 22) over a built site with Debian Chromium: the
 * index, the largest page (/nodes/{node}/qemu/{vmid}/config) and /nodes/{node}/qemu, each with the
 * mobile (default) and desktop configurations. Reports the four category scores, LCP, TBT, CLS and
 * the bytes transferred. The site is served on 127.0.0.1 (a static host, as users get it).
 *
 *   lighthouseFigures(siteDir)             -> LighthouseRow[]   (for bench/run.ts)
 *   node lib/bench/lighthouse.js SITE_DIR  -> prints a table    (one run)
 */
import { pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHROMIUM_PATH, serveDirectory } from '../test/helpers/browser.js';

export const LIGHTHOUSE_PAGES: readonly { name: string; path: string }[] = [
  { name: 'index', path: '' },
  { name: '/nodes/{node}/qemu/{vmid}/config', path: 'api/nodes/_node/qemu/_vmid/config/' },
  { name: '/nodes/{node}/qemu', path: 'api/nodes/_node/qemu/' },
];

export interface LighthouseRow {
  page: string;
  formFactor: 'mobile' | 'desktop';
  /** 0-100, or null when Lighthouse could not score the category. */
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  transferBytes: number | null;
}

const score = (value: number | null | undefined): number | null => (typeof value === 'number' ? Math.round(value * 100) : null);
const numeric = (value: number | undefined): number | null => (typeof value === 'number' ? value : null);

export async function lighthouseFigures(siteDir: string, chromePath = CHROMIUM_PATH): Promise<LighthouseRow[]> {
  const server = await serveDirectory(siteDir);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const rows: LighthouseRow[] = [];
  try {
    for (const target of LIGHTHOUSE_PAGES) {
      for (const formFactor of ['mobile', 'desktop'] as const) {
        const result = await lighthouse(
          server.url + target.path,
          { port: chrome.port, output: 'json', logLevel: 'error' },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`lighthouse returned nothing for ${target.name} (${formFactor})`);
        const audit = (id: string): number | null => numeric(lhr.audits[id]?.numericValue);
        rows.push({
          page: target.name,
          formFactor,
          performance: score(lhr.categories.performance?.score),
          accessibility: score(lhr.categories.accessibility?.score),
          bestPractices: score(lhr.categories['best-practices']?.score),
          seo: score(lhr.categories.seo?.score),
          lcpMs: audit('largest-contentful-paint'),
          tbtMs: audit('total-blocking-time'),
          cls: audit('cumulative-layout-shift'),
          transferBytes: audit('total-byte-weight'),
        });
      }
    }
  } finally {
    chrome.kill();
    await server.close();
  }
  return rows;
}

export function formatLighthouse(rows: LighthouseRow[]): string {
  const head = ['page', 'form factor', 'perf', 'a11y', 'best practices', 'SEO', 'LCP', 'TBT', 'CLS', 'transferred'];
  const cell = (v: number | null, unit = ''): string => (v === null ? 'n/a' : `${v}${unit}`);
  const lines = rows.map((r) => [
    r.page,
    r.formFactor,
    cell(r.performance),
    cell(r.accessibility),
    cell(r.bestPractices),
    cell(r.seo),
    r.lcpMs === null ? 'n/a' : `${Math.round(r.lcpMs)} ms`,
    r.tbtMs === null ? 'n/a' : `${Math.round(r.tbtMs)} ms`,
    r.cls === null ? 'n/a' : r.cls.toFixed(3),
    r.transferBytes === null ? 'n/a' : `${(r.transferBytes / 1024).toFixed(1)} KB`,
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const site = process.argv[2];
  if (!site) {
    process.stderr.write('usage: node lib/bench/lighthouse.js SITE_DIR (a hosted build, e.g. of pve-9.1.apidata.js)\n');
    process.exit(2);
  }
  lighthouseFigures(site).then(
    (rows) => process.stdout.write(formatLighthouse(rows) + '\n'),
    (error: unknown) => {
      process.stderr.write(`lighthouse: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
