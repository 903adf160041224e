/**
 * `--base-url`: where the hosted site lives. Either an absolute http(s) URL
 * ("https://example.github.io/pve-docs/") or a path on the same host ("/pve-docs/"). Always kept
 * with one trailing slash so page paths can be appended. Only an absolute URL can go into
 * sitemap.xml, whose protocol requires fully qualified locations.
 */
import { UsageError } from '../errors.js';

export interface BaseUrl {
  /** The normalized value: absolute URL or path, ending in "/". */
  href: string;
  /** Its path part, ending in "/" ("/pve-docs/"). */
  path: string;
  absolute: boolean;
}

export function parseBaseUrl(value: string): BaseUrl {
  const bad = (why: string): UsageError => new UsageError(`--base-url "${value}" ${why}`);
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw bad('is not a valid URL');
    }
    if (url.search || url.hash) throw bad('must not have a query or fragment');
    if (url.username || url.password) throw bad('must not contain credentials');
    const path = url.pathname.replace(/\/*$/, '/');
    return { href: `${url.protocol}//${url.host}${path}`, path, absolute: true };
  }
  // Browsers read `\` as `/` and drop tabs and line breaks in http(s) URLs: `/\host` is `//host`,
  // another site, so no backslash or control character is allowed anywhere in a path.
  if (value.startsWith('/') && !value.startsWith('//')) {
    if (/[?#\s\\\u0000-\u001f\u007f]/.test(value)) throw bad('must be a plain path (no query, fragment, spaces or backslashes)');
    const path = value.replace(/\/*$/, '/');
    return { href: path, path, absolute: false };
  }
  throw bad('must be an http(s) URL such as https://example.org/pve-docs/ or a path such as /pve-docs/');
}

/**
 * Whether pages link to folders ("qemu/") instead of files ("qemu/index.html"). Only a site that
 * says where it is hosted (--base-url) can rely on a web server serving a folder's index.html;
 * every other build, and the offline bundle always, must also work opened from disk (file://).
 * pveproxy (--layout pve-host) serves no folder index at all.
 */
export function usesCleanUrls(options: {
  offline?: boolean | undefined;
  baseUrl?: string | undefined;
  layout?: string | undefined;
}): boolean {
  return !options.offline && options.layout !== 'pve-host' && Boolean(options.baseUrl);
}
