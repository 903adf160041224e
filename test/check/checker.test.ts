/** The call checker on hand-made operations: each rule of PVE::JSONSchema it copies, one case each. */
import { describe, expect, it } from 'vitest';
import { createChecker, errorBody } from '../../generator/check/index.js';
import type { ApiPath, FormatDef, Operation, Parameter } from '../../generator/model/types.js';
import { key, named, schema } from '../helpers/model-builders.js';

function param(name: string, s: Parameter['schema'], opts: Partial<Parameter> = {}): Parameter {
  return { name, anchor: name, required: false, location: 'body', family: null, schema: s, ...opts };
}

function op(method: Operation['method'], path: string, parameters: Parameter[], extra: Partial<Operation> = {}): Operation {
  return {
    method,
    path,
    pointer: '',
    name: 'x',
    anchor: method.toLowerCase(),
    summary: '',
    description: '',
    parameters,
    returns: schema('null'),
    permissions: { pointer: '', mode: 'all' },
    flags: { protected: false, proxyto: null, allowToken: true, downloadAllowed: false, exposeCredentials: false },
    ...extra,
  };
}

function apiPath(path: string, operations: Operation[]): ApiPath {
  return { path, text: path, pointer: '', file: '', parent: null, children: [], section: '', operations };
}

const netFormat = [
  key('model', schema('string', { enum: ['e1000', 'virtio'] }), { defaultKey: true, required: true }),
  key('macaddr', schema('string', { pattern: '[0-9A-F:]{17}' })),
  key('virtio', schema('string'), { alias: 'macaddr', keyAlias: 'model' }),
  key('bridge', schema('string')),
  key('firewall', schema('boolean')),
];
const formats: Record<string, FormatDef> = {
  'pve-tag': {
    kind: 'property-string',
    name: 'pve-tag',
    pointer: '',
    keys: [key('name', schema('string'), { defaultKey: true, required: true }), key('prio', schema('integer', { minimum: 0 }))],
  },
};

const node = param('node', schema('string', { format: named('pve-node') }), { required: true, location: 'path' });
const vmid = param('vmid', schema('integer', { minimum: 100, maximum: 999999999 }), { required: true, location: 'path' });
const create = op('POST', '/nodes/{node}/qemu', [
  node,
  param('vmid', schema('integer', { minimum: 100, maximum: 999999999 }), { required: true }),
  param('memory', schema('integer', { minimum: 16 })),
  param('name', schema('string', { pattern: '(?^i:[a-z0-9][a-z0-9.-]*)', maxLength: 10 })),
  param('ostype', schema('string', { enum: ['l26', 'win11'] })),
  param('onboot', schema('boolean')),
  param('net[n]', schema('string', { format: { kind: 'inline', keys: netFormat } }), {
    family: 'net',
    familyRange: { first: 0, last: 31 },
  }),
  param('tags', schema('string', { format: named('pve-tag-list') })),
  param('hookscript', schema('string'), {}),
  param('start', schema('boolean', { requires: 'onboot' })),
  param('kind', schema('string', { enum: ['a', 'b'] })),
  param('only-a', schema('integer', { instanceTypes: ['a'], typeProperty: 'kind' })),
]);
const status = op('GET', '/nodes/{node}/qemu/{vmid}/status', [node, vmid]);
const version = op('GET', '/version', []);
const agent = op('GET', '/agent', [], { additionalParameters: true });
const model = {
  paths: [
    apiPath('/nodes/{node}/qemu', [create]),
    apiPath('/nodes/{node}/qemu/{vmid}/status', [status]),
    apiPath('/nodes/{node}/qemu/current', [op('GET', '/nodes/{node}/qemu/current', [node])]),
    apiPath('/version', [version]),
    apiPath('/agent', [agent]),
  ],
  formats,
};
const checker = createChecker(model);
const post = (params: Record<string, string>) => checker.check({ method: 'POST', path: '/nodes/pve1/qemu', params });

