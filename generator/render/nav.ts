/**
 * The navigation tree in every page's sidebar. A page must not grow with the API: 20,000 paths
 * with the whole tree on every page made a 1 GB site that ran V8 out of memory. So the whole tree
 * ships once per site as a classic script (`assets/nav-tree.js`, a global, no fetch: it must load
 * from file://), which the page script loads only when it is needed (a collapsed entry opened,
 * the filter used); each page carries only its own branch, server-rendered, for readers without
 * JavaScript: the top-level paths, the children of each ancestor (the page's siblings along the
 * way) and the page's own children, as nested lists.
 *
 * Long lists are cut to a window of NAV_LIST_LIMIT entries around the one on the page's way, with
 * an entry that links to the full list ("… 950 more": the parent's sub-paths, or the index's tree
 * for the top level), so that a branch stays bounded however wide the API is. PVE's longest list
 * (/nodes/{node}) has 41 entries: its pages are not cut.
 */
import { createHash } from 'node:crypto';
import { ancestry, type SiteIndex, siteIndex } from '../model/site-index.js';
import type { ApiModel, ApiPath } from '../model/types.js';
import { SITE_FILES } from '../model/urls.js';
import type { PageLinks } from './site-context.js';
import { visibleCodePoints } from '../text/visible.js';
import { jsonForScript } from '../text/script-json.js';

export const NAV_TREE_FILE = 'assets/nav-tree.js';
const NAV_TREE_GLOBAL = 'pveApidocNav';
/** At most this many entries of one list in a page's branch. */
export const NAV_LIST_LIMIT = 50;

/** One entry of the server-rendered branch. */
export interface NavItemView {
  /** The path segment shown ("{vmid}", or "/nodes" at the top). */
  text: string;
  path: string;
  href: string;
  current: boolean;
  /** Whether the path has sub-paths, listed here or not (the page script adds a disclosure button). */
  sub: boolean;
  /** The sub-paths listed in this branch: those of an ancestor of the current page, or of the page itself. */
  children: NavListView | null;
}

/** Entries of a long list left out of the branch, and where the whole list is. */
export interface NavMoreView {
  text: string;
  href: string;
}

export interface NavListView {
  before: NavMoreView | null;
  items: NavItemView[];
  after: NavMoreView | null;
}

export interface NavView {
  /** This page's branch; null for pages outside the tree (the changelogs of a multi-version site). */
  list: NavListView | null;
  /** The shared tree script, for the page script to load on demand; "" when the page gets the branch only. */
  treeScript: string;
}

/**
 * The branch for one page: the top-level paths, below each ancestor of `current` its children (so
 * the current page's siblings), and the current page's own children; each list windowed.
 */
export function navBranch(index: SiteIndex, current: ApiPath | null, links: PageLinks): NavListView | null {
  const { kids, position } = index;
  if (index.roots.length === 0) return null;
  // Top-level path first, the current page last.
  const chain = current ? ancestry(index, current) : [];
  const list = (paths: readonly ApiPath[], depth: number, whole: string): NavListView => {
    const onWay = chain[depth];
    const { start, end } = navWindow(paths.length, onWay ? (position.get(onWay.path) ?? -1) : -1);
    return {
      before: start > 0 ? { text: `… ${start} before`, href: whole } : null,
      items: paths.slice(start, end).map((p) => {
        const sub = kids.get(p.path) ?? [];
        const href = links.href(p.file);
        return {
          text: depth === 0 ? p.path : p.text,
          path: p.path,
          href,
          current: p === current,
          sub: sub.length > 0,
          children: p === onWay && sub.length > 0 ? list(sub, depth + 1, `${href}#subpaths`) : null,
        };
      }),
      after: end < paths.length ? { text: `… ${paths.length - end} more`, href: whole } : null,
    };
  };
  return list(index.roots, 0, `${links.href(SITE_FILES.index)}#tree`);
}

/**
 * Which entries of a list of `length` to show: all when there are few, else NAV_LIST_LIMIT of them
 * with the one at `at` (-1: none) near the middle.
 */
export function navWindow(length: number, at: number): { start: number; end: number } {
  if (length <= NAV_LIST_LIMIT) return { start: 0, end: length };
  const start = at < 0 ? 0 : Math.min(Math.max(0, at - Math.floor(NAV_LIST_LIMIT / 2)), length - NAV_LIST_LIMIT);
  return { start, end: start + NAV_LIST_LIMIT };
}

/**
 * The whole tree as data: [segment, file, children] per path, compact because it is the one
 * structure of the site that grows with the API. The page script builds the same markup as the
 * branch from it.
 */
type NavNode = [string, string, NavNode[]] | [string, string];

export function navTreeAsset(model: ApiModel): { file: string; content: string; version: string } {
  const { roots, kids } = siteIndex(model);
  const node = (p: ApiPath, top: boolean): NavNode => {
    const sub = kids.get(p.path) ?? [];
    // The page script writes these as text: bidi and control characters shown as <U+XXXX>, as on the pages.
    const text = visibleCodePoints(top ? p.path : p.text);
    return sub.length ? [text, p.file, sub.map((k) => node(k, false))] : [text, p.file];
  };
  // Safe to inline or concatenate: no "</script" and no JS line terminators from schema text.
  const json = jsonForScript(roots.map((p) => node(p, true)));
  const content = `/* pve-apidoc navigation tree */\nwindow.${NAV_TREE_GLOBAL}=${json};\n`;
  return { file: NAV_TREE_FILE, content, version: createHash('sha256').update(content).digest('hex').slice(0, 10) };
}
