/**
 * Minimal ApiModel builders for the permissions tests (only the fields the privilege index and
 * the renderers read are meaningful; the rest are well-typed placeholders).
 */
import { normalizePermissions, type PermissionDiagnosticSink } from '../../generator/model/permissions.js';
import type { ApiModel, ApiPath, HttpMethod, Operation } from '../../generator/model/types.js';
import type { RawNode } from '../helpers/real-schemas.js';

export function operation(method: HttpMethod, path: string, permissionsRaw: unknown, pointer = `/${path}/info/${method}`): Operation {
  return {
    method,
    path,
    pointer,
    name: `${method.toLowerCase()}_op`,
    anchor: method.toLowerCase(),
    summary: '',
    description: '',
    parameters: [],
    returns: { pointer: `${pointer}/returns`, type: 'null', synopsis: 'null' },
    permissions: normalizePermissions(permissionsRaw, `${pointer}/permissions`),
    flags: { protected: false, proxyto: null, allowToken: true, downloadAllowed: false, exposeCredentials: false },
  };
}

export function apiPath(path: string, operations: Operation[]): ApiPath {
  return {
    path,
    text: path.split('/').pop() ?? '',
    pointer: '',
    file: `api${path === '/' ? '' : path.replace(/[{}]/g, '_')}/index.html`,
    parent: null,
    children: [],
    section: path.split('/')[1] ?? '',
    operations,
  };
}

export function model(paths: ApiPath[]): ApiModel {
  return {
    product: 'pve',
    productName: 'Proxmox VE',
    title: 'test',
    version: '',
    source: 'test',
    dialect: 'viewer',
    paths,
    formats: {},
    hasFormatRegistry: false,
    stats: { paths: paths.length, operations: paths.reduce((n, p) => n + p.operations.length, 0), parameters: 0 },
  };
}

export interface RawOperation {
  method: HttpMethod;
  path: string;
  /** JSON pointer of the method object in the raw tree. */
  pointer: string;
  info: Record<string, unknown>;
}

/** Every method of a raw viewer tree with its JSON pointer, depth first, in schema order. */
export function rawOperations(tree: RawNode[]): RawOperation[] {
  const out: RawOperation[] = [];
  const visit = (nodes: RawNode[], base: string): void => {
    nodes.forEach((node, i) => {
      const here = `${base}/${i}`;
      for (const [method, info] of Object.entries(node.info ?? {})) {
        out.push({ method: method as HttpMethod, path: node.path, pointer: `${here}/info/${method}`, info });
      }
      if (node.children) visit(node.children, `${here}/children`);
    });
  };
  visit(tree, '');
  return out;
}

/** An ApiModel built from a raw viewer tree (permissions normalized, everything else minimal). */
export function modelFromRaw(tree: RawNode[], report?: PermissionDiagnosticSink): ApiModel {
  const byPath = new Map<string, Operation[]>();
  for (const raw of rawOperations(tree)) {
    const op = operation(raw.method, raw.path, raw.info.permissions, raw.pointer);
    op.permissions = normalizePermissions(raw.info.permissions, `${raw.pointer}/permissions`, report);
    const list = byPath.get(raw.path) ?? [];
    list.push(op);
    byPath.set(raw.path, list);
  }
  return model([...byPath.entries()].map(([path, ops]) => apiPath(path, ops)));
}
