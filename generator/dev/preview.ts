/**
 * `pve-apidoc preview`: serves a built output folder the way a static host does (clean URLs,
 * 404.html for anything missing, the site below its --base-url path), with node:http only.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { contentType, resolveRequest } from './static.js';

export interface PreviewOptions {
  dir: string;
  host: string;
  port: number;
  /** Path the site is served under ("/docs/"); "/" by default. */
  basePath?: string;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<RunningServer> {
  const root = resolve(options.dir);
  if (!existsSync(join(root, 'index.html')))
    throw new OutputError(`${root} has no index.html: build the site first (pve-apidoc build --out ${options.dir})`);
  const base = (options.basePath ?? '/').replace(/\/*$/, '/');
  const exists = (file: string): boolean => {
    const full = join(root, file);
    return (full === root || full.startsWith(root + sep)) && existsSync(full) && statSync(full).isFile();
  };
  const send = (res: import('node:http').ServerResponse, status: number, file: string, head: boolean): void => {
    res.writeHead(status, { 'content-type': contentType(file), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    if (head) res.end();
    else createReadStream(join(root, file)).pipe(res);
  };
  const server = createServer((req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === base.slice(0, -1) || (pathname === '/' && base !== '/')) {
      res.writeHead(302, { location: base }).end();
      return;
    }
    const found = pathname.startsWith(base) ? resolveRequest(pathname.slice(base.length), exists) : null;
    if (found && 'redirect' in found) res.writeHead(301, { location: found.redirect }).end();
    else if (found) send(res, 200, found.file, head);
    else if (exists('404.html')) send(res, 404, '404.html', head);
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${base}`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
