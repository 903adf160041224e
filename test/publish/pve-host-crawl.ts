/**
 * Checks of a --layout pve-host build against pveproxy's rules (test/publish/pveproxy.ts), shared by
 * the unit test (example schema) and the real-schema test (PVE 9.1).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../helpers/tree.js';
import { decodeAttribute } from '../hardening/links.js';
import { PVEPROXY_PATH, PVEPROXY_TYPES, type Pveproxy } from './pveproxy.js';

/** Output files whose name pveproxy would not serve (pattern or extension). */
export function unservableNames(out: string): string[] {
  return listFiles(out).filter((file) => {
    const name = file.split('/').pop() ?? '';
    const ext = /\.([^.]*)$/.exec(name)?.[1];
    return !/^[a-zA-Z0-9\-_.]+$/.test(name) || ext === undefined || !(ext in PVEPROXY_TYPES);
  });
}

/** The folders of the build ("" for its root), sorted. */
export function foldersOf(out: string): string[] {
  const folders = new Set(listFiles(out).map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '')));
  return [...folders].sort();
}

const REFERENCES = /\s(href|src|data-src|data-js|data-search-index)="([^"]*)"/g;

/**
 * Every same-site URL the site can request: each page's href/src/data-* references, and each page a
 * script links to (the path tree and the search index name pages by file), resolved the way the
 * browser does for a page served at `base` (e.g. http://127.0.0.1:1/pve-docs/api/).
 */
export function siteUrls(out: string, base: string): { urls: Map<string, string>; folderLinks: string[] } {
  const urls = new Map<string, string>();
  const folderLinks: string[] = [];
  const origin = new URL(base).origin;
  for (const page of listFiles(out).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(out, page), 'utf8');
    const pageUrl = new URL(page, base);
    for (const m of html.matchAll(REFERENCES)) {
      const value = decodeAttribute(m[2]!);
      if (value === '' || value.startsWith('#') || /^(mailto|data):/i.test(value)) continue;
      let url: URL;
      try {
        url = new URL(value, pageUrl);
      } catch {
        continue; // not a URL at all: schema text such as "http://user:pass@host:port/", another site
      }
      if (url.origin !== origin) continue;
      if (url.pathname.endsWith('/')) folderLinks.push(`${page}: ${m[1]}="${value}"`);
      urls.set(url.pathname, `${page}: ${m[1]}="${value}"`);
    }
    // Pages the scripts link to: root-relative file names in the path tree and the search index.
    const root = new URL(/data-root="([^"]*)"/.exec(html)?.[1] ?? './', pageUrl);
    if (page === 'index.html') {
      for (const script of ['assets/nav-tree.js', 'assets/search-index.js']) {
        const text = readFileSync(join(out, script), 'utf8');
        for (const m of text.matchAll(/"([^"\\]*\.html)"/g)) urls.set(new URL(m[1]!, root).pathname, `${script}: "${m[1]}"`);
      }
    }
  }
  return { urls, folderLinks };
}

/** Requests every URL from the pveproxy stand-in; returns those not answered 200. */
export async function fetchAll(proxy: Pveproxy, urls: Map<string, string>): Promise<string[]> {
  const failed: string[] = [];
  for (const [path, from] of urls) {
    if (!PVEPROXY_PATH.test(decodeURIComponent(path))) {
      failed.push(`${from} -> ${path}: not a file path pveproxy serves`);
      continue;
    }
    const res = await fetch(proxy.origin + path);
    await res.arrayBuffer();
    if (res.status !== 200) failed.push(`${from} -> ${path}: ${res.status}`);
  }
  return failed;
}
