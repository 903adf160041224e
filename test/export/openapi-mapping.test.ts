/** One test per OpenAPI mapping rule, on small hand-built models; every document also validates. */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { operationIds } from '../../generator/export/operation-ids.js';
import { serializeOpenApi, toOpenApi, type JsonObject } from '../../generator/export/openapi.js';
import type { ApiModel, Operation, PermCheck } from '../../generator/model/types.js';
import { apiPath, key, model, named, nodeParam, op, param, schema } from './fixture.js';
import { validateOpenApi } from './validate.js';

type Any = Record<string, any>;

async function exportValid(m: ApiModel): Promise<Any> {
  const doc = toOpenApi(m);
  const report = await validateOpenApi(doc);
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
  return doc as Any;
}

function bodyOf(doc: Any, path: string, method: string): Any {
  const content = doc.paths[path][method].requestBody.content;
  // Inline (typed-client generators keep fields with defaults optional only there), the same under both encodings.
  expect(content['application/x-www-form-urlencoded'].schema).toEqual(content['application/json'].schema);
  return content['application/json'].schema;
}

function target(doc: Any, ref: Any): Any {
  return doc.components.schemas[(ref.$ref as string).split('/').pop()!];
}

describe('servers and security', () => {
  it('has a host and a port variable with the product port and the /api2/json base', async () => {
    const doc = await exportValid(model([apiPath('/version', [op('GET', '/version')])]));
    expect(doc.servers).toHaveLength(1);
    expect(doc.servers[0].url).toBe('https://{host}:{port}/api2/json');
    expect(doc.servers[0].variables.host.default).toBe('pve.example.com');
    expect(doc.servers[0].variables.port.default).toBe('8006');
    const pbs = toOpenApi(
      model([apiPath('/version', [op('GET', '/version')])], { product: 'pbs', productName: 'Proxmox Backup Server' }),
    ) as Any;
    expect(pbs.servers[0].variables.port.default).toBe('8007');
    expect(pbs.components.securitySchemes.ticket.name).toBe('PBSAuthCookie');
  });

  it('declares the ticket cookie, the CSRF header and the API token header', async () => {
    const doc = await exportValid(model([apiPath('/version', [op('GET', '/version'), op('POST', '/version', [], { name: 'x' })])]));
    expect(doc.components.securitySchemes).toMatchObject({
      ticket: { type: 'apiKey', in: 'cookie', name: 'PVEAuthCookie' },
      csrf: { type: 'apiKey', in: 'header', name: 'CSRFPreventionToken' },
      apiToken: { type: 'apiKey', in: 'header', name: 'Authorization' },
    });
    expect(doc.components.securitySchemes.apiToken.description).toContain('PVEAPIToken=USER@REALM!TOKENID=SECRET');
  });

  it('requires the CSRF header with the ticket on writes only, drops tokens on allowtoken 0, and nothing for world', async () => {
    const world: Operation = op('POST', '/access/ticket', [], { permissions: { pointer: '', mode: 'world' }, name: 'create_ticket' });
    const noToken: Operation = op('PUT', '/access/password', [], {
      flags: { protected: true, proxyto: null, allowToken: false, downloadAllowed: false, exposeCredentials: false },
      name: 'change_password',
    });
    const doc = await exportValid(
      model([
        apiPath('/access', [op('GET', '/access', [], { name: 'index' }), op('POST', '/access', [], { name: 'make' })]),
        apiPath('/access/ticket', [world]),
        apiPath('/access/password', [noToken]),
      ]),
    );
    expect(doc.paths['/access'].get.security).toEqual([{ ticket: [] }, { apiToken: [] }]);
    expect(doc.paths['/access'].post.security).toEqual([{ ticket: [], csrf: [] }, { apiToken: [] }]);
    expect(doc.paths['/access/ticket'].post.security).toEqual([]);
    expect(doc.paths['/access/password'].put.security).toEqual([{ ticket: [], csrf: [] }]);
    expect(doc.paths['/access/password'].put['x-proxmox-allowtoken']).toBe(false);
  });
});

