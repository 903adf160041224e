/**
 * `pve-apidoc serve`: a built site and, on the same origin, /api2/json/* forwarded to one Proxmox
 * host (--proxy) or answered by the built-in mock, so a --try-it console can call the API (pveproxy
 * sends no CORS headers, so a page from another origin never could). The forwarding rules are in
 * proxy.ts; the files are served like `preview` does (static.ts), and never through a symlink that
 * leads out of the folder.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve, sep } from 'node:path';
import { OutputError, UsageError } from '../errors.js';
import { handleMock, logLine } from '../mock/server.js';
import { createResponder } from '../mock/respond.js';
import type { ApiModel } from '../model/types.js';
import { API_PREFIX, apiTarget, foreignRequest, forwardHeaders, MAX_PROXY_BODY, returnHeaders, upstreamProblem } from './proxy.js';
import { resolveRequest, sendFile } from './static.js';
import { BodyError, guarded, listen, readBody, refuseBody, requestUrl } from '../listen.js';

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
  // Problems with the --proxy host already logged: one line each, not one per request.
  const logged = new Set<string>();
  const server = createServer(
    guarded((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith(API_PREFIX) || url === API_PREFIX.slice(0, -1) || !url.startsWith('/'))
        return api(req, res, options, mock, logged);
      serveFile(req, res, url, root, exists);
    }),
  );
  const address = await listen(server, options.port, options.host);
  const host = address.host;
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
  const pathname = requestUrl(url)?.pathname;
  if (pathname === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request target\n');
    return;
  }
  const found = resolveRequest(pathname, exists);
  const send = (status: number, file: string): void => sendFile(res, status, root, file, head);
  if (found && 'redirect' in found) res.writeHead(301, { location: found.redirect }).end();
  else if (found) send(200, found.file);
  else if (exists('404.html')) send(404, '404.html');
  else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
}

async function api(
  req: IncomingMessage,
  res: ServerResponse,
  options: ServeOptions,
  mock: ReturnType<typeof handleMock> | null,
  logged: Set<string>,
): Promise<void> {
  const start = performance.now();
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  const log = (status: number): void =>
    options.log?.(logLine(method, rawUrl.startsWith('/') ? rawUrl : '(absolute URL)', status, performance.now() - start));
  const refuse = (status: number, reason: string, message?: string): void => {
    const body = message === undefined ? { data: null } : { data: null, message };
    res
      .writeHead(status, ascii(reason), { 'content-type': 'application/json;charset=UTF-8', connection: 'close' })
      .end(`${JSON.stringify(body)}\n`);
    log(status);
  };
  const target = apiTarget(rawUrl);
  if ('status' in target) return refuse(target.status, target.reason);
  const foreign = foreignRequest(req.headers, options.host);
  if (foreign) return refuse(foreign.status, foreign.reason);
  const headers = forwardHeaders(req.headers);
  if (mock) {
    // The mock sees exactly what a real host would be sent: the filtered headers.
    req.headers = headers;
    await mock(req, res);
    log(res.statusCode);
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_PROXY_BODY);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.reason === 'too large') {
      refuseBody(req, res, MAX_PROXY_BODY);
      log(413);
    } else {
      // The client went away before sending its whole body: that request is over, nothing is forwarded.
      res.destroy();
      log(499);
    }
    return;
  }
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
      const status = answer.statusCode ?? 0;
      // Node refuses to send a status outside 100-999; a 1xx is no final answer either.
      if (status < 200 || status > 599) {
        answer.destroy();
        const problem = `${proxy.host} answered with an invalid HTTP status (${status})`;
        return refuse(502, problem, problem);
      }
      res.writeHead(status, ascii(answer.statusMessage ?? ''), returnHeaders(answer.headers));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
      answer.on('end', () => log(status));
    },
  );
  // A client that leaves early ends the upstream request too (and that is no problem of the host's).
  let clientGone = false;
  res.on('close', () => {
    if (res.writableFinished) return;
    clientGone = true;
    upstream.destroy();
  });
  upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('no answer within 60 s'), { code: 'ETIMEDOUT' })));
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (clientGone) return;
    const problem = upstreamProblem(error, proxy);
    if (!logged.has(problem)) {
      logged.add(problem);
      options.log?.(`proxy: ${problem}`);
    }
    // The console shows the status line and the body: the hint is in both.
    if (!res.headersSent) refuse(502, problem, problem);
    else res.destroy();
  });
  upstream.end(body);
}

/** A reason phrase from another server or an error: printable ASCII only, bounded (Node throws on others). */
function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
