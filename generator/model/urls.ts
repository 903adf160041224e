/**
 * Page URLs. Every API path gets a folder under `api/` with an index.html, e.g.
 *   /nodes/{node}/qemu/{vmid}  ->  api/nodes/_node/qemu/_vmid/index.html
 * The mapping is injective (no two API paths share a page): a `{param}` segment becomes `_param`,
 * a literal segment is kept when it is plain (lowercase letters, digits, `.`, `-`, `_`, not starting
 * with `_` or `.`), and anything else is written as `~` plus hex bytes, which no plain segment
 * contains. Keeping API pages under `api/` leaves the top level free for the site's own pages.
 * A plain segment is also hex-encoded when it would not survive as a name everywhere the output
 * is unpacked or shares its folder with our own files: `index.*` (the page's own index.html and
 * index.md: `/x/index.md` would clash with the Markdown export of `/x`), Windows device names
 * (`aux`, `nul`, `com1`, also with an extension) and a trailing dot (which Windows drops).
 * Upper-case letters are never plain, so paths differing only in case stay apart on
 * case-insensitive file systems (macOS, Windows).
 */
import { createHash } from 'node:crypto';
import type { Operation } from './types.js';

const PLAIN_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;
const PARAM_SEGMENT = /^\{([a-z0-9][a-z0-9_-]*)\}$/i;

export function segmentSlug(segment: string): string {
  const slug = readableSlug(segment);
  // File systems cap a name at 255 bytes: a longer slug (a 128-byte segment in hex already is)
  // becomes `~~` and the segment's SHA-256, which no other form can produce (hex has no `~`).
  return slug.length <= MAX_SLUG ? slug : '~~' + createHash('sha256').update(segment, 'utf8').digest('hex');
}

const MAX_SLUG = 200;

function readableSlug(segment: string): string {
  const param = PARAM_SEGMENT.exec(segment);
  if (param?.[1] && PLAIN_SEGMENT.test(param[1].toLowerCase()) && param[1] === param[1].toLowerCase()) return `_${param[1]}`;
  if (PLAIN_SEGMENT.test(segment) && !segment.startsWith('index.') && !segment.endsWith('.') && !isWindowsReserved(segment)) {
    return segment;
  }
  return '~' + Buffer.from(segment, 'utf8').toString('hex');
}

/** Windows device names, reserved in every folder and with any extension ("aux.txt" too). */
export function isWindowsReserved(name: string): boolean {
  return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(name);
}

/** Output file of an API path's page, relative to the output root. */
export function pageFile(apiPath: string): string {
  // Empty segments are kept (written `~`): "/a//b" and "/a/b/" must not share the page of "/a/b".
  const segments = apiPath === '/' ? [] : apiPath.slice(apiPath.startsWith('/') ? 1 : 0).split('/');
  return ['api', ...segments.map(segmentSlug), 'index.html'].join('/');
}

/** How the site lays out its pages: the usual folders, or one folder pveproxy can serve (publish/pve-host.ts). */
export type Layout = 'default' | 'pve-host';

/**
 * The page file of an API path in a layout, decided here once, before anything is rendered:
 * every renderer, the search index, the path tree and the manifest read ApiPath.file.
 */
export function layoutPageFile(apiPath: string, layout: Layout = 'default'): string {
  return layout === 'pve-host' ? flatPageFile(pageFile(apiPath)) : pageFile(apiPath);
}

const MAX_FLAT_NAME = 200;

/**
 * `--layout pve-host` writes every API page into one folder: "api/nodes/_node/qemu/index.html"
 * becomes "api.nodes._node.qemu.html" (pveproxy serves only folders it listed at start-up, so new
 * paths must not add folders). Injective, and also on case-insensitive file systems: segment slugs
 * are lower case and stay so, "-" escapes ("-" is written "--", "." "-d", "~" "-x"), so "." only
 * separates segments; a name too long for a file system becomes "api.-h<sha256>.html", which no
 * escaped segment starts with.
 */
export function flatPageFile(file: string): string {
  const inner = file.replace(/^api\//, '').replace(/(^|\/)index\.html$/, '');
  const segments = inner === '' ? [] : inner.split('/');
  const escaped = (segment: string): string => segment.replace(/[-.~]/g, (c) => (c === '-' ? '--' : c === '.' ? '-d' : '-x'));
  const name = ['api', ...segments.map(escaped), 'html'].join('.');
  if (name.length <= MAX_FLAT_NAME) return name;
  return `api.-h${createHash('sha256').update(file, 'utf8').digest('hex')}.html`;
}

/** A relative link from one output file to another ("../../x/index.html"); `clean` drops a trailing index.html. */
export function relativeHref(fromFile: string, toFile: string, clean: boolean): string {
  // Called for every link of every page: one pass over the shared folder prefix, no arrays.
  const fromDir = fromFile.lastIndexOf('/') + 1;
  const toDir = toFile.lastIndexOf('/') + 1;
  const shared = Math.min(fromDir, toDir);
  let cut = 0;
  for (let i = 0; i < shared; i++) {
    const c = fromFile.charCodeAt(i);
    if (c !== toFile.charCodeAt(i)) break;
    if (c === 47 /* / */) cut = i + 1;
  }
  let up = 0;
  for (let i = cut; i < fromDir; i++) if (fromFile.charCodeAt(i) === 47) up++;
  let href = '../'.repeat(up) + toFile.slice(cut);
  if (clean && href.endsWith('index.html')) {
    href = href.slice(0, -'index.html'.length);
    if (href === '') href = './';
  }
  return href;
}

/** An HTML id from arbitrary text: lowercase, runs of other characters folded to `-`. */
export function idFragment(text: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9_.]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'x' : id;
}

/** Makes ids unique within one page deterministically: the second "a" becomes "a-2". */
export function uniqueIds(): (id: string) => string {
  const used = new Map<string, number>();
  return (id) => {
    let count = (used.get(id) ?? 0) + 1;
    used.set(id, count);
    if (count === 1) return id;
    // "a-2" may be taken already (by a name that was "a-2" itself): count on until free.
    let next = `${id}-${count}`;
    while (used.has(next)) next = `${id}-${++count}`;
    used.set(id, count);
    used.set(next, 1);
    return next;
  };
}

/**
 * An HTML id that stays unique for distinct names without a page-wide registry: plain names keep
 * their spelling (ids are case-sensitive, so VM.Audit and vm.audit differ), anything else becomes
 * a hash of the name. Used for privileges and sections, whose names come from schema text.
 */
export function stableId(prefix: string, name: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) return `${prefix}-${name}`;
  return `${prefix}-x${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

/** The site's own top-level pages (API pages live under api/, so these never collide with them). */
export const SITE_FILES = {
  index: 'index.html',
  operations: 'operations/index.html',
  auth: 'auth/index.html',
  tasks: 'tasks/index.html',
  errors: 'errors/index.html',
  privileges: 'privileges/index.html',
  coverage: 'coverage/index.html',
  notFound: '404.html',
} as const;

/**
 * The `{name}` placeholders of an operation's path that its parameters do not declare (PBS: 19 in
 * 16 operations, e.g. `GET /admin/datastore/{store}`). The URL needs a value for each all the same.
 */
export function undeclaredPathParams(op: Pick<Operation, 'path' | 'parameters'>): string[] {
  const declared = new Set(op.parameters.filter((p) => p.location === 'path').map((p) => p.name));
  const out: string[] = [];
  for (const m of op.path.matchAll(/\{([^{}]+)\}/g)) {
    const name = m[1] ?? '';
    if (!declared.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}
