/**
 * Browser helpers shared by the browser tests and the benchmark (so that bench/ need not import
 * test/): headless Debian Chromium driven by playwright-core (no browser download: the system
 * `chromium` package, which .ci/run installs), and a tiny static HTTP server for an output folder
 * on 127.0.0.1 at a random port.
 *
 *   const browser = await launchChromium();          // fresh profile, no background traffic
 *   const server = await serveDirectory(siteDir);    // server.url is "http://127.0.0.1:PORT/"
 *   const page = await browser.context.newPage();
 *   await page.goto(server.url + 'operations/');
 *   ...
 *   await server.close(); await browser.close();      // also deletes the profile
 *
 * `chromiumAvailable()` lets a suite skip cleanly on a machine without Chromium (CI has it).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** Path of the Chromium binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface ChromiumSession {
  /** A persistent context on a fresh, temporary profile (the --user-data-dir). */
  context: BrowserContext;
  profileDir: string;
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Chromium command-line switches. */
  args?: string[];
  viewport?: { width: number; height: number };
}

/**
 * Launches headless Chromium with a fresh profile. Playwright takes the profile folder as the
 * persistent context's userDataDir (it rejects a --user-data-dir switch in `args`).
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const profileDir = mkdtempSync(join(tmpdir(), 'pve-apidoc-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    serviceWorkers: 'block',
  });
  return {
    context,
    profileDir,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.zip': 'application/zip',
  '.yaml': 'application/yaml',
};

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. "http://127.0.0.1:41234/". */
  url: string;
  port: number;
  /** Every request as "METHOD /path?query", in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Served (with status 404) for missing files when it exists; default "404.html". */
  notFound?: string;
}

/**
 * Serves `dir` read-only like a static host: GET and HEAD only; a folder answers with its
 * index.html (a folder URL without its trailing slash is redirected to it, as hosts do); nothing
 * outside `dir` is reachable. No caching, so every test sees the files as they are now.
 */
export async function serveDirectory(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(root, '.' + pathname);
    if (pathname.includes('\0') || (file !== root && !file.startsWith(root + sep))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
        res.writeHead(301, { location: encodeURI(pathname + '/') + query }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file) || !statSync(file).isFile()) {
      const fallback = join(root, options.notFound ?? '404.html');
      if (!existsSync(fallback)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      file = fallback;
      status = 404;
    }
    res.writeHead(status, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  const server: Server = createServer(handler);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** file:// URL of a file in an output folder, e.g. fileUrl(out, 'operations/index.html'). */
export function fileUrl(dir: string, file = 'index.html'): string {
  return pathToFileURL(join(resolve(dir), file)).href;
}
