/** Small hand-built models for the export tests: each builder fills the fields a test does not care about. */
import type {
  ApiModel,
  ApiPath,
  FormatDef,
  HttpMethod,
  Operation,
  Parameter,
  Permissions,
  SchemaNode,
} from '../../generator/model/types.js';
import { pageFile } from '../../generator/model/urls.js';

import { key, named, schema } from '../helpers/model-builders.js';

export { key, named, schema };

export function param(name: string, s: SchemaNode, opts: Partial<Parameter> = {}): Parameter {
  return { name, anchor: `p-${name}`, required: false, location: 'body', family: null, schema: s, ...opts };
}

export const nodeParam = (): Parameter =>
  param('node', schema('string', { format: named('pve-node'), description: 'The cluster node name.' }), {
    location: 'path',
    required: true,
  });

export function op(method: HttpMethod, path: string, parameters: Parameter[] = [], opts: Partial<Operation> = {}): Operation {
  const permissions: Permissions = { pointer: '', mode: 'all' };
  return {
    method,
    path,
    pointer: '',
    name: `${method.toLowerCase()}_thing`,
    anchor: method.toLowerCase(),
    summary: 'Do a thing.',
    description: 'Do a thing.',
    parameters,
    returns: schema('null', { synopsis: 'null' }),
    permissions,
    flags: { protected: false, proxyto: null, allowToken: true, downloadAllowed: false, exposeCredentials: false },
    ...opts,
  };
}

export function apiPath(path: string, operations: Operation[], opts: Partial<ApiPath> = {}): ApiPath {
  const segments = path.split('/').filter((s) => s !== '');
  return {
    path,
    text: segments[segments.length - 1] ?? '',
    pointer: '',
    file: pageFile(path),
    parent: segments.length > 1 ? '/' + segments.slice(0, -1).join('/') : null,
    children: [],
    section: segments[0] ?? '',
    operations: operations.map((o) => ({ ...o, path })),
    ...opts,
  };
}

/** A model of the given paths; parents and children are linked when both are present. */
export function model(paths: ApiPath[], opts: Partial<ApiModel> & { formats?: Record<string, FormatDef> } = {}): ApiModel {
  const known = new Set(paths.map((p) => p.path));
  const linked = paths.map((p) => ({
    ...p,
    parent: p.parent && known.has(p.parent) ? p.parent : null,
    children: paths.filter((c) => c.parent === p.path).map((c) => c.path),
  }));
  const operations = linked.reduce((n, p) => n + p.operations.length, 0);
  const parameters = linked.reduce((n, p) => n + p.operations.reduce((m, o) => m + o.parameters.length, 0), 0);
  return {
    product: 'pve',
    productName: 'Proxmox VE',
    title: 'Proxmox VE test API',
    version: '1.0',
    source: '/somewhere/test-api.json',
    dialect: 'viewer',
    paths: linked,
    formats: {},
    hasFormatRegistry: false,
    stats: { paths: linked.length, operations, parameters },
    ...opts,
  };
}
