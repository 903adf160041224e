/**
 * `pve-apidoc dev`: the site served through Vite's dev server, which brings the file watcher and
 * the live-reload channel (its /@vite/client script). Pages come from the in-memory DevSite; a
 * change is classified (template, browser code or style, schema, logo), only that part is
 * redone, the pages being viewed are re-rendered, and every open browser reloads. Each rebuild
 * prints its latency.
 */
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { BuildOptions } from '../build.js';
import { escapeHtml } from '../render/escape.js';
import { contentBytes } from '../output-file.js';
import type { Logger } from '../log.js';
import { listenError } from '../listen.js';
import { packageRoot } from '../paths.js';
import { DevSite, since } from './site.js';
import { contentType, resolveRequest } from './static.js';

export interface DevOptions {
  build: BuildOptions;
  host: string;
  port: number;
}

export interface DevServer {
  url: string;
  site: DevSite;
  /** Resolves after the next rebuild finished (tests). */
  close(): Promise<void>;
}

type ChangeKind = 'template' | 'browser' | 'schema' | 'theme';

export async function startDevServer(options: DevOptions, log: Logger): Promise<DevServer> {
  // Dev pages are served from the server root with hosted (clean) URLs, whatever --base-url says.
  const buildOptions: BuildOptions = { ...options.build, offline: false };
  delete buildOptions.baseUrl;
  const started = performance.now();
  const site = await DevSite.create(buildOptions, log);
  log.info(`loaded ${site.stats.title} (${site.stats.paths} paths, ${site.stats.operations} operations) in ${since(started)} ms`);

  const root = packageRoot();
  const builtInTemplates = join(root, 'templates');
  const siteSource = join(root, 'site', 'src');
  const userTemplates = buildOptions.templates ? resolve(buildOptions.templates) : null;
  const localFile = (source: string | undefined): string | null =>
    source && !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? resolve(source) : null;
  const schemaFiles = [localFile(buildOptions.schema), localFile(buildOptions.formats)].filter((f): f is string => f !== null);
  const logo = localFile(buildOptions.theme?.logo);
  const inside = (file: string, dir: string | null): boolean => dir !== null && (file === dir || file.startsWith(dir + sep));

  const classify = (file: string): ChangeKind | null => {
    if (schemaFiles.includes(file)) return 'schema';
    if (logo === file) return 'theme';
    if (file.endsWith('.hbs') && (inside(file, builtInTemplates) || inside(file, userTemplates))) return 'template';
    if (inside(file, siteSource)) return 'browser';
    return null;
  };

  const { createServer } = await import('vite');
  let rebuild: (kinds: Set<ChangeKind>, files: string[], t0: number) => Promise<void> = async () => {};
  const vite = await createServer({
    configFile: false,
    root: join(root, 'site'),
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      host: options.host,
      port: options.port,
      strictPort: options.port !== 0,
      // The overlay styles itself inline, which the pages' CSP forbids; errors show as a page instead.
      hmr: { overlay: false },
      watch: { ignored: ['**/dist/**', '**/node_modules/**'] },
      preTransformRequests: false,
      // Vite would serve any file below the workspace root it guesses (a monorepo's root, with
      // its secrets): only the browser sources and Vite's own client are served from disk; the
      // pages come from memory.
      fs: { strict: true, allow: [join(root, 'site'), dirname(createRequire(import.meta.url).resolve('vite/package.json'))] },
    },
    plugins: [
      {
        name: 'pve-apidoc-dev',
        configureServer(server) {
          // Registered directly (not returned), so it runs before Vite's own middlewares.
          server.middlewares.use((req, res, next) => {
            const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
            if (pathname.startsWith('/@') || pathname.startsWith('/__') || pathname.startsWith('/node_modules/')) return next();
            try {
              serve(site, pathname, res);
            } catch (error) {
              log.warn(`dev: ${pathname}: ${(error as Error).message}`);
              send(res, 500, 'error.html', errorPage(error));
            }
          });
        },
      },
    ],
  });

  // Coalesce the events of one save (editors write, rename, touch) into one rebuild, in order.
  let chain = Promise.resolve();
  let batch: { kinds: Set<ChangeKind>; files: Set<string>; t0: number } | null = null;
  const onEvent = (file: string): void => {
    const kind = classify(resolve(file));
    if (!kind) return;
    if (!batch) {
      batch = { kinds: new Set(), files: new Set(), t0: performance.now() };
      // A few milliseconds: editors often write a file in two steps (truncate, write), two events.
      setTimeout(() => {
        const current = batch!;
        batch = null;
        chain = chain.then(() => rebuild(current.kinds, [...current.files], current.t0));
      }, 5);
    }
    batch.kinds.add(kind);
    batch.files.add(resolve(file));
  };
  vite.watcher.on('change', onEvent);
  vite.watcher.on('add', onEvent);
  vite.watcher.on('unlink', onEvent);
  vite.watcher.add(
    [builtInTemplates, ...(userTemplates ? [userTemplates] : []), ...schemaFiles, ...(logo ? [logo] : [])].filter(
      (p) => existsSync(p) || p === userTemplates,
    ),
  );

  rebuild = async (kinds, files, t0) => {
    const names = files.map((f) => relative(process.cwd(), f) || f).join(', ');
    const steps: string[] = [];
    const step = async (label: string, work: () => unknown): Promise<void> => {
      const start = performance.now();
      await work();
      steps.push(`${label} ${since(start)} ms`);
    };
    try {
      if (kinds.has('schema')) await step('schema', () => site.reloadModel());
      if (kinds.has('browser')) await step('assets', () => rebuildBrowserAssets(root).then(() => site.reloadAssets()));
      else if (kinds.has('theme')) await step('theme', () => site.reloadTheme());
      if (kinds.has('template')) await step('templates', () => site.reloadTemplates());
      let warmed = 0;
      await step('render', () => (warmed = site.warm()));
      vite.ws.send({ type: 'full-reload', path: '*' });
      log.info(
        `${names} changed: rebuilt in ${since(t0)} ms (${steps.join(', ')}; ${warmed} page${warmed === 1 ? '' : 's'} re-rendered), reloading`,
      );
    } catch (error) {
      // Keep serving the last good state; the browser reloads into an error page for template errors.
      log.warn(`${names}: ${(error as Error).message}`);
      vite.ws.send({ type: 'full-reload', path: '*' });
    }
  };

  try {
    await vite.listen();
  } catch (error) {
    // Vite's watcher would keep the process alive after the failure: close it, then say why.
    await vite.close();
    throw listenError(viteListenError(error), options.host, options.port);
  }
  const address = vite.httpServer?.address() as AddressInfo | null;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address?.port ?? options.port}/`;
  log.info(`dev server: ${url}`);
  log.info(
    `watching ${[relative(process.cwd(), builtInTemplates), userTemplates && relative(process.cwd(), userTemplates), relative(process.cwd(), siteSource), ...schemaFiles.map((f) => relative(process.cwd(), f))].filter(Boolean).join(', ')}`,
  );
  return {
    url,
    site,
    close: async () => {
      await chain;
      await vite.close();
    },
  };
}

/** Vite reports a taken port (with strictPort) as a plain Error("Port N is already in use"): give it Node's code back. */
function viteListenError(error: unknown): NodeJS.ErrnoException {
  if (!(error instanceof Error)) return new Error(String(error));
  if (/^Port \d+ is already in use$/.test(error.message)) return Object.assign(error, { code: 'EADDRINUSE' });
  return error;
}

function serve(site: DevSite, pathname: string, res: ServerResponse): void {
  const found = resolveRequest(pathname, (f) => site.has(f));
  if (found && 'redirect' in found) {
    res.writeHead(301, { location: found.redirect }).end();
    return;
  }
  const file = found ? found.file : '404.html';
  const content = site.get(file);
  if (content === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const bytes = contentBytes(content);
  send(res, found ? 200 : 404, file, file.endsWith('.html') ? withLiveReload(bytes.toString('utf8')) : bytes);
}

function send(res: ServerResponse, status: number, file: string, content: string | Buffer): void {
  res.writeHead(status, { 'content-type': contentType(file), 'cache-control': 'no-store' });
  res.end(content);
}

/**
 * Adds Vite's client (the live-reload socket) to a page, and lets the page's CSP allow it: the
 * built site allows no connections at all, the dev page its own server's WebSocket.
 */
function withLiveReload(html: string): string {
  const csp = html.replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)"/i, (_, open: string, policy: string) => {
    const relaxed = /connect-src [^;]*/.test(policy)
      ? policy.replace(/connect-src [^;]*/, "connect-src 'self' ws: wss:")
      : `${policy}; connect-src 'self' ws: wss:`;
    return `${open}${relaxed}"`;
  });
  const client = '<script type="module" src="/@vite/client"></script>\n';
  return csp.includes('</head>') ? csp.replace('</head>', `${client}</head>`) : client + csp;
}

function errorPage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return withLiveReload(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>pve-apidoc dev: error</title></head><body><h1>Build error</h1><pre>${escapeHtml(message)}</pre><p>Fix the file and save: this page reloads by itself.</p></body></html>\n`,
  );
}

/** Rebuilds site/dist exactly as `npm run compile` does (the same Vite config), then the DevSite reads it. */
async function rebuildBrowserAssets(root: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'site', 'vite.config.ts'), logLevel: 'warn' });
}
