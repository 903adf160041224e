/**
 * Internal link checker over a built site: every relative href/src in every HTML page must resolve
 * to a file of the site (a folder to its index.html), and every #fragment to an id in that file;
 * every page manifest.json lists must exist. External (http, https, mailto) links are only counted.
 * Our own output escapes all attribute values, so a scan of `href="..."` / `id="..."` is exact.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import { listFiles } from '../helpers/tree.js';

export interface LinkReport {
  pages: number;
  links: number;
  fragments: number;
  external: number;
  broken: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function idsOf(html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/\sid="([^"]*)"/g)) ids.add(decodeAttribute(m[1]!));
  return ids;
}

/** The site file a relative reference from `fromFile` points to ("" when it leaves the site). */
function resolveTarget(root: string, fromFile: string, path: string): string | null {
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), path));
  if (joined.startsWith('..')) return null;
  const full = join(root, joined);
  if (existsSync(full) && statSync(full).isDirectory()) {
    // A folder link must be written with its trailing slash, or relative links inside would break.
    if (!path.endsWith('/') && path !== '' && path !== '.') return null;
    return existsSync(join(full, 'index.html')) ? posix.join(joined, 'index.html') : null;
  }
  return existsSync(full) ? joined : null;
}

export function checkLinks(root: string): LinkReport {
  const files = listFiles(root);
  const pages = files.filter((f) => f.endsWith('.html'));
  const idCache = new Map<string, Set<string>>();
  const ids = (file: string): Set<string> => {
    let set = idCache.get(file);
    if (!set) {
      set = idsOf(readFileSync(join(root, file), 'utf8'));
      idCache.set(file, set);
    }
    return set;
  };
  const report: LinkReport = { pages: pages.length, links: 0, fragments: 0, external: 0, broken: [] };
  for (const page of pages) {
    const html = readFileSync(join(root, page), 'utf8');
    for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const value = decodeAttribute(m[2]!);
      if (/^(https?:|mailto:)/i.test(value)) {
        report.external++;
        continue;
      }
      if (/^data:/i.test(value) && m[1] === 'href' && /rel="icon"/.test(html.slice(Math.max(0, m.index! - 80), m.index!))) continue;
      report.links++;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        report.broken.push(`${page}: ${m[1]}="${value}" has a scheme that is neither http(s) nor mailto`);
        continue;
      }
      const hash = value.indexOf('#');
      const beforeHash = hash >= 0 ? value.slice(0, hash) : value;
      const fragment = hash >= 0 ? decodeURIComponent(value.slice(hash + 1)) : null;
      const path = decodeURIComponent(beforeHash.replace(/\?.*$/, ''));
      let target: string | null = page;
      if (path !== '' || beforeHash.startsWith('?')) {
        target = path === '' ? page : resolveTarget(root, page, path);
      }
      if (target === null) {
        report.broken.push(`${page}: ${m[1]}="${value}" points to no file`);
        continue;
      }
      if (fragment !== null && fragment !== '') {
        report.fragments++;
        if (!target.endsWith('.html')) report.broken.push(`${page}: ${value}: fragment on a non-HTML file`);
        else if (!ids(target).has(fragment)) report.broken.push(`${page}: ${value}: no id "${fragment}" in ${target}`);
      }
    }
  }
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { paths: { path: string; url: string }[] };
  for (const entry of manifest.paths) {
    report.links++;
    if (resolveTarget(root, 'index.html', entry.url) === null)
      report.broken.push(`manifest.json: ${entry.path} -> ${entry.url} points to no file`);
  }
  return report;
}
