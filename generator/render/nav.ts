/**
 * The navigation tree in every page's sidebar. Measured on PVE 9.1 (435 paths), the full tree
 * server-rendered costs about 5 KB gzipped and 80 KB raw per page: inside the per-page budget,
 * but it would add about 36 MB (raw) to every build of 440 pages and the same again per version.
 * So the full tree ships once per site as a classic script (`assets/nav-tree.js`, a global, no
 * fetch: it must load from file://), the browser renders it, and each page carries only its own
 * branch (ancestors with their siblings, and its children), server-rendered, for readers without
 * JavaScript (nested lists; the script adds disclosure buttons).
 */
import { createHash } from 'node:crypto';
import type { ApiModel, ApiPath } from '../model/types.js';
import type { PageLinks } from './site-context.js';
import { visibleInvisible } from './escape.js';
import { jsonForScript } from '../text/script-json.js';

export const NAV_TREE_FILE = 'assets/nav-tree.js';
export const NAV_TREE_GLOBAL = 'pveApidocNav';

/** One entry of the server-rendered branch. */
export interface NavItemView {
  /** The path segment shown ("{vmid}", or "/nodes" at the top). */
  text: string;
  path: string;
  href: string;
  current: boolean;
  /** Rendered with its children: an ancestor of the current page, or the page itself. */
  open: boolean;
  /** Child entries shown; null when the path has none, [] when it has some that this branch leaves out. */
  children: NavItemView[] | null;
}

export interface NavView {
  items: NavItemView[];
  /** The shared tree script, linked from this page; "" when the page gets the branch only. */
  treeScript: string;
}

/**
 * The branch for one page: every top-level path, and below each ancestor of `current` its
 * children (so the current page's siblings), and the current page's own children.
 */
export function navBranch(model: ApiModel, byPath: Map<string, ApiPath>, current: ApiPath | null, links: PageLinks): NavItemView[] {
  const chain = new Set<string>();
  for (let p: ApiPath | undefined = current ?? undefined; p; p = p.parent ? byPath.get(p.parent) : undefined) chain.add(p.path);
  const item = (p: ApiPath, top: boolean): NavItemView => {
    const open = chain.has(p.path);
    const kids = p.children.map((c) => byPath.get(c)).filter((c): c is ApiPath => c !== undefined);
    return {
      text: top ? p.path : p.text,
      path: p.path,
      href: links.href(p.file),
      current: p === current,
      open,
      children: kids.length === 0 ? null : open ? kids.map((k) => item(k, false)) : [],
    };
  };
  return model.paths.filter((p) => p.parent === null).map((p) => item(p, true));
}

/**
 * The whole tree as data: [segment, file, children] per path, compact because every page loads it
 * (cached after the first). The page script builds the same markup as the branch from it.
 */
type NavNode = [string, string, NavNode[]] | [string, string];

export function navTreeAsset(model: ApiModel): { file: string; content: string; version: string } {
  const byPath = new Map(model.paths.map((p) => [p.path, p]));
  const node = (p: ApiPath, top: boolean): NavNode => {
    const kids = p.children.map((c) => byPath.get(c)).filter((c): c is ApiPath => c !== undefined);
    // The page script writes these as text: bidi and control characters shown as <U+XXXX>, as on the pages.
    const text = visibleInvisible(top ? p.path : p.text);
    return kids.length ? [text, p.file, kids.map((k) => node(k, false))] : [text, p.file];
  };
  // Safe to inline or concatenate: no "</script" and no JS line terminators from schema text.
  const json = jsonForScript(model.paths.filter((p) => p.parent === null).map((p) => node(p, true)));
  const content = `/* pve-apidoc navigation tree */\nwindow.${NAV_TREE_GLOBAL}=${json};\n`;
  return { file: NAV_TREE_FILE, content, version: createHash('sha256').update(content).digest('hex').slice(0, 10) };
}
