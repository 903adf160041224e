/**
 * The embedded example API (schema/example-api.json, the default --schema) and its formats registry
 * (schema/example-formats.json) must keep exercising every feature the generator handles. This test
 * reads both files as raw JSON, independent of the generator's own loader, so that the example cannot
 * silently lose a feature or drift into a shape real Proxmox dumps never have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/repo.js';

/** A schema node as found in a viewer dump: loose on purpose, this test checks shapes itself. */
type Schema = { [key: string]: any };

interface PathNode {
  path: string;
  text: string;
  leaf: number;
  info?: Record<string, Schema>;
  children?: PathNode[];
}

interface Operation {
  method: string;
  path: string;
  node: PathNode;
  op: Schema;
  params: Record<string, Schema>;
}

const API_FILE = join(REPO_ROOT, 'schema', 'example-api.json');
const FORMATS_FILE = join(REPO_ROOT, 'schema', 'example-formats.json');
const INPUT_SCHEMA_FILE = join(REPO_ROOT, 'schema', 'proxmox-api.schema.json');

const apiText = readFileSync(API_FILE, 'utf8');
const formatsText = readFileSync(FORMATS_FILE, 'utf8');
const api = JSON.parse(apiText) as PathNode[];
const formats = JSON.parse(formatsText) as Record<string, Schema | null>;

function* walk(nodes: PathNode[], parent: PathNode | null = null): Generator<{ node: PathNode; parent: PathNode | null }> {
  for (const node of nodes) {
    yield { node, parent };
    if (node.children) yield* walk(node.children, node);
  }
}

const nodes = [...walk(api)].map((entry) => entry.node);
const operations: Operation[] = nodes.flatMap((node) =>
  Object.entries(node.info ?? {}).map(([method, op]) => ({
    method,
    path: node.path,
    node,
    op,
    params: (op['parameters']?.['properties'] ?? {}) as Record<string, Schema>,
  })),
);
const allParams = operations.flatMap((o) => Object.entries(o.params).map(([name, schema]) => ({ o, name, schema })));

/** Every schema node below `root` (properties, items, additionalProperties, oneOf, inline format keys). */
function* schemas(root: unknown): Generator<Schema> {
  if (!root || typeof root !== 'object' || Array.isArray(root)) return;
  const s = root as Schema;
  yield s;
  for (const child of Object.values((s['properties'] ?? {}) as Record<string, unknown>)) yield* schemas(child);
  if (typeof s['format'] === 'object' && s['format'] !== null) {
    for (const child of Object.values(s['format'] as Record<string, unknown>)) yield* schemas(child);
  }
  yield* schemas(s['items']);
  if (typeof s['additionalProperties'] === 'object') yield* schemas(s['additionalProperties']);
  for (const alt of (s['oneOf'] ?? []) as unknown[]) yield* schemas(alt);
}

const returnSchemas = operations.flatMap((o) => [...schemas(o.op['returns'])]);
const returnProps = returnSchemas.flatMap((s) => Object.values((s['properties'] ?? {}) as Record<string, Schema>));

/** Every check expression, nested ones included. */
function* checks(expr: unknown): Generator<unknown[]> {
  if (!Array.isArray(expr)) return;
  yield expr;
  if (expr[0] === 'and' || expr[0] === 'or') for (const sub of expr.slice(1)) yield* checks(sub);
}
const permissionsOf = operations.map((o) => ({ o, perms: o.op['permissions'] as Schema | undefined }));
const allChecks = permissionsOf.flatMap(({ o, perms }) => [...checks(perms?.['check'])].map((c) => ({ o, c })));
const hasCheck = (pred: (c: unknown[]) => boolean): boolean => allChecks.some(({ c }) => pred(c));
const KNOWN_CHECKS = new Set(['perm', 'and', 'or', 'userid-group', 'userid-param', 'perm-modify']);

