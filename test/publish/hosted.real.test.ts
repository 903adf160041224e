/**
 * A site hosted under a sub-path (--base-url): every link, script and stylesheet of every page
 * stays below that path and points at a file that exists (the 404 page too, which a host serves at
 * any missing URL); canonical links, sitemap.xml and robots.txt; a title and description per page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const HOST = 'http://host.test';

/** The URL a host serves an output file at, with clean URLs ("api/x/index.html" at ".../api/x/"). */
function servedAt(basePath: string, file: string): string {
  return HOST + basePath + file.replace(/(^|\/)index\.html$/, '$1');
}

/** The output file a same-origin URL path below `basePath` maps to. */
function fileFor(basePath: string, pathname: string): string {
  const rest = decodeURIComponent(pathname.slice(basePath.length));
  return rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest;
}

const ATTRIBUTES = /\s(href|src|action|data-root|data-search-index)="([^"]*)"/g;

function unescapeHtml(value: string): string {
  return value
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

interface Crawl {
  checked: number;
  escapes: string[];
  broken: string[];
}

function crawl(out: string, basePath: string): Crawl {
  const result: Crawl = { checked: 0, escapes: [], broken: [] };
  for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(out, file), 'utf8');
    // A host serves 404.html for any missing URL, possibly deep below the site.
    const pageUrl = file === '404.html' ? `${HOST}${basePath}no/such/deep/page` : servedAt(basePath, file);
    for (const match of html.matchAll(ATTRIBUTES)) {
      const value = unescapeHtml(match[2]!);
      if (value === '' || value.startsWith('#') || /^(mailto|data):/i.test(value)) continue;
      let url: URL;
      try {
        url = new URL(value, pageUrl);
      } catch (error) {
        // An absolute link the schema's text contains but that is no valid URL (PVE 9.1 has
        // "http://username:password@host:port/"): another site, not ours, whatever it is.
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
        throw error;
      }
      if (url.origin !== HOST) continue; // links into the Proxmox docs and other sites
      result.checked++;
      if (!url.pathname.startsWith(basePath)) {
        result.escapes.push(`${file}: ${match[1]}="${value}" -> ${url.pathname}`);
        continue;
      }
      const target = fileFor(basePath, url.pathname);
      if (!existsSync(join(out, target))) result.broken.push(`${file}: ${match[1]}="${value}" -> ${target}`);
    }
  }
  return result;
}

describe.each([
  { name: 'the example API', schema: 'schema/example-api.json' },
  { name: 'PVE 9.1', schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') },
])('--base-url /docs/ ($name)', ({ schema }) => {
  let out: string;
  beforeAll(async () => {
    out = join(tempDir(), 'site');
    await build({ schema, out, baseUrl: '/docs/' }, silentLogger());
  });

  it('has no link, script or stylesheet that leaves /docs/, and none that is broken', () => {
    const { checked, escapes, broken } = crawl(out, '/docs/');
    expect(checked).toBeGreaterThan(100);
    expect(escapes).toEqual([]);
    expect(broken).toEqual([]);
  });

  it('links the 404 page from the site root, since it is served at any depth', () => {
    const html = unescapeHtml(readFileSync(join(out, '404.html'), 'utf8'));
    expect(html).toContain('href="/docs/"');
    expect(html).toMatch(/href="\/docs\/assets\/style\.css\?v=[0-9a-f]+"/);
    expect(html).toMatch(/src="\/docs\/assets\/main\.js\?v=[0-9a-f]+"/);
  });

  it('writes canonical links under the base path, robots.txt, and no sitemap (it needs absolute URLs)', () => {
    const html = readFileSync(join(out, 'api/nodes/index.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="/docs/api/nodes/">');
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
    expect(existsSync(join(out, 'sitemap.xml'))).toBe(false);
  });

  it('gives every page its own title and a meta description', () => {
    const titles = new Map<string, string>();
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      const title = /<title>([^<]+)<\/title>/.exec(html)?.[1];
      expect(title, file).toBeTruthy();
      expect(/<meta name="description" content="[^"]+">/.test(html), file).toBe(true);
      expect(titles.has(title!), `${file} has the title of ${titles.get(title!)}`).toBe(false);
      titles.set(title!, file);
    }
  });
});

describe('--base-url https://example.org/pve/ (absolute)', () => {
  let out: string;
  beforeAll(async () => {
    out = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out, baseUrl: 'https://example.org/pve/' }, silentLogger());
  });

  it('lists every page but the 404 in sitemap.xml, with absolute clean URLs that exist', () => {
    const xml = readFileSync(join(out, 'sitemap.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(
      true,
    );
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const pages = listFiles(out).filter((f) => f.endsWith('.html') && f !== '404.html');
    expect(locs).toHaveLength(pages.length);
    expect(locs).toContain('https://example.org/pve/');
    expect(locs).toContain('https://example.org/pve/api/nodes/');
    for (const loc of locs) {
      expect(loc.startsWith('https://example.org/pve/')).toBe(true);
      expect(existsSync(join(out, fileFor('/pve/', new URL(loc).pathname))), loc).toBe(true);
    }
    expect(xml).not.toMatch(/lastmod/); // no dates: builds stay byte-identical
  });

  it('points robots.txt at the sitemap and writes absolute canonical links', () => {
    expect(readFileSync(join(out, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\nSitemap: https://example.org/pve/sitemap.xml\n');
    expect(readFileSync(join(out, 'auth/index.html'), 'utf8')).toContain('<link rel="canonical" href="https://example.org/pve/auth/">');
  });

  it('still links relatively everywhere but the 404 page (the site can move)', () => {
    const html = readFileSync(join(out, 'api/nodes/index.html'), 'utf8');
    expect(html).toContain('href="../../operations/"');
    expect(html).not.toMatch(/href="https:\/\/example\.org\/pve\/(?!api\/nodes\/")/);
    expect(readFileSync(join(out, '404.html'), 'utf8')).toContain('href="/pve/operations/"');
  });
});

describe('without --base-url and for the offline bundle', () => {
  it('writes neither sitemap.xml nor robots.txt', async () => {
    const plain = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out: plain }, silentLogger());
    const offline = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out: offline, offline: true, baseUrl: 'https://example.org/' }, silentLogger());
    for (const out of [plain, offline]) {
      expect(existsSync(join(out, 'sitemap.xml'))).toBe(false);
      expect(existsSync(join(out, 'robots.txt'))).toBe(false);
    }
  });
});
