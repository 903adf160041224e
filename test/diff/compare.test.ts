/**
 * diffModels on small synthetic schemas: every kind of change, what is breaking and what is not,
 * permission verdicts, and a deterministic order.
 */
import { describe, expect, it } from 'vitest';
import {
  type Change,
  changeMarkdown,
  comparePermissions,
  diffJson,
  diffMarkdown,
  diffModels,
  summarizeDiff,
} from '../../generator/diff/index.js';
import { changeHtml } from '../../generator/versions/changelog.js';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import { normalizePermissions } from '../../generator/model/permissions.js';
import type { ApiModel } from '../../generator/model/types.js';

type Info = Record<string, unknown>;

/** A viewer-dialect document with one path per entry; `methods` maps METHOD -> method info. */
function model(version: string, paths: Record<string, Record<string, Info>>): ApiModel {
  const document = Object.entries(paths).map(([path, methods]) => ({ path, text: path.split('/').pop(), leaf: 1, info: methods }));
  return normalize({ source: `test-${version}.json`, dialect: 'viewer', document, version }, silentLogger());
}

function method(properties: Record<string, unknown>, extra: Info = {}): Info {
  return {
    name: 'm',
    description: 'd',
    parameters: { type: 'object', properties },
    returns: { type: 'null' },
    permissions: { user: 'all' },
    ...extra,
  };
}

/** The parameter, field and attribute a change names, whichever its kind has. */
const parameterOf = (c: Change): string | undefined => ('parameter' in c ? c.parameter : undefined);
const fieldOf = (c: Change): string | undefined => ('field' in c ? c.field : undefined);
const attributeOf = (c: Change): string | null => ('attribute' in c ? c.attribute : null);

/** The first change of a kind, narrowed to that kind. */
function find<K extends Change['kind']>(changes: Change[], kind: K): Extract<Change, { kind: K }> | undefined {
  return changes.find((c): c is Extract<Change, { kind: K }> => c.kind === kind);
}

function changesOf(a: ApiModel, b: ApiModel, operation: string): Change[] {
  return diffModels(a, b).changed.find((c) => c.operation === operation)?.changes ?? [];
}

