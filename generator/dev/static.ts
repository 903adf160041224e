/**
 * What the dev server, `preview` and `serve` share: which output file a URL asks for (hosted, clean
 * URLs: "/api/nodes/" is api/nodes/index.html), the content type to send it with, sending it, and
 * which Host headers name this machine.
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.zip': 'application/zip',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution = { file: string } | { redirect: string } | null;

/**
 * The output file for a request path below the site root (without the base path): "" and "/" give
 * index.html, "a/b/" gives a/b/index.html, "a/b" redirects to "a/b/" when that is a folder page.
 * Null for anything that does not exist or tries to leave the root.
 */
export function resolveRequest(relativePath: string, exists: (file: string) => boolean): Resolution {
  let path: string;
  try {
    path = decodeURIComponent(relativePath);
  } catch {
    return null;
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  const file = path.replace(/^\/+/, '');
  if (file === '' || file.endsWith('/')) {
    const index = `${file}index.html`;
    return exists(index) ? { file: index } : null;
  }
  if (exists(file)) return { file };
  if (exists(`${file}/index.html`)) return { redirect: `${segments[segments.length - 1]}/` };
  return null;
}

/**
 * A Host header naming this machine: localhost (and *.localhost), an IP literal (v4, or v6 in
 * brackets), or the bind host. A DNS-rebinding page reaches us under its own name, never under an
 * IP literal, so these are safe to answer whatever address the server listens on.
 */
export function localHost(header: string | undefined, bound: string): boolean {
  if (header === undefined) return false;
  const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.replace(/:\d+$/, '');
  const lower = name.toLowerCase();
  return lower === 'localhost' || lower.endsWith('.localhost') || isIP(lower) !== 0 || lower === bound.toLowerCase();
}

/**
 * Sends `file` of the folder `root` (already found, and checked to be inside it) as a static host
 * does; HEAD gets the headers only. An SVG (a --logo) gets a CSP that runs no script in it when
 * opened directly. A file removed or unreadable since it was found ends this answer, not the process.
 */
export function sendFile(res: ServerResponse, status: number, root: string, file: string, head: boolean): void {
  const headers: Record<string, string> = {
    'content-type': contentType(file),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
  if (file.toLowerCase().endsWith('.svg')) headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  res.writeHead(status, headers);
  if (head) {
    res.end();
    return;
  }
  createReadStream(join(root, file))
    .on('error', () => res.destroy())
    .pipe(res);
}
