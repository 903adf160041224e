/** Example responses from hand-built returns schemas: shape rules, table values, and honest "nothing". */
import { describe, expect, it } from 'vitest';
import { conformError } from '../../generator/document/examples/conform.js';
import { exampleResponse, UNSPECIFIED_TEXT } from '../../generator/document/examples/response.js';
import type { NamedSchema, SchemaNode } from '../../generator/model/types.js';
import { named, op, schema } from './helpers.js';

const prop = (name: string, s: SchemaNode, optional = false): NamedSchema => ({ name, schema: optional ? { ...s, optional: true } : s });
const returning = (returns: SchemaNode, method: 'GET' | 'POST' = 'GET') => op(method, '/x', [], { returns });
const pve = { product: 'pve' as const };

describe('exampleResponse', () => {
  it('fills a VM listing from the value table, wrapped in {"data": ...}', () => {
    const vm = schema('object', {
      properties: [
        prop('vmid', schema('integer', { format: named('pve-vmid') })),
        prop('status', schema('string', { enum: ['stopped', 'running'] })),
        prop('name', schema('string'), true),
        prop('maxmem', schema('integer'), true),
        prop('template', schema('boolean'), true),
      ],
    });
    const r = exampleResponse(returning(schema('array', { items: vm })), pve);
    expect(r).toEqual({
      kind: 'example',
      body: { data: [{ vmid: 100, status: 'running', name: 'web01', maxmem: 4294967296, template: 0 }] },
    });
  });

  it('says so instead of inventing: null, untyped, object without properties, array without items', () => {
    expect(exampleResponse(returning(schema('null')), pve)).toEqual({ kind: 'null', body: { data: null } });
    expect(exampleResponse(returning(schema('any')), pve)).toEqual({ kind: 'unspecified', reason: 'untyped' });
    expect(exampleResponse(returning(schema('object')), pve)).toEqual({ kind: 'unspecified', reason: 'object-without-properties' });
    expect(exampleResponse(returning(schema('array')), pve)).toEqual({ kind: 'unspecified', reason: 'array-without-items' });
    expect(exampleResponse(returning(schema('array', { items: schema('object') })), pve)).toEqual({
      kind: 'unspecified',
      reason: 'items-without-properties',
    });
    for (const text of Object.values(UNSPECIFIED_TEXT)) expect(text).toMatch(/^The schema /);
  });

  it('returns a UPID for a task and respects a pattern', () => {
    const task = exampleResponse(returning(schema('string'), 'POST'), pve);
    expect(task).toEqual({ kind: 'example', body: { data: expect.stringMatching(/^UPID:pve1:/) } });
    const pbs = schema('string', {
      description: 'Unique Process/Task Identifier',
      pattern: '^UPID:[^:]+:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:.*$',
    });
    const r = exampleResponse(returning(pbs, 'POST'), { product: 'pbs' });
    expect(r.kind === 'example' && conformError(r.body.data, pbs, 'json')).toBe(null);
  });

  it('leaves out optional properties the table does not know, keeps required ones, booleans true/false on PBS', () => {
    const s = schema('object', {
      properties: [prop('weird', schema('string'), true), prop('needed', schema('string')), prop('enable', schema('boolean'))],
    });
    expect(exampleResponse(returning(s), pve)).toEqual({ kind: 'example', body: { data: { needed: 'example', enable: 1 } } });
    expect(exampleResponse(returning(s), { product: 'pbs' })).toEqual({
      kind: 'example',
      body: { data: { needed: 'example', enable: true } },
    });
  });

  it('keeps a property named __proto__ as an own key', () => {
    const s = schema('object', { properties: [prop('__proto__', schema('integer'))] });
    const r = exampleResponse(returning(s), pve);
    expect(r.kind === 'example' && Object.keys(r.body.data as object)).toEqual(['__proto__']);
  });
});

describe('conformError', () => {
  const keys = {
    kind: 'inline' as const,
    keys: [
      {
        name: 'model',
        defaultKey: true,
        required: true,
        alias: null,
        keyAlias: null,
        schema: schema('string', { enum: ['virtio', 'e1000'] }),
      },
      { name: 'bridge', defaultKey: false, required: false, alias: null, keyAlias: null, schema: schema('string') },
      { name: 'firewall', defaultKey: false, required: false, alias: null, keyAlias: null, schema: schema('boolean') },
    ],
  };
  const net = schema('string', { format: keys });
  it.each([
    ['virtio,bridge=vmbr0,firewall=1', null],
    ['bridge=vmbr0', 'missing key model'],
    ['virtio,colour=red', 'unknown key colour'],
    ['virtio,firewall=maybe', 'firewall: "maybe" is not a boolean'],
    ['rtl,bridge=vmbr0', 'model: "rtl" is not one of virtio, e1000'],
  ])('property string %s', (value, error) => {
    expect(conformError(value, net, 'form')).toBe(error);
  });
  it('checks ranges, integers and patterns of form values', () => {
    expect(conformError('99', schema('integer', { minimum: 100 }), 'form')).toBe('99 is below the minimum 100');
    expect(conformError('1.5', schema('integer'), 'form')).toBe('"1.5" is not an integer');
    expect(conformError('abc', schema('string', { pattern: '[0-9]+' }), 'form')).toBe('"abc" does not match the pattern');
  });
});