describe('diffModels', () => {
  it('finds added and removed operations, sorted by path then method', () => {
    const a = model('1.0', { '/b': { GET: method({}), DELETE: method({}) }, '/a': { PUT: method({}) } });
    const b = model('2.0', {
      '/b': { DELETE: method({}), POST: method({}) },
      '/a': { GET: method({}), PUT: method({}) },
      '/0': { GET: method({}) },
    });
    const diff = diffModels(a, b);
    expect(diff.added).toEqual(['GET /0', 'GET /a', 'POST /b']);
    expect(diff.removed).toEqual(['GET /b']);
    expect(diff.changed).toEqual([]);
    expect(diff.breaking).toBe(true);
    expect(diff.old.label).toBe('1.0');
    expect(diff.new.label).toBe('2.0');
  });

  it('classifies parameter changes', () => {
    const a = model('1', {
      '/x': {
        POST: method({
          gone: { type: 'string', optional: 1 },
          req: { type: 'string', optional: 1 },
          opt: { type: 'string' },
          typed: { type: 'integer', optional: 1 },
          widened: { type: 'integer', optional: 1 },
          mode: { type: 'string', enum: ['a', 'b', 'c'], optional: 1 },
          free: { type: 'string', optional: 1 },
          fixed: { type: 'string', enum: ['x'], optional: 1 },
          def: { type: 'integer', default: 1, optional: 1 },
          num: { type: 'integer', minimum: 0, maximum: 10, optional: 1 },
          len: { type: 'string', maxLength: 10, optional: 1 },
          pat: { type: 'string', optional: 1 },
          fmt: { type: 'string', format: 'pve-storage-id', optional: 1 },
          ps: { type: 'string', format: { a: { type: 'string', optional: 1 }, b: { type: 'string', optional: 1 } }, optional: 1 },
        }),
      },
    });
    const b = model('2', {
      '/x': {
        POST: method({
          req: { type: 'string' },
          opt: { type: 'string', optional: 1 },
          typed: { type: 'string', optional: 1 },
          widened: { type: 'number', optional: 1 },
          mode: { type: 'string', enum: ['a', 'c', 'd'], optional: 1 },
          free: { type: 'string', enum: ['only'], optional: 1 },
          fixed: { type: 'string', optional: 1 },
          def: { type: 'integer', default: 2, optional: 1 },
          num: { type: 'integer', minimum: 1, maximum: 20, optional: 1 },
          len: { type: 'string', maxLength: 5, optional: 1 },
          pat: { type: 'string', pattern: '[a-z]+', optional: 1 },
          fmt: { type: 'string', format: 'pve-storage-id-list', optional: 1 },
          ps: { type: 'string', format: { a: { type: 'string', optional: 1 }, c: { type: 'string' } }, optional: 1 },
          newopt: { type: 'string', optional: 1 },
          newreq: { type: 'string' },
        }),
      },
    });
    const changes = changesOf(a, b, 'POST /x');
    const brief = changes.map((c) => [c.kind, parameterOf(c), attributeOf(c), c.breaking]);
    expect(brief).toEqual([
      ['parameter-default', 'def', null, false],
      ['parameter-enum-dropped', 'fixed', null, false],
      ['parameter-format', 'fmt', null, false],
      ['parameter-enum-added', 'free', null, true],
      ['parameter-removed', 'gone', null, true],
      ['parameter-constraint', 'len', 'maxLength', true],
      ['parameter-enum-values-removed', 'mode', null, true],
      ['parameter-enum-values-added', 'mode', null, false],
      ['parameter-added', 'newopt', null, false],
      ['parameter-added', 'newreq', null, true],
      ['parameter-constraint', 'num', 'minimum', true],
      ['parameter-constraint', 'num', 'maximum', false],
      ['parameter-optional', 'opt', null, false],
      ['parameter-constraint', 'pat', 'pattern', true],
      ['parameter-format-keys-removed', 'ps', null, true],
      ['parameter-format-keys-added', 'ps', null, true],
      ['parameter-required', 'req', null, true],
      ['parameter-type', 'typed', null, true],
      ['parameter-type', 'widened', null, false],
    ]);
    expect(find(changes, 'parameter-enum-values-removed')?.values).toEqual(['b']);
    expect(find(changes, 'parameter-enum-values-added')?.values).toEqual(['d']);
    expect(find(changes, 'parameter-enum-added')?.values).toEqual(['only']);
    expect(find(changes, 'parameter-default')).toMatchObject({ from: 1, to: 2 });
    expect(find(changes, 'parameter-format')).toMatchObject({ from: 'pve-storage-id', to: 'pve-storage-id-list' });
    expect(find(changes, 'parameter-format-keys-removed')?.keys).toEqual(['b']);
    expect(find(changes, 'parameter-format-keys-added')?.keys).toEqual([{ name: 'c', required: true }]);
    expect(changes.filter((c) => c.kind === 'parameter-added')).toEqual([
      { kind: 'parameter-added', parameter: 'newopt', required: false, breaking: false },
      { kind: 'parameter-added', parameter: 'newreq', required: true, breaking: true },
    ]);
    expect(changes.filter((c) => c.kind === 'parameter-constraint').map((c) => [c.attribute, c.from, c.to])).toEqual([
      ['maxLength', 10, 5],
      ['minimum', 0, 1],
      ['maximum', 10, 20],
      ['pattern', null, '[a-z]+'],
    ]);
    // The words are made at output time, from these fields.
    const removed = find(changes, 'parameter-removed');
    expect(removed && changeMarkdown(removed)).toBe('parameter `gone` removed');
    const keys = find(changes, 'parameter-format-keys-added');
    expect(keys && changeMarkdown(keys)).toBe('parameter `ps`: property-string keys added: `c` (required)');
    expect(keys && changeHtml(keys)).toBe('parameter <code>ps</code>: property-string keys added: <code>c</code> (required)');
    const def = find(changes, 'parameter-default');
    expect(def && changeMarkdown(def)).toBe('parameter `def`: default `1` → `2`');
  });

  it('compares returns: type, and fields in the first two levels', () => {
    const ret = (returns: unknown): Info => method({}, { returns });
    const a = model('1', {
      '/list': {
        GET: ret({
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              old: { type: 'string' },
              sub: {
                type: 'object',
                properties: { x: { type: 'integer' }, deep: { type: 'object', properties: { y: { type: 'string' } } } },
              },
            },
          },
        }),
      },
      '/task': { POST: ret({ type: 'null' }) },
      '/obj': { GET: ret({ type: 'object', properties: { n: { type: 'integer' } } }) },
    });
    const b = model('2', {
      '/list': {
        GET: ret({
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              added: { type: 'string' },
              sub: {
                type: 'object',
                properties: { x: { type: 'string' }, deep: { type: 'object', properties: { z: { type: 'string' } } } },
              },
            },
          },
        }),
      },
      '/task': { POST: ret({ type: 'string' }) },
      '/obj': { GET: ret({ type: 'array' }) },
    });
    expect(changesOf(a, b, 'GET /list').map((c) => [c.kind, fieldOf(c), c.breaking])).toEqual([
      ['returns-field-added', '[].added', false],
      ['returns-field-removed', '[].old', true],
      ['returns-type', '[].sub.x', true],
    ]);
    expect(changesOf(a, b, 'POST /task').map((c) => [c.kind, fieldOf(c), c.breaking])).toEqual([['returns-type', '', false]]);
    expect(changesOf(a, b, 'GET /obj').map((c) => [c.kind, c.breaking, changeMarkdown(c)])).toEqual([
      ['returns-type', true, 'return value: type `object` → `array`'],
    ]);
  });

  it('compares permissions and flags', () => {
    const perm = (permissions: unknown, extra: Info = {}): Info => method({}, { permissions, ...extra });
    const a = model('1', {
      '/w': { GET: perm({ user: 'world' }) },
      '/l': { GET: perm({ check: ['perm', '/', ['Sys.Audit']] }) },
      '/t': { GET: perm({ check: ['perm', '/', ['Sys.Audit', 'Sys.Modify'], 'any', 1] }, { allowtoken: 1, protected: 1 }) },
      '/c': { GET: perm({ check: ['perm', '/vms/{vmid}', ['VM.Monitor']] }) },
      '/d': { GET: perm({ check: ['perm', '/', ['A', 'B']], description: 'old' }) },
    });
    const b = model('2', {
      '/w': { GET: perm({ user: 'all' }) },
      '/l': { GET: perm({ user: 'all' }) },
      '/t': { GET: perm({ check: ['perm', '/', ['Sys.Audit']] }, { allowtoken: 0, proxyto: 'node' }) },
      '/c': { GET: perm({ check: ['perm', '/vms/{vmid}', ['VM.GuestAgent.Audit']] }) },
      '/d': { GET: perm({ check: ['perm', '/', ['B', 'A']], description: 'new' }) },
    });
    const brief = (path: string): unknown[] => changesOf(a, b, `GET ${path}`).map((c) => [c.kind, attributeOf(c), c.breaking]);
    expect(brief('/w')).toEqual([['permissions-tightened', null, true]]);
    expect(brief('/l')).toEqual([['permissions-loosened', null, false]]);
    expect(brief('/t')).toEqual([
      ['permissions-tightened', null, true],
      ['flag', 'protected', false],
      ['flag', 'proxyto', false],
      ['flag', 'allowToken', true],
    ]);
    expect(brief('/c')).toEqual([['permissions-changed', null, true]]);
    expect(brief('/d')).toEqual([['permissions-description', null, false]]);
    // proxyto names a parameter: none before, "node" after (not `false`).
    const proxyto = changesOf(a, b, 'GET /t').find((c) => c.kind === 'flag' && c.attribute === 'proxyto');
    expect(proxyto).toEqual({ kind: 'flag', attribute: 'proxyto', from: null, to: 'node', breaking: false });
    expect(proxyto && changeMarkdown(proxyto)).toBe('proxyto: none → `node`');
    expect(changesOf(a, b, 'GET /w').map(changeMarkdown)).toEqual(['permissions tightened: anyone (no login) → any authenticated user']);
  });

  it('is deterministic and symmetric', () => {
    const a = model('1', { '/a': { GET: method({ x: { type: 'string', optional: 1 } }) }, '/b': { GET: method({}) } });
    const b = model('2', { '/a': { GET: method({ y: { type: 'string', optional: 1 } }) }, '/c': { GET: method({}) } });
    expect(JSON.stringify(diffModels(a, b))).toBe(JSON.stringify(diffModels(a, b)));
    const forward = diffModels(a, b);
    const backward = diffModels(b, a);
    expect(backward.added).toEqual(forward.removed);
    expect(backward.removed).toEqual(forward.added);
    expect(diffModels(a, a)).toMatchObject({ added: [], removed: [], changed: [], breaking: false });
  });

  it('prints JSON in the documented shape and Markdown with breaking marks', () => {
    const a = model('1', { '/a': { GET: method({ x: { type: 'string', optional: 1 } }) }, '/b': { GET: method({}) } });
    const b = model('2', { '/a': { GET: method({}) }, '/c': { POST: method({}) } });
    const json = diffJson(diffModels(a, b));
    expect(json).toMatchObject({
      old: '1',
      new: '2',
      breaking: true,
      added: ['POST /c'],
      removed: ['GET /b'],
      changed: [
        {
          operation: 'GET /a',
          breaking: true,
          changes: [{ kind: 'parameter-removed', parameter: 'x', breaking: true, text: 'parameter `x` removed' }],
        },
      ],
    });
    expect(summarizeDiff(diffModels(a, b))).toEqual({ added: 1, removed: 1, changed: 1, breakingChanged: 1, parameterNamesChanged: 1 });
    const md = diffMarkdown(diffModels(a, b));
    expect(md).toContain('# API changes from 1 to 2');
    expect(md).toContain('- **BREAKING** `GET /b`');
    expect(md).toContain('### `GET /a` (breaking)');
    expect(md).toContain('- **BREAKING** parameter `x` removed');
  });

  it('formats schema values at output time: a backtick or markup in a value cannot break out of its code', () => {
    const a = model('1', { '/a': { GET: method({ m: { type: 'string', enum: ['a'], optional: 1 } }) } });
    const b = model('2', { '/a': { GET: method({ m: { type: 'string', enum: ['a', 'x`<b>y'], optional: 1 } }) } });
    const [change] = changesOf(a, b, 'GET /a');
    expect(change).toEqual({ kind: 'parameter-enum-values-added', parameter: 'm', values: ['x`<b>y'], breaking: false });
    expect(change && changeMarkdown(change)).toBe('parameter `m`: values added: ``x`<b>y``');
    expect(change && changeHtml(change)).toBe('parameter <code>m</code>: values added: <code>x&#96;&lt;b&gt;y</code>');
  });
});

