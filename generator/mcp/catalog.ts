/**
 * The versions an MCP server answers about: each a label and its normalized model, with what the
 * tools derive from it built on first use (search index, call checker, path map) and kept.
 * Nothing here reads a raw schema or contacts a host: the models were loaded before the server started.
 */
import { siteIndex } from '../model/site-index.js';
import { type Checker, createChecker } from '../check/index.js';
import { diffModels } from '../diff/index.js';
import type { ApiDiff } from '../diff/index.js';
import type { ApiModel, ApiPath, Operation } from '../model/types.js';
import { searchIndexData } from '../search/index.js';
import { loadSearchIndex, type SearchModel } from '../search/query.js';
import { compareVersions } from '../versions/labels.js';

export interface Version {
  label: string;
  model: ApiModel;
}

interface Derived {
  search?: SearchModel;
  checker?: Checker;
}

export class Catalog {
  /** Oldest first (by version label); the newest is the default. */
  readonly versions: readonly Version[];
  private readonly derived = new Map<string, Derived>();
  private readonly diffs = new Map<string, ApiDiff>();

  constructor(versions: Version[]) {
    if (versions.length === 0) throw new Error('no schema loaded');
    const labels = new Set<string>();
    for (const v of versions) {
      if (labels.has(v.label)) throw new Error(`version label "${v.label}" given twice`);
      labels.add(v.label);
    }
    this.versions = [...versions].sort((a, b) => compareVersions(a.label, b.label));
  }

  get labels(): string[] {
    return this.versions.map((v) => v.label);
  }

  /** The named version, or the newest; an unknown label is the caller's error. */
  version(label: string | undefined): Version {
    if (label === undefined || label === '') return this.versions[this.versions.length - 1]!;
    const found = this.versions.find((v) => v.label === label);
    if (!found) throw new ToolInputError(`unknown version "${label}"; loaded: ${this.labels.join(', ')}`);
    return found;
  }

  private of(v: Version): Derived {
    let d = this.derived.get(v.label);
    if (!d) {
      d = {};
      this.derived.set(v.label, d);
    }
    return d;
  }

  search(v: Version): SearchModel {
    const d = this.of(v);
    d.search ??= loadSearchIndex(searchIndexData(v.model));
    return d.search;
  }

  checker(v: Version): Checker {
    const d = this.of(v);
    d.checker ??= createChecker(v.model);
    return d.checker;
  }

  byPath(v: Version): ReadonlyMap<string, ApiPath> {
    return siteIndex(v.model).byPath;
  }

  /**
   * The operation for a method and a path: the schema's own path ("/nodes/{node}/qemu") or a
   * concrete one ("/nodes/pve1/qemu"), with or without the /api2/json prefix.
   */
  operation(v: Version, method: string, path: string): { path: ApiPath; operation: Operation } | null {
    const m = method.trim().toUpperCase();
    const exact = this.byPath(v).get(normalizePath(path));
    const own = exact?.operations.find((o) => o.method === m);
    if (exact && own) return { path: exact, operation: own };
    const resolved = this.checker(v).resolve(m, normalizePath(path));
    return resolved ? { path: resolved.path, operation: resolved.operation } : null;
  }

  diff(from: Version, to: Version): ApiDiff {
    const key = `${from.label}\u0000${to.label}`;
    let d = this.diffs.get(key);
    if (!d) {
      d = diffModels(from.model, to.model);
      d.old.label = from.label;
      d.new.label = to.label;
      this.diffs.set(key, d);
    }
    return d;
  }
}

/** Bad tool arguments: reported to the client as a tool error (isError), not a protocol failure. */
export class ToolInputError extends Error {}

export function normalizePath(path: string): string {
  let p = path.trim().replace(/[?#].*$/, '');
  p = p.replace(/^\/?api2\/(?:json|extjs)(?=\/|$)/, '');
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}