describe('parameters and bodies', () => {
  const vmid = param('vmid', schema('integer', { minimum: 100, maximum: 999999999, format: named('pve-vmid') }), {
    location: 'path',
    required: true,
  });

  it('maps path parameters, query parameters for GET/DELETE and one request body for POST/PUT', async () => {
    const full = param('full', schema('boolean', { description: 'Full status.' }), { location: 'query' });
    const purge = param('purge', schema('boolean'), { location: 'query' });
    const name = param('name', schema('string', { maxLength: 64 }), { required: true });
    const memory = param('memory', schema('integer', { default: 512 }));
    const path = '/nodes/{node}/qemu/{vmid}';
    const doc = await exportValid(
      model([
        apiPath(path, [
          op('GET', path, [nodeParam(), vmid, full], { name: 'vm_config' }),
          op('POST', path, [nodeParam(), vmid, name, memory], { name: 'create_vm' }),
          op('PUT', path, [nodeParam(), vmid, memory], { name: 'update_vm' }),
          op('DELETE', path, [nodeParam(), vmid, purge], { name: 'destroy_vm' }),
        ]),
      ]),
    );
    const get = doc.paths[path].get;
    expect(get.parameters.map((p: Any) => [p.name, p.in, p.required])).toEqual([
      ['node', 'path', true],
      ['vmid', 'path', true],
      ['full', 'query', false],
    ]);
    expect(get.parameters[2].description).toBe('Full status.');
    expect(get.requestBody).toBeUndefined();
    expect(doc.paths[path].delete.parameters.map((p: Any) => p.in)).toEqual(['path', 'path', 'query']);
    const post = doc.paths[path].post;
    expect(post.parameters.map((p: Any) => p.in)).toEqual(['path', 'path']);
    expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded', 'application/json']);
    expect(post.requestBody.content['application/x-www-form-urlencoded'].schema).toEqual(
      post.requestBody.content['application/json'].schema,
    );
    expect(post.requestBody.required).toBe(true);
    expect(bodyOf(doc, path, 'post')).toEqual({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 64 }, memory: { type: 'integer', default: 512 } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(doc.paths[path].put.requestBody.required).toBe(false);
    expect(bodyOf(doc, path, 'put').required).toBeUndefined();
  });

  it('declares a path placeholder the schema forgot as a required string path parameter', async () => {
    const doc = await exportValid(model([apiPath('/nodes/{node}/x/{id}', [op('GET', '/nodes/{node}/x/{id}', [nodeParam()])])]));
    const params = doc.paths['/nodes/{node}/x/{id}'].get.parameters;
    expect(params.map((p: Any) => p.name)).toEqual(['id', 'node']);
    expect(params[0]).toMatchObject({ in: 'path', required: true, schema: { type: 'string' }, 'x-proxmox-undeclared': true });
  });

  it('lists each member of a numbered family, sharing one component that carries x-proxmox-family', async () => {
    const net = param('net[n]', schema('string', { description: 'Network device.' }), {
      family: 'net',
      familyRange: { first: 0, last: 3 },
    });
    const scsi = param('scsi[n]', schema('string', { description: 'A disk (n is 0 to 2).' }), { family: 'scsi' });
    const mp = param('mp[n]', schema('string'), { family: 'mp' });
    const link = param('link[n]', schema('string', { description: 'A link (link0..link1).' }), { family: 'link' });
    const vmid = param('vmid', schema('integer'), { required: true });
    const doc = await exportValid(
      model([
        apiPath('/nodes/{node}/lxc', [op('POST', '/nodes/{node}/lxc', [nodeParam(), vmid, net, scsi, mp, link])]),
        apiPath('/nodes/{node}/lxc/{vmid}/config', [op('PUT', '/nodes/{node}/lxc/{vmid}/config', [nodeParam(), net], { name: 'update' })]),
      ]),
    );
    const body = bodyOf(doc, '/nodes/{node}/lxc', 'post');
    expect(body.patternProperties).toBeUndefined();
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(['vmid']);
    const names = Object.keys(body.properties);
    expect(names.slice(0, 10)).toEqual(['vmid', 'net0', 'net1', 'net2', 'net3', 'scsi0', 'scsi1', 'scsi2', 'mp0', 'mp1']);
    expect(names.filter((n) => n.startsWith('mp'))).toHaveLength(32);
    expect(names.filter((n) => n.startsWith('link'))).toEqual(['link0', 'link1']);
    // One component per family, shared by every member and by the other operation with the same schema.
    expect(new Set(['net0', 'net1', 'net3'].map((n) => body.properties[n].$ref)).size).toBe(1);
    const other = bodyOf(doc, '/nodes/{node}/lxc/{vmid}/config', 'put');
    expect(other.properties.net2).toEqual(body.properties.net2);
    const netSchema = target(doc, body.properties.net0);
    expect(netSchema['x-proxmox-family']).toEqual({ name: 'net[n]', base: 'net', first: 0, last: 3, range: 'schema' });
    expect(netSchema.description).toContain('net0 to net3, in this schema');
    expect(netSchema.type).toBe('string');
    expect(target(doc, body.properties.scsi0)['x-proxmox-family']).toEqual({
      name: 'scsi[n]',
      base: 'scsi',
      first: 0,
      last: 2,
      range: 'description',
    });
    expect(target(doc, body.properties.link0)['x-proxmox-family']).toMatchObject({ first: 0, last: 1, range: 'description' });
    expect(target(doc, body.properties.mp0)['x-proxmox-family']).toEqual({
      name: 'mp[n]',
      base: 'mp',
      first: 0,
      last: 31,
      range: 'assumed',
    });
    expect(Object.keys(doc.components.schemas).sort()).toEqual(['link_n', 'mp_n', 'net_n', 'scsi_n']);
  });

  it('names components after their first operation when one family has different schemas', async () => {
    const a = param('net[n]', schema('string', { description: 'Container network.' }), {
      family: 'net',
      familyRange: { first: 0, last: 1 },
    });
    const b = param('net[n]', schema('string', { description: 'VM network.' }), { family: 'net', familyRange: { first: 0, last: 1 } });
    const doc = await exportValid(
      model([
        apiPath('/nodes/{node}/lxc', [op('POST', '/nodes/{node}/lxc', [nodeParam(), a], { name: 'create_ct' })]),
        apiPath('/nodes/{node}/qemu', [op('POST', '/nodes/{node}/qemu', [nodeParam(), b], { name: 'create_vm' })]),
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(['create_ct_net_n', 'create_vm_net_n']);
    expect(bodyOf(doc, '/nodes/{node}/qemu', 'post').properties.net1.$ref).toBe('#/components/schemas/create_vm_net_n');
  });

  it('keeps a member the schema also declares on its own, and bounds a hostile range', async () => {
    const net = param('net[n]', schema('string'), { family: 'net', familyRange: { first: 0, last: 1 } });
    const own = param('net1', schema('integer'));
    const huge = param('x[n]', schema('string', { description: '(n is 0 to 999999)' }), { family: 'x' });
    const doc = await exportValid(model([apiPath('/y', [op('POST', '/y', [net, own, huge])])]));
    const body = bodyOf(doc, '/y', 'post');
    expect(body.properties.net1).toEqual({ type: 'integer' });
    expect(body.properties.net0.$ref).toBeDefined();
    expect(Object.keys(body.properties).filter((n) => n.startsWith('x'))).toHaveLength(1024);
  });

  it('sends each member of a query family as its own query parameter', async () => {
    const link = param('link[n]', schema('string', { description: 'Link (link0..link2).' }), { family: 'link', location: 'query' });
    const doc = await exportValid(model([apiPath('/cluster/x', [op('GET', '/cluster/x', [link])])]));
    const params = doc.paths['/cluster/x'].get.parameters;
    expect(params.map((p: Any) => p.name)).toEqual(['link0', 'link1', 'link2']);
    expect(params[0]).toMatchObject({ in: 'query', required: false, schema: { $ref: '#/components/schemas/link_n' } });
    expect(doc.components.schemas.link_n['x-proxmox-family']).toEqual({
      name: 'link[n]',
      base: 'link',
      first: 0,
      last: 2,
      range: 'description',
    });
  });
});

describe('schemas', () => {
  const one = async (s: ReturnType<typeof schema>, extra: Partial<ApiModel> = {}): Promise<Any> => {
    const doc = await exportValid(model([apiPath('/x', [op('POST', '/x', [param('v', s)])])], extra));
    return bodyOf(doc, '/x', 'post').properties.v;
  };

  it('writes booleans as the integers 0 and 1, defaults included', async () => {
    expect(await one(schema('boolean', { default: 1 }))).toEqual({
      type: 'integer',
      enum: [0, 1],
      'x-proxmox-type': 'boolean',
      default: 1,
    });
    expect((await one(schema('boolean', { default: true }))).default).toBe(1);
    expect((await one(schema('boolean', { default: '0' }))).default).toBe(0);
  });

  it('carries enum, minimum, maximum, lengths, default, title and the named format', async () => {
    expect(await one(schema('integer', { enum: ['1', '2', '4'], minimum: 1, maximum: 4, default: 2, title: 'Cores' }))).toEqual({
      title: 'Cores',
      type: 'integer',
      enum: [1, 2, 4],
      minimum: 1,
      maximum: 4,
      default: 2,
    });
    expect(
      await one(
        schema('string', {
          enum: ['a', 'b'],
          minLength: 1,
          maxLength: 8,
          format: named('pve-storage-id'),
          formatDescription: 'storage ID',
          synopsis: '<a | b>',
        }),
      ),
    ).toEqual({
      type: 'string',
      enum: ['a', 'b'],
      minLength: 1,
      maxLength: 8,
      format: 'pve-storage-id',
      'x-proxmox-format-description': 'storage ID',
      'x-proxmox-typetext': '<a | b>',
    });
    expect((await one(schema('string', { typetext: '<official>' })))['x-proxmox-typetext']).toBe('<official>');
    expect((await one(schema('string', { default: 'free text default' }))).default).toBe('free text default');
  });

  it('anchors and translates Perl patterns, keeps the original, and drops what has no exact translation', async () => {
    const translated = await one(schema('string', { pattern: '(?^i:[a-z][a-z0-9\\-\\_]*)' }));
    expect(translated['x-proxmox-pattern']).toBe('(?^i:[a-z][a-z0-9\\-\\_]*)');
    expect(translated.pattern).toBe('^(?:(?:[a-zA-Z][a-z0-9\\-\\x5fA-Z]*))$');
    expect(new RegExp(translated.pattern, 'u').test('-x')).toBe(false);
    expect(new RegExp(translated.pattern, 'u').test('Vm-1_a')).toBe(true);
    const perlOnly = await one(schema('string', { pattern: '\\A[a-z]+\\z' }));
    expect(perlOnly.pattern).toBeUndefined();
    expect(perlOnly['x-proxmox-pattern']).toBe('\\A[a-z]+\\z');
  });

  it('describes property strings: inline keys, keys from the formats registry, typetext', async () => {
    const keys = [
      key('model', schema('string', { enum: ['virtio', 'e1000'] }), { defaultKey: true, required: true }),
      key('firewall', schema('boolean')),
      key('virtio', schema('any'), { alias: 'macaddr', keyAlias: 'model' }),
    ];
    const inline = await one(schema('string', { format: { kind: 'inline', keys }, synopsis: '[model=]<enum> [,firewall=<1|0>]' }));
    expect(inline.type).toBe('string');
    expect(inline['x-proxmox-typetext']).toBe('[model=]<enum> [,firewall=<1|0>]');
    expect(inline['x-proxmox-property-string']).toEqual({
      keys: [
        { name: 'model', required: true, defaultKey: true, schema: { type: 'string', enum: ['virtio', 'e1000'] } },
        { name: 'firewall', required: false, schema: { type: 'integer', enum: [0, 1], 'x-proxmox-type': 'boolean' } },
        { name: 'virtio', required: false, alias: 'macaddr', keyAlias: 'model', schema: {} },
      ],
    });
    const registry = {
      'pve-qm-ide': {
        kind: 'property-string' as const,
        name: 'pve-qm-ide',
        pointer: '/formats/pve-qm-ide',
        keys: [key('file', schema('string'), { defaultKey: true, required: true })],
      },
    };
    const viaRegistry = await one(schema('string', { format: named('pve-qm-ide') }), { formats: registry, hasFormatRegistry: true });
    expect(viaRegistry.format).toBe('pve-qm-ide');
    expect(viaRegistry['x-proxmox-property-string']).toEqual({
      format: 'pve-qm-ide',
      keys: [{ name: 'file', required: true, defaultKey: true, schema: { type: 'string' } }],
    });
    const unknown = await one(schema('string', { format: named('pve-qm-ide') }));
    expect(unknown['x-proxmox-property-string']).toBeUndefined();
    expect(unknown.format).toBe('pve-qm-ide');
  });

  it('keeps types JSON Schema does not know, and maps any to the empty schema', async () => {
    expect(await one(schema('ip'))).toEqual({ 'x-proxmox-type': 'ip' });
    expect(await one(schema('any'))).toEqual({});
  });

  it('writes variants selected by another parameter as anyOf with their instance types', async () => {
    const v = await one(
      schema('array', {
        typeProperty: 'protocol',
        oneOf: [
          schema('array', { instanceTypes: ['openfabric'], items: schema('string') }),
          schema('array', { instanceTypes: ['ospf'], items: schema('string') }),
        ],
      }),
    );
    expect(v['x-proxmox-type-property']).toBe('protocol');
    expect(v.anyOf.map((a: Any) => a['x-proxmox-instance-types'])).toEqual([['openfabric'], ['ospf']]);
    expect(v.items).toEqual({});
  });

  it('escapes < in descriptions so CommonMark renderers show it instead of reading a tag', async () => {
    const v = await one(schema('string', { description: "Format '<GUEST>-<JOBNUM>' or `<code>`" }));
    // A backslash escape, not `&lt;`: client generators copy descriptions into code comments verbatim.
    expect(v.description).toBe("Format '\\<GUEST>-\\<JOBNUM>' or `<code>`");
    expect(v.description).not.toContain('&lt;');
  });

  it('leaves a < that cannot open markup as it is (a comparison, a number)', async () => {
    const v = await one(schema('string', { description: 'Use a value < 10 or <= 3; see <https://x.invalid/> and <!-- c -->.' }));
    expect(v.description).toBe('Use a value < 10 or <= 3; see \\<https://x.invalid/> and \\<!-- c -->.');
  });
});

describe('responses', () => {
  it('wraps the return value in the data envelope, with required lists from optional and folded families', async () => {
    const returns = schema('array', {
      items: schema('object', {
        properties: [
          { name: 'vmid', schema: schema('integer') },
          { name: 'name', schema: schema('string', { optional: true }) },
          { name: 'mp[n]', family: 'mp', schema: schema('string', { optional: true }), familyRange: { first: 0, last: 255 } },
        ],
      }),
      links: [{ rel: 'child', href: '{vmid}' }],
    });
    const doc = await exportValid(model([apiPath('/nodes/{node}/lxc', [op('GET', '/nodes/{node}/lxc', [nodeParam()], { returns })])]));
    const ok = doc.paths['/nodes/{node}/lxc'].get.responses['200'];
    const envelope = ok.content['application/json'].schema;
    expect(envelope.required).toEqual(['data']);
    const data = envelope.properties.data;
    expect(data['x-proxmox-links']).toEqual([{ rel: 'child', href: '{vmid}' }]);
    expect(data.items.required).toEqual(['vmid']);
    expect(Object.keys(data.items.properties).slice(0, 3)).toEqual(['vmid', 'name', 'mp0']);
    expect(Object.keys(data.items.properties)).toHaveLength(2 + 256);
    expect(data.items.patternProperties).toBeUndefined();
    expect(doc.components.schemas.mp_n['x-proxmox-family']).toEqual({ name: 'mp[n]', base: 'mp', first: 0, last: 255, range: 'schema' });
    expect(doc.paths['/nodes/{node}/lxc'].get.responses['4XX']).toEqual({ $ref: '#/components/responses/Error' });
  });

  it('says null for methods that return nothing', async () => {
    const doc = await exportValid(model([apiPath('/x', [op('DELETE', '/x')])]));
    expect(doc.paths['/x'].delete.responses['200'].content['application/json'].schema.properties.data).toEqual({ type: 'null' });
  });

  it('moves keywords that cannot apply to the declared type to x-proxmox-* (no contradiction, nothing lost)', async () => {
    const returns = schema('object', {
      properties: [
        { name: 'osd', schema: schema('array', { properties: [{ name: 'id', schema: schema('integer') }] }) },
        { name: 'tree', schema: schema('object', { items: schema('string') }) },
      ],
    });
    const doc = await exportValid(model([apiPath('/x', [op('GET', '/x', [], { returns })])]));
    const data = doc.paths['/x'].get.responses['200'].content['application/json'].schema.properties.data;
    expect(data.properties.osd).toMatchObject({
      type: 'array',
      items: {},
      'x-proxmox-properties': { properties: { id: { type: 'integer' } }, required: ['id'] },
    });
    expect(data.properties.osd.properties).toBeUndefined();
    expect(data.properties.tree).toMatchObject({ type: 'object', 'x-proxmox-items': { type: 'string' } });
  });
});

describe('permissions, flags, tags', () => {
  it('writes permissions structured and in words, and every flag', async () => {
    const check: PermCheck = {
      kind: 'or',
      items: [
        { kind: 'perm', path: '/vms/{vmid}', privs: ['VM.Audit'], any: false },
        { kind: 'perm', path: '/', privs: ['Sys.Audit'], any: false },
      ],
    };
    const o = op('GET', '/nodes/{node}/x', [nodeParam()], {
      permissions: { pointer: '', mode: 'check', check, description: 'Also checked in code.' },
      flags: { protected: true, proxyto: 'node', allowToken: true, downloadAllowed: true, exposeCredentials: true },
    });
    const doc = await exportValid(model([apiPath('/nodes/{node}/x', [o])]));
    const get = doc.paths['/nodes/{node}/x'].get;
    expect(get['x-proxmox-permissions']).toEqual({ mode: 'check', check, description: 'Also checked in code.' });
    expect(get.description).toContain(
      '**Permissions:**\n\nAny of:\n- Requires VM.Audit on /vms/{vmid}.\n- Requires Sys.Audit on /.\n\nAlso checked in code.',
    );
    expect(get).toMatchObject({
      'x-proxmox-protected': true,
      'x-proxmox-proxyto': 'node',
      'x-proxmox-allowtoken': true,
      'x-proxmox-download-allowed': true,
      'x-proxmox-expose-credentials': true,
    });
    expect(get.description).toContain('CLI: `pvesh get /nodes/{node}/x`');
  });

  it('says root only when there are no permissions', async () => {
    const doc = await exportValid(model([apiPath('/x', [op('GET', '/x', [], { permissions: { pointer: '', mode: 'root' } })])]));
    expect(doc.paths['/x'].get['x-proxmox-permissions']).toEqual({ mode: 'root' });
    expect(doc.paths['/x'].get.description).toContain('Only root@pam.');
  });

  it('tags operations by top-level section and lists the tags once', async () => {
    const doc = await exportValid(
      model([
        apiPath('/nodes', [op('GET', '/nodes', [], { name: 'a' })]),
        apiPath('/nodes/{node}', [op('GET', '/nodes/{node}', [nodeParam()], { name: 'b' })]),
        apiPath('/access', [op('GET', '/access', [], { name: 'c' })]),
      ]),
    );
    expect(doc.tags.map((t: Any) => t.name)).toEqual(['nodes', 'access']);
    expect(doc.paths['/nodes/{node}'].get.tags).toEqual(['nodes']);
  });

  it('uses the method name as summary when the schema has no description', async () => {
    const doc = await exportValid(model([apiPath('/x', [op('GET', '/x', [], { summary: '', description: '', name: 'read_task' })])]));
    expect(doc.paths['/x'].get.summary).toBe('read_task');
    expect(doc.paths['/x'].get['x-proxmox-name']).toBe('read_task');
  });
});

describe('operationIds', () => {
  const idsOf = (m: ApiModel): string[] => {
    const ids = operationIds(m);
    return m.paths.flatMap((p) => p.operations.map((o) => ids.get(o)!));
  };

  it('keeps unique names and suffixes shared ones with their own path words', () => {
    const m = model([
      apiPath('/nodes/{node}/qemu', [op('GET', '', [], { name: 'index' }), op('POST', '', [], { name: 'create_vm' })]),
      apiPath('/nodes/{node}/lxc', [op('GET', '', [], { name: 'index' })]),
      apiPath('/cluster/firewall/groups', [op('GET', '', [], { name: 'get_rules' })]),
      apiPath('/cluster/firewall/groups/{group}', [op('GET', '', [], { name: 'get_rules' })]),
      apiPath('/cluster/x', [op('GET', '', [], { name: 'same' }), op('POST', '', [], { name: 'same' })]),
      apiPath('/cluster/y', [op('GET', '', [], { name: 'vm-start!' })]),
    ]);
    expect(idsOf(m)).toEqual([
      'index_nodes_qemu',
      'create_vm',
      'index_nodes_lxc',
      'get_rules_cluster_firewall_groups',
      'get_rules_cluster_firewall_groups_group',
      'same_cluster_x_get',
      'same_cluster_x_post',
      'vm_start',
    ]);
  });

  it('never takes a name that another operation has on its own, and is the same on every run', () => {
    const m = model([
      apiPath('/a', [op('GET', '', [], { name: 'index' })]),
      apiPath('/b', [op('GET', '', [], { name: 'index_a' })]),
      apiPath('/c', [op('GET', '', [], { name: 'index' })]),
    ]);
    expect(idsOf(m)).toEqual(['index_a_2', 'index_a', 'index_c']);
    expect(idsOf(m)).toEqual(idsOf(m));
  });

  it('does not change an id when unrelated operations are added or reordered', () => {
    const base = [
      apiPath('/nodes/{node}/qemu', [op('GET', '', [], { name: 'index' })]),
      apiPath('/nodes/{node}/lxc', [op('GET', '', [], { name: 'index' })]),
    ];
    const before = idsOf(model(base));
    const after = idsOf(
      model([
        apiPath('/pools', [op('GET', '', [], { name: 'index' })]),
        ...base.reverse(),
        apiPath('/x', [op('GET', '', [], { name: 'other' })]),
      ]),
    );
    expect(after).toEqual(['index_pools', 'index_nodes_lxc', 'index_nodes_qemu', 'other']);
    expect(before).toEqual(['index_nodes_qemu', 'index_nodes_lxc']);
  });
});

describe('serialization', () => {
  it('writes JSON and YAML of the same document, deterministically', () => {
    const m = model([
      apiPath('/nodes/{node}/x', [
        op('POST', '/nodes/{node}/x', [
          nodeParam(),
          param('a', schema('string', { description: 'line 1\nline 2: "quoted" # not a comment' })),
        ]),
      ]),
    ]);
    const doc = toOpenApi(m);
    const json = serializeOpenApi(doc, 'json');
    expect(serializeOpenApi(toOpenApi(m), 'json')).toBe(json);
    const yaml = serializeOpenApi(doc, 'yaml');
    expect(parseYaml(yaml)).toEqual(JSON.parse(json) as JsonObject);
    expect(yaml).not.toMatch(/[&*]a\d/);
  });
});
