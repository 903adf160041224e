/**
 * What `pve-apidoc serve` forwards to the API, and how. The rules keep it from ever being an open
 * proxy or a way around the browser's same-origin protection:
 * - one target origin, fixed at start (`--proxy https://HOST:8006`); a request target that is an
 *   absolute URL, or whose path leaves /api2/json/ (`..`, `.`, backslashes, NUL, empty segments,
 *   also percent-encoded, once or several times, and dot segments hidden behind an encoded slash
 *   such as `..%2F..%2F`), is refused with 400. An encoded slash alone is an ordinary character of
 *   a segment: volume ids (`local%3Aiso%2Fdebian.iso`) are sent so;
 * - only requests from our own pages: a Host header that is not localhost, an IP literal or the
 *   --host name (DNS rebinding), or an Origin / Sec-Fetch-Site of another site, is refused with 403;
 * - nothing of the browser's is passed on but an allowlist: the API token header (Proxmox token
 *   schemes only), the CSRF token, content type and accept. A browser's cookies are never
 *   forwarded (it would send those of every site on 127.0.0.1); the console sends its ticket in
 *   X-Apidoc-Ticket, which becomes the one auth cookie towards the API. An ordinary client (no
 *   Sec-Fetch-* headers) gets its PVEAuthCookie / PMGAuthCookie / PBSAuthCookie passed on, that
 *   cookie alone, so proxmoxer or curl in password mode works through serve;
 * - bodies above 64 MB are refused (413) as soon as the cap is passed; from the answer only the
 *   content type, cache and disposition headers come back (no Set-Cookie).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { cookieValue } from '../listen.js';
import { localHost } from './static.js';

export const API_PREFIX = '/api2/json/';
export const MAX_PROXY_BODY = 64 * 1024 * 1024;

/** Header the console uses for a ticket: kept in sessionStorage, sent by script, never a cookie. */
const TICKET_HEADER = 'x-apidoc-ticket';

export type Refusal = { status: 400 | 403; reason: string };

/** The path (with query) to forward, or why not. `rawUrl` is the request target as received. */
export function apiTarget(rawUrl: string): { path: string } | Refusal {
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return { status: 400, reason: 'absolute URLs are not forwarded' };
  const q = rawUrl.indexOf('?');
  const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  if (!path.startsWith(API_PREFIX) && path !== API_PREFIX.slice(0, -1)) return { status: 400, reason: 'only /api2/json/ is forwarded' };
  const segments = path.split('/').slice(1);
  for (const [i, raw] of segments.entries()) {
    if (raw === '' && i < segments.length - 1) return { status: 400, reason: 'empty path segment refused' };
    const problem = segmentProblem(raw);
    if (problem) return { status: 400, reason: problem };
  }
  return { path: rawUrl };
}

/** Decoding rounds looked through: `%252e` is `%2e` after one, `.` after two; a third catches `%25252e`. */
const DECODE_ROUNDS = 3;

/**
 * Why one raw path segment is refused, or null. The segment is decoded as often as it decodes
 * (a server or filter behind the host may decode again), and each form is split at slashes and
 * backslashes: no part may be `.` or `..`, and no form may hold a backslash or NUL.
 */
function segmentProblem(raw: string): string | null {
  let text = raw;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (text.includes('\\') || text.includes('\0')) return 'path traversal refused';
    if (text.split('/').some((part) => part === '.' || part === '..')) return 'path traversal refused';
    if (round === DECODE_ROUNDS || !text.includes('%')) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      // Not valid percent-encoding: an error when sent so, a literal "%" once already decoded.
      return round === 0 ? 'bad percent-encoding in the path' : null;
    }
    if (decoded === text) return null;
    text = decoded;
  }
  return null;
}

/**
 * Requests from another site (or via a rebinding DNS name) are not ours to forward. `bound` is
 * the --host the server listens on; the Origin, when sent, must be the origin the Host names.
 */
export function foreignRequest(headers: IncomingHttpHeaders, bound: string): Refusal | null {
  const host = (headers.host ?? '').toLowerCase();
  if (!localHost(host || undefined, bound)) return { status: 403, reason: 'unexpected Host header' };
  const origin = headers.origin;
  if (origin !== undefined && origin !== 'null' && origin.toLowerCase() !== `http://${host}`)
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
  const ticket = one(TICKET_HEADER) ?? clientTicket(headers);
  const product = ticket === undefined ? null : TICKET_SHAPE.exec(ticket);
  if (ticket !== undefined && product) out['cookie'] = `${product[1]}AuthCookie=${encodeURIComponent(ticket)}`;
  return out;
}

/**
 * The ticket cookie of an ordinary client (proxmoxer, curl, Terraform after password login): only
 * the product's auth cookie, only with a ticket of its own product's shape, and never from a
 * browser — browsers send Sec-Fetch-* headers on every request to localhost, and a browser's
 * cookies for 127.0.0.1 may have been set by any site there.
 */
function clientTicket(headers: IncomingHttpHeaders): string | undefined {
  if (Object.keys(headers).some((name) => name.startsWith('sec-fetch-'))) return undefined;
  for (const product of ['PVE', 'PMG', 'PBS']) {
    const value = cookieValue(headers.cookie, `${product}AuthCookie`);
    if (value?.startsWith(`${product}:`)) return value;
  }
  return undefined;
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

/** Certificate errors of Node's TLS client, by code, and what each means for the --proxy host. */
const UNTRUSTED: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is not trusted (self-signed?)',
  SELF_SIGNED_CERT_IN_CHAIN: 'is not trusted (self-signed?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'is not trusted (self-signed?)',
  UNABLE_TO_GET_ISSUER_CERT: 'is not trusted (its issuer is unknown)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'is not trusted (its issuer is unknown)',
  CERT_UNTRUSTED: 'is not trusted',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'names another host',
};

/**
 * Why the --proxy host could not be asked, in one line for the log and the 502 answer: what to do
 * about an untrusted certificate, a plain-http port addressed as https, a refused connection; the
 * raw text of other errors cut to its first line (OpenSSL's run over several).
 */
export function upstreamProblem(error: NodeJS.ErrnoException, target: URL): string {
  const host = target.host;
  const code = error.code ?? '';
  const untrusted = UNTRUSTED[code];
  if (untrusted) return `the certificate of ${host} ${untrusted}; pass --insecure to accept it`;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number/i.test(error.message))
    return `${host} does not speak TLS on this port: a plain http server? (then --proxy http://${host})`;
  if (code === 'ECONNREFUSED') return `cannot reach ${host}: connection refused (nothing listens on that port?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${host}: the name does not resolve`;
  if (code === 'ECONNRESET') return `${host} closed the connection`;
  const line = (error.message.split(/\r?\n/)[0] ?? '').trim();
  return `cannot reach ${host}: ${line || code || 'unknown error'}`;
}
