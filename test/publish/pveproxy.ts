/**
 * A stand-in for how pveproxy serves /pve-docs/ (no real Proxmox host here), written from
 * pve-http-server's PVE::APIServer::AnyEvent and pve-manager's PVE::Service::pveproxy, not from our
 * generator, so a test against it can fail:
 * - folders are listed once at start-up (File::Find, symlinks not followed): a folder made later is
 *   not served until a restart;
 * - only GET; the decoded path must match ^(/\S+/)([a-zA-Z0-9\-_.]+)$ and its folder part must be a
 *   listed folder - so "/pve-docs/api/" (a folder) is an error, there is no index;
 * - the extension (after the last ".", case-sensitive) must be one it has a content type for;
 * - every failure is answered 501 (its error path), never a 404 page.
 */
import { readdirSync, readFileSync, statSync, lstatSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

/** pve-http-server's $file_extension_info, content types as it sends them (text/html without charset). */
export const PVEPROXY_TYPES: Record<string, string> = {
  css: 'text/css',
  html: 'text/html',
  js: 'application/javascript',
  json: 'application/json',
  map: 'application/json',
  png: 'image/png',
  ico: 'image/x-icon',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  jar: 'application/java-archive',
  woff: 'application/font-woff',
  woff2: 'application/font-woff2',
  ttf: 'application/font-snft',
  pdf: 'application/pdf',
  epub: 'application/epub+zip',
  mp3: 'audio/mpeg',
  oga: 'audio/ogg',
  tgz: 'application/x-compressed-tar',
};

/** pveproxy's request pattern for files below its dirs. */
export const PVEPROXY_PATH = /^(\/\S+\/)([a-zA-Z0-9\-_.]+)$/;

/** The alias -> folder map add_dirs builds: `alias` and every folder below `dir`, no symlinks followed. */
function addDirs(alias: string, dir: string): Map<string, string> {
  const dirs = new Map<string, string>([[alias, `${dir}/`]]);
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const full = join(dir, rel, name);
      if (lstatSync(full).isDirectory()) {
        const sub = rel === '' ? name : `${rel}/${name}`;
        dirs.set(`${alias}${sub}/`, `${full}/`);
        walk(sub);
      }
    }
  };
  walk('');
  return dirs;
}

interface PveproxyAnswer {
  status: number;
  type?: string;
  body: Buffer | string;
}

/** What pveproxy answers for a request to one of its dirs. */
function pveproxyAnswer(dirs: Map<string, string>, method: string, rawPath: string): PveproxyAnswer {
  if (method !== 'GET') return { status: 501, body: `method '${method}' not served from a folder` };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 501, body: 'bad path' };
  }
  const m = PVEPROXY_PATH.exec(path);
  const dir = m ? dirs.get(m[1]!) : undefined;
  if (!m || dir === undefined) return { status: 501, body: `no such file '${path}'` };
  const file = `${dir}${m[2]!}`;
  let data: Buffer;
  try {
    if (!statSync(file).isFile()) return { status: 501, body: `unable to open file '${file}'` };
    data = readFileSync(file);
  } catch {
    return { status: 501, body: `unable to open file '${file}'` };
  }
  const ext = /\.([^.]*)$/.exec(m[2]!)?.[1];
  const type = ext === undefined ? undefined : PVEPROXY_TYPES[ext];
  if (type === undefined) return { status: 501, body: 'unable to detect content type' };
  return { status: 200, type, body: data };
}

export interface Pveproxy {
  server: Server;
  origin: string;
  /** Every request that was not answered 200, as "METHOD path status". */
  failures: string[];
  close(): Promise<void>;
}

/** Serves `docsDir` at /pve-docs/ on 127.0.0.1, with the folder list taken now (as at pveproxy start). */
export async function startPveproxy(docsDir: string): Promise<Pveproxy> {
  const dirs = addDirs('/pve-docs/', docsDir);
  const failures: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = pveproxyAnswer(dirs, req.method ?? 'GET', url.pathname);
    if (answer.status !== 200) failures.push(`${req.method} ${url.pathname} ${answer.status}`);
    res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    failures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
