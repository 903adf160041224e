/**
 * The one index of a model's path tree: the ApiPath a path string names, each path's parent and
 * children as ApiPaths, the top-level paths, and where each path stands among its siblings. The
 * pages (links, breadcrumbs, the index tree), the navigation, the coverage page, the Markdown
 * export and the MCP server all read it; each used to build its own map from path to page.
 *
 * Built once per model and remembered with it (a model is never changed after normalize; the
 * pve-host layout makes a new model, with its own index). An operation's anchor is the model's
 * own (Operation.anchor), so nothing of it is needed here.
 */
import type { ApiModel, ApiPath } from './types.js';

export interface SiteIndex {
  byPath: ReadonlyMap<string, ApiPath>;
  /** The paths without a parent, in schema order. */
  roots: readonly ApiPath[];
  /** Each path's children that the model has, in schema order (an empty list for a leaf). */
  kids: ReadonlyMap<string, readonly ApiPath[]>;
  /** Where each path is in its parent's list of children (or among the top-level paths). */
  position: ReadonlyMap<string, number>;
}

const built = new WeakMap<ApiModel, SiteIndex>();

export function siteIndex(model: ApiModel): SiteIndex {
  let index = built.get(model);
  if (index === undefined) {
    index = buildIndex(model);
    built.set(model, index);
  }
  return index;
}

function buildIndex(model: ApiModel): SiteIndex {
  const byPath = new Map(model.paths.map((p) => [p.path, p]));
  const roots = model.paths.filter((p) => p.parent === null);
  const kids = new Map<string, ApiPath[]>();
  const position = new Map<string, number>();
  for (const [i, p] of roots.entries()) position.set(p.path, i);
  for (const p of model.paths) {
    const list = p.children.map((c) => byPath.get(c)).filter((c): c is ApiPath => c !== undefined);
    kids.set(p.path, list);
    for (const [i, c] of list.entries()) position.set(c.path, i);
  }
  return { byPath, roots, kids, position };
}

/** The path's parent, if the model has it. */
export function parentOf(index: SiteIndex, p: ApiPath): ApiPath | undefined {
  return p.parent === null ? undefined : index.byPath.get(p.parent);
}

/** The paths from the top-level one down to `p`, inclusive. */
export function ancestry(index: SiteIndex, p: ApiPath): ApiPath[] {
  const chain: ApiPath[] = [];
  for (let at: ApiPath | undefined = p; at; at = parentOf(index, at)) chain.unshift(at);
  return chain;
}
