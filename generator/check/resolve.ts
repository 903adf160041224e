/**
 * Path template resolution as pve-common's RESTHandler does it: segment by segment, a literal
 * child wins over a `{param}` child, and a `{param}` segment takes any non-empty segment (its value
 * is checked later against the parameter's schema, like every other parameter).
 */
import type { ApiPath } from '../model/types.js';

interface TrieNode {
  literal: Map<string, TrieNode>;
  param: { name: string; node: TrieNode } | null;
  path: ApiPath | null;
}

export interface Resolved {
  path: ApiPath;
  /** Values of the template's `{param}` segments, percent-decoded. */
  pathParams: Record<string, string>;
}

export type PathIndex = (concretePath: string) => Resolved | null;

function node(): TrieNode {
  return { literal: new Map(), param: null, path: null };
}

export function pathIndex(paths: readonly ApiPath[]): PathIndex {
  const root = node();
  for (const p of paths) {
    let at = root;
    for (const segment of split(p.path)) {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param) {
        at.param ??= { name: param[1]!, node: node() };
        at = at.param.node;
      } else {
        let next = at.literal.get(segment);
        if (!next) {
          next = node();
          at.literal.set(segment, next);
        }
        at = next;
      }
    }
    at.path ??= p;
  }
  return (concrete) => {
    const pathParams: Record<string, string> = Object.create(null) as Record<string, string>;
    let at: TrieNode | undefined = root;
    for (const raw of split(concrete)) {
      const segment = decode(raw);
      if (segment === null || !at) return null;
      const literal: TrieNode | undefined = at.literal.get(segment);
      if (literal) {
        at = literal;
        continue;
      }
      if (!at.param || segment === '') return null;
      pathParams[at.param.name] = segment;
      at = at.param.node;
    }
    return at?.path ? { path: at.path, pathParams } : null;
  };
}

/** "/nodes/pve1/" -> ["nodes", "pve1"]: the server ignores a trailing slash. */
function split(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
