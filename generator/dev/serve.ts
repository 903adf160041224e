/**
 * `pve-apidoc serve`: a built site and, on the same origin, /api2/json/* forwarded to one Proxmox
 * host (--proxy) or answered by the built-in mock, so a --try-it console can call the API (pveproxy
 * sends no CORS headers, so a page from another origin never could). The forwarding rules are in
 * proxy.ts; the files are served like `preview` does (static.ts), and never through a symlink that
 * leads out of the folder.
 */
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve, sep } from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { handleMock, logLine, readBody } from '../mock/server.js';
import { createResponder } from '../mock/respond.js';
import type { ApiModel } from '../model/types.js';
import { API_PREFIX, apiTarget, foreignRequest, forwardHeaders, MAX_PROXY_BODY, returnHeaders } from './proxy.js';
import { contentType, resolveRequest } from './static.js';
import { listen } from '../listen.js';

export interface ServeOptions {
  dir: string;
  host: string;
  port: number;
  /** The one API origin to forward to; without it, `mock` answers. */
  proxy?: URL;
  insecure?: boolean;
  mock?: ApiModel;
  log?: (line: string) => void;
}

export interface RunningServe {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** https://HOST[:PORT] with nothing else: the proxy target is an origin, never a path or credentials. */
export function parseProxyTarget(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--proxy must be a URL such as https://pve.example.com:8006 (got "${value}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--proxy must be an https:// (or http://) URL');
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new UsageError('--proxy takes only scheme, host and port (https://HOST:8006), no path, query or credentials');
  }
  return new URL(url.origin);
}

export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const root = realpathSync(resolve(options.dir));
  if (!existsSync(join(root, 'index.html')))
    throw new OutputError(`${root} has no index.html: build the site first (pve-apidoc build --out ${options.dir})`);
  if (!options.proxy && !options.mock) throw new UsageError('serve needs --proxy URL or a schema for the built-in mock');
  const exists = (file: string): boolean => {
    const full = join(root, file);
    if (!(full === root || full.startsWith(root + sep)) || !existsSync(full)) return false;
    // Links are followed only while they stay inside the folder.
    const real = realpathSync(full);
    return (real === root || real.startsWith(root + sep)) && statSync(real).isFile();
  };
  const mock = options.mock ? handleMock(createResponder(options.mock)) : null;
  let ownHosts: string[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith(API_PREFIX) || url === API_PREFIX.slice(0, -1) || !url.startsWith('/')) {
      void api(req, res, options, ownHosts, mock);
      return;
    }
    serveFile(req, res, url, root, exists);
  });
  const address = await listen(server, options.port, options.host);
  const host = address.host;
  ownHosts = [`${host}:${address.port}`, `localhost:${address.port}`].map((h) => h.toLowerCase());
  return {
    url: `http://${host}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function serveFile(req: IncomingMessage, res: ServerResponse, url: string, root: string, exists: (file: string) => boolean): void {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = new URL(url, 'http://localhost').pathname;
  const found = resolveRequest(pathname, exists);
  const send = (status: number, file: string): void => {
    res.writeHead(status, { 'content-type': contentType(file), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    if (head) res.end();
    else createReadStream(join(root, file)).pipe(res);
  };
  if (found && 'redirect' in found) res.writeHead(301, { location: found.redirect }).end();
  else if (found) send(200, found.file);
  else if (exists('404.html')) send(404, '404.html');
  else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
}

async function api(
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeOptions,
  ownHosts: readonly string[],
  mock: ReturnType<typeof handleMock> | null,
): Promise<void> {
  const start = performance.now();
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const refuse = (status: number, reason: string): void => {
    res.writeHead(status, reason, { 'content-type': 'application/json;charset=UTF-8', connection: 'close' }).end('{"data":null}\n');
    options.log?.(logLine(method, rawUrl.startsWith('/') ? rawUrl : '(absolute URL)', status, performance.now() - start));
  };
  const target = apiTarget(rawUrl);
  if ('status' in target) return refuse(target.status, target.reason);
  const foreign = foreignRequest(req.headers, ownHosts);
  if (foreign) return refuse(foreign.status, foreign.reason);
  const headers = forwardHeaders(req.headers);
  if (mock) {
    // The mock sees exactly what a real host would be sent: the filtered headers.
    req.headers = headers;
    await mock(req, res);
    options.log?.(logLine(method, rawUrl, res.statusCode, performance.now() - start));
    return;
  }
  const body = await readBody(req, MAX_PROXY_BODY);
  if (body === null) return refuse(413, 'Request Entity Too Large');
  const proxy = options.proxy!;
  const to = new URL(target.path, proxy);
  if (to.origin !== proxy.origin) return refuse(400, 'target outside the proxied host');
  const send = to.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    to,
    {
      method,
      headers: { ...headers, host: proxy.host, 'content-length': String(body.length) },
      rejectUnauthorized: options.insecure !== true,
      timeout: 60_000,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, ascii(answer.statusMessage ?? ''), returnHeaders(answer.headers));
      answer.pipe(res);
      answer.on('end', () => options.log?.(logLine(method, rawUrl, answer.statusCode ?? 502, performance.now() - start)));
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
  upstream.on('error', (error) => {
    if (!res.headersSent) refuse(502, ascii(`cannot reach ${proxy.host}: ${error.message}`));
    else res.destroy();
  });
  upstream.end(body);
}

/** A reason phrase from another server or an error: printable ASCII only, bounded (Node throws on others). */
function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
