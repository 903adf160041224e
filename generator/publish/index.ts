/**
 * Files a hosted site needs beyond its pages: sitemap.xml (every page but the 404, with absolute
 * URLs, so only for an absolute --base-url) and robots.txt pointing at it. None for the offline
 * bundle, which nobody crawls. No dates anywhere: the same input gives the same bytes.
 */
import type { OutputFile } from '../output-file.js';
import { SITE_FILES } from '../model/urls.js';
import { parseBaseUrl } from './base-url.js';

export interface PublishOptions {
  baseUrl?: string;
  offline?: boolean;
}

export const SITEMAP_FILE = 'sitemap.xml';
export const ROBOTS_FILE = 'robots.txt';

export function publishFiles(files: readonly OutputFile[], options: PublishOptions): OutputFile[] {
  if (options.offline || !options.baseUrl) return [];
  const base = parseBaseUrl(options.baseUrl);
  const out: OutputFile[] = [];
  const robots = ['User-agent: *', 'Allow: /'];
  if (base.absolute) {
    const pages = files
      .map((f) => f.file)
      .filter((f) => f.endsWith('.html') && f !== SITE_FILES.notFound)
      .sort();
    out.push({ file: SITEMAP_FILE, content: sitemapXml(base.href, pages) });
    robots.push(`Sitemap: ${base.href}${SITEMAP_FILE}`);
  }
  out.push({ file: ROBOTS_FILE, content: robots.join('\n') + '\n' });
  return out;
}

/** sitemap.xml for hosted (clean) URLs: "api/nodes/index.html" is listed as ".../api/nodes/". */
function sitemapXml(baseHref: string, pages: readonly string[]): string {
  const urls = pages.map((file) => `  <url><loc>${escapeXml(baseHref + file.replace(/(^|\/)index\.html$/, '$1'))}</loc></url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