/** Recursively sorted keys, 2-space indent, trailing newline: the canonical form of both files. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, 2) + '\n';
}

describe('example API: file and tree shape', () => {
  it('is small, canonical JSON (sorted keys, 2-space indent), like the real dumps', () => {
    expect(Array.isArray(api)).toBe(true);
    expect(Buffer.byteLength(apiText)).toBeLessThan(60 * 1024);
    expect(apiText).toBe(canonical(api));
    expect(formatsText).toBe(canonical(formats));
  });

  it('has about 20 paths and a few dozen operations', () => {
    expect(nodes.length).toBeGreaterThanOrEqual(20);
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(allParams.length).toBeGreaterThanOrEqual(60);
  });

  it('has well-formed paths: leading slash, nested under the parent, text = last segment, no duplicates', () => {
    const seen = new Set<string>();
    for (const { node, parent } of walk(api)) {
      expect(node.path.startsWith('/'), node.path).toBe(true);
      if (parent) expect(node.path.startsWith(parent.path + '/'), `${node.path} under ${parent.path}`).toBe(true);
      else expect(node.path.split('/').length, `${node.path} is top-level`).toBe(2);
      expect(node.text).toBe(node.path.split('/').pop());
      expect(seen.has(node.path), `duplicate ${node.path}`).toBe(false);
      seen.add(node.path);
      // leaf as in the real dumps: 1 exactly when there are no children.
      expect(node.leaf, node.path).toBe(node.children?.length ? 0 : 1);
    }
  });

  it('has well-formed operations: method key = method, a name, parameters, returns, allowtoken', () => {
    for (const { method, path, op } of operations) {
      const where = `${method} ${path}`;
      expect(['GET', 'POST', 'PUT', 'DELETE'], where).toContain(method);
      expect(op['method'], where).toBe(method);
      expect(typeof op['name'], where).toBe('string');
      expect(typeof op['description'], where).toBe('string');
      expect(op['parameters']?.['additionalProperties'], where).toBe(0);
      expect(op['returns'], where).toBeTypeOf('object');
      expect([0, 1], where).toContain(op['allowtoken']);
    }
  });

  it('declares every {param} of a path in each method of that path, without optional', () => {
    for (const { method, path, params } of operations) {
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        const p = params[name!];
        expect(p, `${method} ${path}: {${name}} not declared`).toBeDefined();
        expect(p!['optional'], `${method} ${path}: {${name}} must not be optional`).toBeUndefined();
      }
    }
  });

  it('validates against the project input schema (schema/proxmox-api.schema.json)', () => {
    const inputSchema = JSON.parse(readFileSync(INPUT_SCHEMA_FILE, 'utf8')) as { $id: string };
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(inputSchema);
    const viewer = ajv.getSchema(`${inputSchema.$id}#/definitions/viewerDocument`)!;
    expect(viewer(api), JSON.stringify(viewer.errors?.slice(0, 5))).toBe(true);
    const refs = ajv.getSchema(`${inputSchema.$id}#/definitions/refsDocument`)!;
    expect(refs({ root: api, formats }), JSON.stringify(refs.errors?.slice(0, 5))).toBe(true);
  });
});

describe('example API: tree features', () => {
  it('nests path parameters several levels deep (/nodes/{node}/vms/{vmid}/...)', () => {
    expect(nodes.some((n) => /^\/nodes\/\{node\}\/vms\/\{vmid\}\/.+/.test(n.path))).toBe(true);
    expect(nodes.some((n) => (n.path.match(/\{/g) ?? []).length >= 2 && n.path.split('/').length >= 6)).toBe(true);
  });

  it('has leaf nodes, non-leaf nodes and a pure directory without info', () => {
    expect(nodes.some((n) => n.leaf === 1)).toBe(true);
    expect(nodes.some((n) => n.leaf === 0 && n.info)).toBe(true);
    expect(nodes.some((n) => !n.info && n.children?.length)).toBe(true);
  });

  it('uses every HTTP method', () => {
    for (const m of ['GET', 'POST', 'PUT', 'DELETE']) expect(operations.map((o) => o.method)).toContain(m);
  });

  it('has GET indexes returning arrays of objects with child links, e.g. href {vmid}', () => {
    const indexes = operations.filter(
      (o) => o.method === 'GET' && o.op['returns']?.['type'] === 'array' && o.op['returns']?.['links']?.[0]?.['rel'] === 'child',
    );
    expect(indexes.length).toBeGreaterThanOrEqual(3);
    expect(indexes.some((o) => o.op['returns']['links'][0]['href'] === '{vmid}')).toBe(true);
    for (const o of indexes) expect(o.op['returns']['items']['type'], o.path).toBe('object');
  });

  it('has a login ticket path and a version path', () => {
    const ticket = operations.find((o) => o.path === '/access/ticket' && o.method === 'POST');
    expect(ticket?.params['username']).toBeDefined();
    expect(ticket?.params['password']).toBeDefined();
    expect(ticket?.op['allowtoken']).toBe(0);
    expect(operations.some((o) => o.path === '/version' && o.method === 'GET')).toBe(true);
  });

  it('has Markdown-ish descriptions with `backticks`', () => {
    const texts = [...operations.map((o) => o.op['description'] as string), ...allParams.map((p) => p.schema['description'] ?? '')];
    expect(texts.filter((t) => /`[^`]+`/.test(t)).length).toBeGreaterThanOrEqual(5);
  });
});

describe('example API: parameters', () => {
  const some = (pred: (s: Schema, name: string) => boolean): boolean => allParams.some((p) => pred(p.schema, p.name));

  it('covers every type and constraint', () => {
    expect(some((s) => s['type'] === 'string')).toBe(true);
    expect(some((s) => s['type'] === 'integer' && s['minimum'] !== undefined && s['maximum'] !== undefined)).toBe(true);
    expect(some((s) => s['type'] === 'number')).toBe(true);
    expect(some((s) => s['type'] === 'boolean' && s['default'] === 0)).toBe(true);
    expect(some((s) => s['type'] === 'array' && typeof s['items'] === 'object')).toBe(true);
    expect(some((s) => Array.isArray(s['enum']))).toBe(true);
    expect(some((s) => typeof s['pattern'] === 'string')).toBe(true);
    expect(some((s) => typeof s['minLength'] === 'number')).toBe(true);
    expect(some((s) => typeof s['maxLength'] === 'number')).toBe(true);
  });

  it('has a default given as free text', () => {
    expect(some((s) => typeof s['default'] === 'string' && s['type'] !== 'string' && /\s/.test(s['default']))).toBe(true);
  });

  it('uses named string formats: pve-node, pve-vmid, pve-storage-id, a -list and an -opt format', () => {
    for (const f of ['pve-node', 'pve-vmid', 'pve-storage-id'])
      expect(
        some((s) => s['format'] === f),
        f,
      ).toBe(true);
    expect(some((s) => typeof s['format'] === 'string' && s['format'].endsWith('-list'))).toBe(true);
    expect(some((s) => typeof s['format'] === 'string' && s['format'].endsWith('-opt'))).toBe(true);
    expect(some((s) => typeof s['format_description'] === 'string')).toBe(true);
  });

  it('has typetext on most parameters but not on all (the generator must derive some)', () => {
    const without = allParams.filter((p) => p.schema['typetext'] === undefined);
    expect(without.length).toBeGreaterThanOrEqual(3);
    expect(without.length).toBeLessThan(allParams.length / 4);
    // Cases the derivation rules must handle: enum, pattern, integer range, format_description, property string.
    const kinds = (s: Schema): string =>
      typeof s['format'] === 'object'
        ? 'property-string'
        : s['format_description']
          ? 'format_description'
          : s['enum']
            ? 'enum'
            : s['pattern']
              ? 'pattern'
              : s['minimum'] !== undefined || s['maximum'] !== undefined
                ? 'range'
                : 'other';
    const derived = new Set(without.map((p) => kinds(p.schema)));
    for (const k of ['property-string', 'format_description', 'enum', 'pattern', 'range']) expect(derived, k).toContain(k);
  });

  it('has verbose_description, title and requires (pointing at an existing parameter)', () => {
    expect(some((s) => typeof s['verbose_description'] === 'string')).toBe(true);
    expect(some((s) => typeof s['title'] === 'string')).toBe(true);
    const requiring = allParams.filter((p) => typeof p.schema['requires'] === 'string');
    expect(requiring.length).toBeGreaterThanOrEqual(1);
    for (const p of requiring) expect(p.o.params[p.schema['requires']], `${p.o.path} ${p.name}`).toBeDefined();
  });
});

describe('example API: property strings', () => {
  const inline = allParams.filter((p) => typeof p.schema['format'] === 'object');

  it('has an inline property string with default_key enum, alias, keyAlias, boolean and number keys', () => {
    const rich = inline.find((p) => {
      const keys = Object.values(p.schema['format'] as Record<string, Schema>);
      return (
        keys.some((k) => k['default_key'] === 1 && Array.isArray(k['enum'])) &&
        keys.some((k) => typeof k['alias'] === 'string' && k['keyAlias'] === undefined) &&
        keys.some((k) => typeof k['keyAlias'] === 'string') &&
        keys.some((k) => k['type'] === 'boolean') &&
        keys.some((k) => k['type'] === 'number')
      );
    });
    expect(rich, 'a net[n]-like inline format').toBeDefined();
  });

  it('keeps alias and keyAlias consistent inside every inline and registered format', () => {
    const all = [
      ...inline.map((p) => [`${p.o.path} ${p.name}`, p.schema['format']] as const),
      ...returnSchemas.filter((s) => typeof s['format'] === 'object').map((s) => ['returns', s['format']] as const),
      ...Object.entries(formats).filter(([, f]) => f && !f['x-proxmox-code']),
    ];
    for (const [where, fmt] of all) {
      const keys = fmt as Record<string, Schema>;
      const defaults = Object.values(keys).filter((k) => k['default_key'] === 1);
      expect(defaults.length, `${where}: at most one default_key`).toBeLessThanOrEqual(1);
      for (const [name, key] of Object.entries(keys)) {
        if (key['alias'] !== undefined) expect(keys[key['alias']], `${where} ${name}: alias target`).toBeDefined();
        if (key['keyAlias'] !== undefined) expect(keys[key['keyAlias']]?.['enum'], `${where} ${name}: keyAlias`).toContain(name);
      }
    }
  });

  it('has numbered families net[n] and disk[n]', () => {
    expect(allParams.some((p) => p.name === 'net[n]')).toBe(true);
    expect(allParams.some((p) => p.name === 'disk[n]')).toBe(true);
  });

  it('names a registered property-string format only by name plus typetext (like pve-qm-ide)', () => {
    const named = allParams.filter(
      (p) =>
        typeof p.schema['format'] === 'string' &&
        typeof p.schema['typetext'] === 'string' &&
        formats[p.schema['format']]?.['x-proxmox-code'] === undefined &&
        formats[p.schema['format']],
    );
    const names = new Set(named.map((p) => p.schema['format']));
    expect(names).toContain('demo-net');
    expect(names).toContain('demo-disk');
  });
});

describe('example API: type-dependent parameters', () => {
  it('has a POST with a `type` enum and parameters carrying instance-types / type-property', () => {
    const post = operations.find(
      (o) => o.method === 'POST' && Array.isArray(o.params['type']?.['enum']) && Object.values(o.params).some((p) => p['instance-types']),
    );
    expect(post).toBeDefined();
    const typeEnum = post!.params['type']!['enum'] as string[];
    for (const [name, p] of Object.entries(post!.params)) {
      if (!p['instance-types']) continue;
      expect(p['type-property'], name).toBe('type');
      for (const t of p['instance-types'] as string[]) expect(typeEnum, name).toContain(t);
    }
  });

  it('has a oneOf parameter whose alternatives carry instance-types', () => {
    const oneOf = allParams.find((p) => Array.isArray(p.schema['oneOf']));
    expect(oneOf).toBeDefined();
    expect(typeof oneOf!.schema['type-property']).toBe('string');
    expect(oneOf!.o.params[oneOf!.schema['type-property']], 'the selecting parameter exists').toBeDefined();
    for (const alt of oneOf!.schema['oneOf'] as Schema[]) expect(Array.isArray(alt['instance-types'])).toBe(true);
  });
});

describe('example API: returns', () => {
  const returns = operations.map((o) => o.op['returns'] as Schema);

  it('returns null, a string, and an integer with renderer bytes', () => {
    expect(returns.some((r) => r['type'] === 'null')).toBe(true);
    expect(returns.some((r) => r['type'] === 'string')).toBe(true);
    expect(returns.some((r) => r['type'] === 'integer' && r['renderer'] === 'bytes')).toBe(true);
  });

  it('uses timestamp and duration renderers', () => {
    expect(returnSchemas.some((s) => s['renderer'] === 'timestamp')).toBe(true);
    expect(returnSchemas.some((s) => s['renderer'] === 'duration')).toBe(true);
  });

  it('returns an object with a nested object that lists properties', () => {
    expect(
      returns.some(
        (r) =>
          r['type'] === 'object' &&
          Object.values((r['properties'] ?? {}) as Record<string, Schema>).some((p) => p['type'] === 'object' && p['properties']),
      ),
    ).toBe(true);
  });

  it('returns arrays of objects both with and without listed properties', () => {
    const arrays = returns.filter((r) => r['type'] === 'array' && r['items']?.['type'] === 'object');
    expect(arrays.some((r) => r['items']['properties'])).toBe(true);
    expect(arrays.some((r) => !r['items']['properties'])).toBe(true);
  });

  it('has a property string inside returns and optional return properties', () => {
    expect(returnSchemas.some((s) => typeof s['format'] === 'object')).toBe(true);
    expect(returnProps.some((p) => p['optional'] === 1)).toBe(true);
    expect(returnProps.some((p) => p['optional'] === undefined)).toBe(true);
  });
});

describe('example API: permissions', () => {
  it('has a plain perm check on /vms/{vmid}', () => {
    expect(
      hasCheck((c) => c.length === 3 && c[0] === 'perm' && c[1] === '/vms/{vmid}' && JSON.stringify(c[2]) === '["VM.PowerMgmt"]'),
    ).toBe(true);
  });

  it('has "any", 1 and "require_param"', () => {
    expect(hasCheck((c) => c[0] === 'perm' && c.indexOf('any') > 2 && c[c.indexOf('any') + 1] === 1)).toBe(true);
    expect(hasCheck((c) => c[0] === 'perm' && c.includes('require_param'))).toBe(true);
  });

  it('nests and/or', () => {
    const nested = (c: unknown[], outer: string, inner: string): boolean =>
      c[0] === outer && c.slice(1).some((s) => Array.isArray(s) && s[0] === inner);
    expect(hasCheck((c) => nested(c, 'and', 'or'))).toBe(true);
    expect(hasCheck((c) => nested(c, 'or', 'and'))).toBe(true);
  });

  it('has userid-group (with groups_param create), userid-param self / Realm.AllocateUser, perm-modify', () => {
    expect(hasCheck((c) => c[0] === 'userid-group' && c[2] === 'groups_param' && c[3] === 'create')).toBe(true);
    expect(hasCheck((c) => c[0] === 'userid-group' && c.length === 2)).toBe(true);
    expect(hasCheck((c) => c[0] === 'userid-param' && c[1] === 'self')).toBe(true);
    expect(hasCheck((c) => c[0] === 'userid-param' && c[1] === 'Realm.AllocateUser')).toBe(true);
    expect(hasCheck((c) => c[0] === 'perm-modify' && c[1] === '/vms/{vmid}')).toBe(true);
  });

  it('has user all, user world, a root-only method (no permissions key) and a permissions description', () => {
    expect(permissionsOf.some(({ perms }) => perms?.['user'] === 'all')).toBe(true);
    expect(permissionsOf.some(({ perms }) => perms?.['user'] === 'world')).toBe(true);
    expect(permissionsOf.some(({ perms }) => perms === undefined)).toBe(true);
    expect(permissionsOf.some(({ perms }) => typeof perms?.['description'] === 'string' && perms['check'])).toBe(true);
    expect(permissionsOf.some(({ perms }) => typeof perms?.['description'] === 'string' && perms['user'])).toBe(true);
  });

  it('has one check form the generator does not know (to be shown verbatim)', () => {
    expect(hasCheck((c) => typeof c[0] === 'string' && !KNOWN_CHECKS.has(c[0]))).toBe(true);
  });

  it('only refers to {params} and require_param names the method declares', () => {
    for (const { o, c } of allChecks) {
      const where = `${o.method} ${o.path} ${JSON.stringify(c)}`;
      if (c[0] === 'perm' || c[0] === 'perm-modify') {
        for (const [, name] of String(c[1]).matchAll(/\{([^}]+)\}/g)) expect(o.params[name!], where).toBeDefined();
      }
      const rp = c.indexOf('require_param');
      if (rp > 0) expect(o.params[String(c[rp + 1])], where).toBeDefined();
      if (c[0] === 'userid-group' || c[0] === 'userid-param') expect(o.params['userid'], where).toBeDefined();
      if (c.includes('groups_param')) expect(o.params['groups'], where).toBeDefined();
    }
  });
});

describe('example API: method flags', () => {
  it('has protected, proxyto node, allowtoken 0, download_allowed and expose_credentials', () => {
    expect(operations.some((o) => o.op['protected'] === 1)).toBe(true);
    expect(operations.some((o) => o.op['allowtoken'] === 0)).toBe(true);
    expect(operations.some((o) => o.op['download_allowed'] === 1)).toBe(true);
    expect(operations.some((o) => o.op['expose_credentials'] === 1)).toBe(true);
    const proxied = operations.filter((o) => o.op['proxyto'] !== undefined);
    expect(proxied.length).toBeGreaterThanOrEqual(1);
    for (const o of proxied) {
      expect(o.op['proxyto']).toBe('node');
      expect(o.params['node'], `${o.method} ${o.path}`).toBeDefined();
    }
  });
});

describe('example formats registry', () => {
  it('documents demo-net and demo-disk as property strings and has code-only and empty entries', () => {
    for (const name of ['demo-net', 'demo-disk']) {
      const f = formats[name];
      expect(f, name).toBeTypeOf('object');
      expect(
        Object.values(f!).some((k) => k['default_key'] === 1),
        name,
      ).toBe(true);
    }
    expect(Object.values(formats).some((f) => f !== null && f['x-proxmox-code'] === true && Object.keys(f).length === 1)).toBe(true);
    expect(Object.values(formats).some((f) => f === null)).toBe(true);
  });

  it('agrees with the inline net[n] format of the API', () => {
    const inlineNet = allParams.find((p) => p.name === 'net[n]' && typeof p.schema['format'] === 'object');
    expect(inlineNet?.schema['format']).toEqual(formats['demo-net']);
  });

  it('registers every named format the example uses (base name for -list / -opt)', () => {
    const used = new Set<string>();
    for (const s of [...allParams.flatMap((p) => [...schemas(p.schema)]), ...returnSchemas]) {
      if (typeof s['format'] === 'string') used.add(s['format']);
    }
    for (const f of Object.values(formats)) {
      for (const k of Object.values(f ?? {})) if (typeof k === 'object' && typeof k['format'] === 'string') used.add(k['format']);
    }
    const missing = [...used].filter((name) => !(name in formats) && !(name.replace(/-(list|opt)$/, '') in formats));
    expect(missing).toEqual([]);
  });
});
