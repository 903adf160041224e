/**
 * `pve-apidoc preview`: serves a built output folder the way a static host does (clean URLs,
 * 404.html for anything missing, the site below its --base-url path), with node:http only.
 * Like the dev server it answers only requests addressed to a local name or an IP (a DNS
 * rebinding page cannot read it), serves no file reached through a symbolic link (a link inside
 * the folder could point anywhere), and sends SVG with a CSP that runs no script in it.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { localHost, resolveRequest, sendFile } from './static.js';
import { guarded, listen, requestUrl } from '../listen.js';

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
  const realRoot = realpathSync(root);
  const exists = (file: string): boolean => {
    const full = join(root, file);
    if (!(full === root || full.startsWith(root + sep))) return false;
    // A regular file (not a link), and no link anywhere on the way: the real path is the path asked for.
    try {
      return lstatSync(full).isFile() && realpathSync(full) === join(realRoot, file);
    } catch {
      return false;
    }
  };
  const send = (res: ServerResponse, status: number, file: string, head: boolean): void => sendFile(res, status, root, file, head);
  const server = createServer(
    guarded((req, res) => {
      if (!localHost(req.headers.host, options.host)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden host\n');
        return;
      }
      const head = req.method === 'HEAD';
      if (req.method !== 'GET' && !head) {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const pathname = requestUrl(req.url ?? '/')?.pathname;
      if (pathname === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request target\n');
        return;
      }
      if (pathname === base.slice(0, -1) || (pathname === '/' && base !== '/')) {
        res.writeHead(302, { location: base }).end();
        return;
      }
      const found = pathname.startsWith(base) ? resolveRequest(pathname.slice(base.length), exists) : null;
      if (found && 'redirect' in found) res.writeHead(301, { location: found.redirect }).end();
      else if (found) send(res, 200, found.file, head);
      else if (exists('404.html')) send(res, 404, '404.html', head);
      else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    }),
  );
  const address = await listen(server, options.port, options.host);
  const host = address.host;
  return {
    url: `http://${host}:${address.port}${base}`,
    server,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
