/**
 * What `pve-apidoc serve` forwards to the API, and how. The rules keep it from ever being an open
 * proxy or a way around the browser's same-origin protection:
 * - one target origin, fixed at start (`--proxy https://HOST:8006`); a request target that is an
 *   absolute URL, or whose path leaves /api2/json/ (`..`, `.`, backslashes, NUL, empty segments,
 *   also percent-encoded), is refused with 400;
 * - only requests from our own pages: a Host header other than the address we listen on (DNS
 *   rebinding) or an Origin / Sec-Fetch-Site of another site is refused with 403;
 * - nothing of the browser's is passed on but an allowlist: the API token header (Proxmox token
 *   schemes only), the CSRF token, content type and accept. Cookies are never forwarded (the
 *   browser would send those of every site on 127.0.0.1); the console sends its ticket in
 *   X-Apidoc-Ticket, which becomes the one auth cookie towards the API;
 * - bodies above 64 MB are refused (413) before they are read whole; from the answer only the
 *   content type, cache and disposition headers come back (no Set-Cookie).
 */
import type { IncomingHttpHeaders } from 'node:http';

export const API_PREFIX = '/api2/json/';
export const MAX_PROXY_BODY = 64 * 1024 * 1024;

/** Header the console uses for a ticket: kept in sessionStorage, sent by script, never a cookie. */
export const TICKET_HEADER = 'x-apidoc-ticket';

export type Refusal = { status: 400 | 403; reason: string };

/** The path (with query) to forward, or why not. `rawUrl` is the request target as received. */
export function apiTarget(rawUrl: string): { path: string } | Refusal {
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { status: 400, reason: 'absolute URLs are not forwarded' };
  const q = rawUrl.indexOf('?');
  const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  if (!path.startsWith(API_PREFIX) && path !== API_PREFIX.slice(0, -1)) return { status: 400, reason: 'only /api2/json/ is forwarded' };
  const segments = path.split('/').slice(1);
  for (const [i, raw] of segments.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400, reason: 'bad percent-encoding in the path' };
    }
    if (segment === '..' || segment === '.' || segment.includes('\\') || segment.includes('\0'))
      return { status: 400, reason: 'path traversal refused' };
    if (raw === '' && i < segments.length - 1) return { status: 400, reason: 'empty path segment refused' };
  }
  return { path: rawUrl };
}

/** Requests from another site (or via a rebinding DNS name) are not ours to forward. */
export function foreignRequest(headers: IncomingHttpHeaders, ownHosts: readonly string[]): Refusal | null {
  const host = (headers.host ?? '').toLowerCase();
  if (!ownHosts.includes(host)) return { status: 403, reason: 'unexpected Host header' };
  const origin = headers.origin;
  if (origin !== undefined && origin !== 'null' && !ownHosts.some((h) => origin === `http://${h}`))
    return { status: 403, reason: 'cross-origin request refused' };
  if (headers['sec-fetch-site'] === 'cross-site') return { status: 403, reason: 'cross-site request refused' };
  return null;
}

const TOKEN_SCHEMES = /^(?:PVE|PMG|PBS)APIToken=/;
const TICKET_SHAPE = /^(PVE|PMG|PBS):[^\s;,]+$/;

/** The headers sent on to the API: an allowlist, and the console's ticket as the one auth cookie. */
export function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  const one = (name: string): string | undefined => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const contentType = one('content-type');
  if (contentType !== undefined) out['content-type'] = contentType;
  out['accept'] = 'application/json';
  const authorization = one('authorization');
  if (authorization !== undefined && TOKEN_SCHEMES.test(authorization)) out['authorization'] = authorization;
  const csrf = one('csrfpreventiontoken');
  if (csrf !== undefined && /^[\x21-\x7e]+$/.test(csrf)) out['csrfpreventiontoken'] = csrf;
  const ticket = one(TICKET_HEADER);
  const product = ticket === undefined ? null : TICKET_SHAPE.exec(ticket);
  if (ticket !== undefined && product) out['cookie'] = `${product[1]}AuthCookie=${encodeURIComponent(ticket)}`;
  return out;
}

/** Response headers passed back to the browser. */
export function returnHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control', 'content-disposition']) {
    const v = headers[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}