describe('comparePermissions', () => {
  const p = (raw: unknown) => normalizePermissions(raw, '/p');
  it('orders world < all < check < root', () => {
    expect(comparePermissions(p({ user: 'world' }), p({ user: 'all' }))).toBe('tightened');
    expect(comparePermissions(p({ user: 'all' }), p({ check: ['perm', '/', ['X']] }))).toBe('tightened');
    expect(comparePermissions(p({ check: ['perm', '/', ['X']] }), p(undefined))).toBe('tightened');
    expect(comparePermissions(p(undefined), p({ user: 'world' }))).toBe('loosened');
    expect(comparePermissions(p(undefined), p({}))).toBe('same');
  });
  it('compares checks as formulas', () => {
    const any = p({ check: ['perm', '/', ['A', 'B'], 'any', 1] });
    const both = p({ check: ['perm', '/', ['A', 'B']] });
    const orForm = p({ check: ['or', ['perm', '/', ['B']], ['perm', '/', ['A']]] });
    const andForm = p({ check: ['and', ['perm', '/', ['B']], ['perm', '/', ['A']]] });
    expect(comparePermissions(any, both)).toBe('tightened');
    expect(comparePermissions(both, any)).toBe('loosened');
    expect(comparePermissions(any, orForm)).toBe('same');
    expect(comparePermissions(both, andForm)).toBe('same');
    expect(comparePermissions(p({ check: ['perm', '/', ['A']] }), p({ check: ['perm', '/', ['A'], 'require_param', 'x'] }))).toBe(
      'loosened',
    );
    expect(comparePermissions(p({ check: ['perm', '/a', ['A']] }), p({ check: ['perm', '/b', ['A']] }))).toBe('changed');
  });
});