describe('call checker', () => {
  it('accepts a valid call, with every boolean spelling the server accepts', () => {
    for (const onboot of ['1', '0', 'on', 'off', 'yes', 'NO', 'true', 'False']) {
      expect(post({ vmid: '100', onboot }).errors).toEqual({});
    }
    expect(post({ vmid: '+100', memory: '2048', name: 'Web-1.x', ostype: 'l26' }).status).toBe(200);
  });

  it('names unknown and missing parameters', () => {
    const r = post({ memroy: '1' });
    expect(r.status).toBe(400);
    expect(r.message).toBe('Parameter verification failed.');
    expect(r.errors).toEqual({
      memroy: 'property is not defined in schema and the schema does not allow additional properties',
      vmid: 'property is missing and it is not optional',
    });
    expect(errorBody(r)).toEqual({ data: null, errors: r.errors });
  });

  it('checks types, ranges, lengths, enums and patterns with the server messages', () => {
    expect(post({ vmid: '1e2' }).errors).toEqual({ vmid: "type check ('integer') failed - got '1e2'" });
    expect(post({ vmid: '99' }).errors).toEqual({ vmid: 'value must have a minimum value of 100' });
    expect(post({ vmid: '100', onboot: '2' }).errors).toEqual({ onboot: "type check ('boolean') failed - got '2'" });
    expect(post({ vmid: '100', ostype: 'l24' }).errors).toEqual({
      ostype: "value 'l24' does not have a value in the enumeration 'l26, win11'",
    });
    expect(post({ vmid: '100', name: '-web' }).errors).toEqual({ name: 'value does not match the regex pattern' });
    expect(post({ vmid: '100', name: 'abcdefghijk' }).errors).toEqual({ name: 'value may only be 10 characters long' });
  });

  it('checks property strings: default key, keys, aliases, values', () => {
    expect(post({ vmid: '100', net0: 'virtio,bridge=vmbr0,firewall=on' }).errors).toEqual({});
    expect(post({ vmid: '100', net0: 'virtio=BC:24:11:00:00:01,bridge=vmbr0' }).errors).toEqual({});
    expect(post({ vmid: '100', net0: 'virtio,brigde=vmbr0' }).errors).toEqual({
      net0: 'invalid format - invalid key in comma-separated list property: brigde',
    });
    expect(post({ vmid: '100', net0: 'bridge=vmbr0' }).errors['net0']).toMatch(/net0\.model: property is missing/);
    expect(post({ vmid: '100', net0: 'virtio,firewall=maybe' }).errors['net0']).toMatch(/net0\.firewall: type check \('boolean'\)/);
    expect(post({ vmid: '100', net0: 'virtio,e1000' }).errors['net0']).toMatch(/duplicate key/);
  });

  it('checks numbered families against their range and -list formats item by item', () => {
    expect(post({ vmid: '100', net31: 'virtio' }).status).toBe(200);
    expect(Object.keys(post({ vmid: '100', net32: 'virtio' }).errors)).toEqual(['net32']);
    expect(Object.keys(post({ vmid: '100', net01: 'virtio' }).errors)).toEqual(['net01']);
    // split_list separates items at commas, semicolons and spaces, so each item here is one key.
    expect(post({ vmid: '100', tags: 'a;b c,name=d' }).status).toBe(200);
    expect(post({ vmid: '100', tags: 'a;prio=-1' }).errors['tags']).toMatch(/tags\.prio: value must have a minimum value of 0/);
  });

  it('checks requires and type-dependent parameters', () => {
    expect(post({ vmid: '100', start: '1' }).errors).toEqual({ onboot: "missing property - 'start' requires this property" });
    expect(post({ vmid: '100', kind: 'a', 'only-a': '1' }).status).toBe(200);
    expect(Object.keys(post({ vmid: '100', kind: 'b', 'only-a': '1' }).errors)).toEqual(['only-a']);
  });

  it('resolves path templates (literal segments first) and checks path parameters', () => {
    expect(checker.resolve('GET', '/nodes/pve1/qemu/current')?.path.path).toBe('/nodes/{node}/qemu/current');
    const r = checker.check({ method: 'GET', path: '/nodes/pve1/qemu/abc/status', params: {} });
    expect(r.errors).toEqual({ vmid: "type check ('integer') failed - got 'abc'" });
    expect(checker.check({ method: 'GET', path: '/nodes/pve%31/qemu/100/status/', params: {} }).pathParams).toEqual({
      node: 'pve1',
      vmid: '100',
    });
  });

  it('answers 501 for an unknown path or method, like pveproxy', () => {
    expect(checker.check({ method: 'DELETE', path: '/version', params: {} })).toMatchObject({
      status: 501,
      message: "Method 'DELETE /version' not implemented",
    });
    expect(checker.check({ method: 'PATCH', path: '/version', params: {} }).status).toBe(501);
    expect(checker.check({ method: 'GET', path: '/nope', params: {} }).status).toBe(501);
  });

  it('accepts JSON body values and unknown parameters where the method allows them', () => {
    const r = checker.check({ method: 'POST', path: '/nodes/pve1/qemu', params: { vmid: 100, onboot: true, memory: 2048 } });
    expect(r.errors).toEqual({});
    expect(checker.check({ method: 'POST', path: '/nodes/pve1/qemu', params: { vmid: 100.5 } }).errors).toHaveProperty('vmid');
    expect(checker.check({ method: 'GET', path: '/agent', params: { anything: 'x' } }).status).toBe(200);
  });
});

describe('patterns in the checker', () => {
  it('runs a catastrophic pattern in linear time and still rejects', () => {
    // (a+)+ against "aaaa...b" takes exponential time in a backtracking engine.
    const m = createChecker({
      paths: [apiPath('/p', [op('POST', '/p', [param('x', schema('string', { pattern: '(a+)+' }))])])],
      formats: {},
    });
    expect(m.check({ method: 'POST', path: '/p', params: { x: `${'a'.repeat(5000)}b` } }).errors).toEqual({
      x: 'value does not match the regex pattern',
    });
    // Perl's $ matches before a final newline.
    expect(m.check({ method: 'POST', path: '/p', params: { x: 'aaa\n' } }).status).toBe(200);
  });
});
