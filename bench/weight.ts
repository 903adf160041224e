/**
 * 2. Page weight of a built site: HTML per page raw and gzipped, the CSS and JS each page loads,
 * JavaScript before search opens, the search index. Reads the folder only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { largest, type Summary, summarize } from './stats.js';

export interface Size {
  raw: number;
  gz: number;
}

interface PageWeight {
  file: string;
  html: Size;
  css: Size;
  js: Size;
}

export interface WeightFigures {
  pages: number;
  html: { raw: Summary; gz: Summary; largest: { file: string; raw: number; gz: number } | null };
  /** CSS and JS each page loads (external files it links plus inline code), per page. */
  css: { raw: Summary; gz: Summary };
  js: { raw: Summary; gz: Summary };
  /** What the first view of a page transfers: HTML + CSS + JS, gzipped, per page. */
  firstView: { gz: Summary };
  /** JavaScript a page runs before the search box is used (the search UI and index load on focus). */
  jsBeforeSearch: { raw: Summary; gz: Summary };
  searchIndex: Size | null;
  searchUi: Size | null;
  totalBytes: number;
  files: number;
}

/** gzip -9, as the size budgets in test/e2e/search.test.ts are measured. */
const gz = (data: Buffer | string): number => gzipSync(data, { level: 9 }).length;

function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(full, base));
    else out.push(relative(base, full).split(sep).join('/'));
  }
  return out.sort();
}

const LINK_CSS = /<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi;
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const STYLE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;
const ATTR = (name: string): RegExp => new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');

function attr(tag: string, name: string): string | null {
  const m = ATTR(name).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

export function siteWeight(dir: string): WeightFigures {
  const files = walkFiles(dir);
  const assetCache = new Map<string, Size>();
  const asset = (page: string, href: string): Size => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return { raw: 0, gz: 0 };
    const path = posix.normalize(posix.join(posix.dirname(page), href.replace(/[?#].*$/, '')));
    let size = assetCache.get(path);
    if (!size) {
      const full = join(dir, ...path.split('/'));
      const data = existsSync(full) ? readFileSync(full) : Buffer.alloc(0);
      size = { raw: data.length, gz: data.length ? gz(data) : 0 };
      assetCache.set(path, size);
    }
    return size;
  };
  const pages: PageWeight[] = [];
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const data = readFileSync(join(dir, ...file.split('/')));
    const html = data.toString('utf8');
    const css: Size = { raw: 0, gz: 0 };
    const js: Size = { raw: 0, gz: 0 };
    const add = (into: Size, s: Size): void => {
      into.raw += s.raw;
      into.gz += s.gz;
    };
    for (const m of html.matchAll(LINK_CSS)) {
      const href = attr(m[0], 'href');
      if (href) add(css, asset(file, href));
    }
    let inlineCss = '';
    for (const m of html.matchAll(STYLE)) inlineCss += m[1] ?? '';
    if (inlineCss) add(css, { raw: Buffer.byteLength(inlineCss), gz: gz(inlineCss) });
    let inlineJs = '';
    for (const m of html.matchAll(SCRIPT)) {
      const src = attr(m[1] ?? '', 'src');
      const type = attr(m[1] ?? '', 'type');
      if (src) add(js, asset(file, src));
      else if (!type || /javascript|module/i.test(type)) inlineJs += m[2] ?? '';
      // Other types (application/json state, templates) are data: counted with the HTML only.
    }
    if (inlineJs) add(js, { raw: Buffer.byteLength(inlineJs), gz: gz(inlineJs) });
    pages.push({ file, html: { raw: data.length, gz: gz(data) }, css, js });
  }
  const big = largest(pages, (p) => p.html.gz);
  const sizeOf = (file: string): Size | null => (files.includes(file) ? asset('index.html', file) : null);
  return {
    pages: pages.length,
    html: {
      raw: summarize(pages.map((p) => p.html.raw)),
      gz: summarize(pages.map((p) => p.html.gz)),
      largest: big ? { file: big.file, raw: big.html.raw, gz: big.html.gz } : null,
    },
    css: { raw: summarize(pages.map((p) => p.css.raw)), gz: summarize(pages.map((p) => p.css.gz)) },
    js: { raw: summarize(pages.map((p) => p.js.raw)), gz: summarize(pages.map((p) => p.js.gz)) },
    firstView: { gz: summarize(pages.map((p) => p.html.gz + p.css.gz + p.js.gz)) },
    // Our pages reference only the small page script; search.js and the index are added on focus.
    jsBeforeSearch: { raw: summarize(pages.map((p) => p.js.raw)), gz: summarize(pages.map((p) => p.js.gz)) },
    searchIndex: sizeOf('assets/search-index.js'),
    searchUi: sizeOf('assets/search.js'),
    totalBytes: files.reduce((n, f) => n + statSync(join(dir, ...f.split('/'))).size, 0),
    files: files.length,
  };
}
