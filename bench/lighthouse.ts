/**
 * Lighthouse 12 (pinned 12.2.3: 13 needs Node 22) over a built site with Debian Chromium: the
 * index, the largest page (/nodes/{node}/qemu/{vmid}/config) and /nodes/{node}/qemu, each with the
 * mobile (default) and desktop configurations. Reports the four category scores, LCP, TBT, CLS and
 * the bytes transferred. The site is served on 127.0.0.1 as a static host serves it: gzip for
 * text, folders answer with their index.html.
 *
 *   lighthouseFigures(siteDir)             -> LighthouseRow[]   (for bench/run.ts)
 *   node lib/bench/lighthouse.js SITE_DIR [PAGE [mobile|desktop]]  -> prints a table (one run)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  /** Audits of the accessibility, best-practices and SEO categories that did not pass. */
  failing: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A read-only static server on 127.0.0.1 that gzips, as production hosts do (Lighthouse counts transferred bytes). */
async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(root, '.' + path);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const body = readFileSync(file);
    const zip = type.startsWith('text/') || type.startsWith('application/json');
    res.writeHead(200, { 'content-type': type, 'cache-control': 'max-age=600', ...(zip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(zip ? gzipSync(body, { level: 6 }) : body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const score = (value: number | null | undefined): number | null => (typeof value === 'number' ? Math.round(value * 100) : null);
const numeric = (value: number | undefined): number | null => (typeof value === 'number' ? value : null);

/**
 * `siteDir`, or a function that builds the site into the folder it returns once the server's
 * origin is known (the server reads files per request): a hosted build whose --base-url is that
 * origin has canonical links Lighthouse accepts (absolute, naming the page it is on).
 */
export async function lighthouseFigures(
  site: string | { dir: string; build(origin: string): Promise<void> },
  chromePath = CHROMIUM_PATH,
  only: { page?: string; formFactor?: 'mobile' | 'desktop' } = {},
): Promise<LighthouseRow[]> {
  const server = await serve(typeof site === 'string' ? site : site.dir);
  try {
    if (typeof site !== 'string') await site.build(server.url);
  } catch (error) {
    await server.close();
    throw error;
  }
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const rows: LighthouseRow[] = [];
  try {
    for (const target of LIGHTHOUSE_PAGES.filter((p) => !only.page || p.name === only.page)) {
      for (const formFactor of (['mobile', 'desktop'] as const).filter((f) => !only.formFactor || f === only.formFactor)) {
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
          failing: ['accessibility', 'best-practices', 'seo'].flatMap((id) =>
            (lhr.categories[id]?.auditRefs ?? [])
              .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
              .map((ref) => `${id}:${ref.id}`),
          ),
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
  const table = [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
  const failing = rows.filter((r) => r.failing.length).map((r) => `- ${r.page} (${r.formFactor}): ${r.failing.join(', ')}`);
  return failing.length ? `${table}\n\nNot passing:\n${failing.join('\n')}` : table;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const site = process.argv[2];
  if (!site) {
    process.stderr.write('usage: node lib/bench/lighthouse.js SITE_DIR (a hosted build, e.g. of pve-9.1.apidata.js)\n');
    process.exit(2);
  }
  const formFactor = process.argv[4] === 'mobile' || process.argv[4] === 'desktop' ? process.argv[4] : undefined;
  lighthouseFigures(site, CHROMIUM_PATH, {
    ...(process.argv[3] ? { page: process.argv[3] } : {}),
    ...(formFactor ? { formFactor } : {}),
  }).then(
    (rows) => process.stdout.write(formatLighthouse(rows) + '\n'),
    (error: unknown) => {
      process.stderr.write(`lighthouse: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
