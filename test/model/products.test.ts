/**
 * The model's reading of PMG and PBS specifics and of the schema constructs the pages lost before:
 * flags (proxyto master, download, upload, unstable), proxmox-schema formats, alias key types,
 * oneOf variants' selecting property, and the schema's silences.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../generator/load/index.js';
import { silentLogger } from '../../generator/log.js';
import { operationSilences, schemaCoverage } from '../../generator/model/coverage.js';
import { normalize } from '../../generator/model/normalize.js';
import { PRODUCTS } from '../../generator/model/product.js';
import type { ApiModel, Operation } from '../../generator/model/types.js';
import { validate, validateStructure } from '../../generator/validate/index.js';

function model(document: unknown, product?: ApiModel['product']): ApiModel {
  const log = silentLogger();
  const m = normalize({ source: 't.json', dialect: 'viewer', document, ...(product ? { product } : {}) }, log);
  expect(log.warnings).toEqual([]);
  return m;
}

function op(info: Record<string, unknown>, path = '/x/{node}'): Operation {
  return model([{ path, info: { GET: { parameters: { properties: {} }, ...info } } }]).paths[0]!.operations[0]!;
}

describe('flags', () => {
  it('proxyto "master" is the cluster master unless a parameter is called master', () => {
    expect(op({ proxyto: 'master' }).flags.proxyMaster).toBe(true);
    const named = op({ proxyto: 'master', parameters: { properties: { master: { type: 'string' } } } });
    expect(named.flags.proxyMaster).toBeUndefined();
    expect(op({ proxyto: 'node' }).flags.proxyMaster).toBeUndefined();
  });

  it('download: 1 (PMG) and method DOWNLOAD / UPLOAD (PBS raw HTTP handlers)', () => {
    expect(op({ download: 1 }).flags.download).toBe(true);
    expect(op({ method: 'DOWNLOAD' }).flags.download).toBe(true);
    expect(op({ method: 'UPLOAD' }).flags.upload).toBe(true);
    expect(op({ download_allowed: 1 }).flags.download).toBeUndefined();
  });

  it('unstable (proxmox-schema)', () => {
    expect(op({ unstable: true }).flags.unstable).toBe(true);
    expect(op({ unstable: false }).flags.unstable).toBeUndefined();
  });

  it('each product names its privileged daemon', () => {
    expect([PRODUCTS.pve.privilegedDaemon, PRODUCTS.pmg.privilegedDaemon, PRODUCTS.pbs.privilegedDaemon]).toEqual([
      'pvedaemon',
      'pmgdaemon',
      'proxmox-backup-api',
    ]);
  });
});

describe('PMG role lists are read only for PMG', () => {
  const doc = (path: string, second = '/quarantine') => [
    { path, info: { GET: { parameters: {}, permissions: { check: ['admin', 'audit'] } } } },
    { path: second, info: { GET: { parameters: {}, permissions: { check: ['admin'] } } } },
  ];
  it('detected from the paths, before the operations are read', () => {
    const m = model(doc('/config/ruledb'));
    expect(m.product).toBe('pmg');
    expect(m.paths[0]!.operations[0]!.permissions.check).toEqual({ kind: 'role', roles: ['admin', 'audit'] });
  });
  it('a PVE schema reports the same form as unknown', () => {
    const log = silentLogger();
    // A PVE path beside the PMG one: the paths do not clearly say PMG, so --product pve is taken.
    normalize({ source: 't.json', dialect: 'viewer', document: doc('/config/ruledb', '/nodes/{node}/qemu'), product: 'pve' }, log);
    expect(log.warnings.length).toBe(2);
  });
});

describe('proxmox-schema property-string formats (a whole schema)', () => {
  it('an object schema: its properties are the keys, default_key names the default key', () => {
    const o = op({
      returns: {
        type: 'string',
        format: {
          type: 'object',
          additionalProperties: false,
          default_key: 'type',
          description: 'Maintenance mode',
          properties: {
            message: { type: 'string', optional: 1, maxLength: 64 },
            type: { type: 'string', enum: ['read-only', 'offline'] },
          },
        },
      },
    });
    const format = o.returns.format;
    expect(format?.kind).toBe('inline');
    if (format?.kind !== 'inline') return;
    expect(format.keys.map((k) => [k.name, k.defaultKey, k.required])).toEqual([
      ['type', true, true],
      ['message', false, false],
    ]);
    expect(format.keys[0]!.schema.enum).toEqual(['read-only', 'offline']);
    expect(format.keys[1]!.schema.pointer).toBe('/0/info/GET/returns/format/properties/message');
  });

  it('an array schema: a list whose element schema (with its enum) is kept', () => {
    const o = op({
      parameters: {
        properties: {
          'remove-vanished': {
            type: 'string',
            optional: 1,
            format: { type: 'array', items: { type: 'string', enum: ['acl', 'entry', 'properties'] } },
          },
        },
      },
    });
    const f = o.parameters.find((p) => p.name === 'remove-vanished')!.schema.format;
    expect(f).toMatchObject({ kind: 'list', item: { type: 'string', enum: ['acl', 'entry', 'properties'] } });
  });

  it('a Perl key map with a key named "type" is still a key map', () => {
    const o = op({ returns: { type: 'string', format: { type: { type: 'string' }, size: { type: 'integer' } } } });
    expect(o.returns.format?.kind === 'inline' && o.returns.format.keys.map((k) => k.name)).toEqual(['size', 'type']);
  });
});

describe('alias keys take the type of the key they alias', () => {
  it('volume= for file=: the alias row reads like file, with its own description', () => {
    const o = op({
      returns: {
        type: 'string',
        format: {
          file: { type: 'string', format: 'pve-volume-id-or-qm-path', default_key: 1, typetext: '<volume>' },
          volume: { alias: 'file', description: 'Alias of file.' },
          size: { type: 'string', optional: 1, format: 'disk-size' },
        },
      },
    });
    const keys = o.returns.format?.kind === 'inline' ? o.returns.format.keys : [];
    const volume = keys.find((k) => k.name === 'volume')!;
    expect(volume.schema.type).toBe('string');
    expect(volume.schema.synopsis).toBe('<volume>');
    expect(volume.schema.description).toBe('Alias of file.');
    expect(volume.schema.pointer).toBe('/0/info/GET/returns/format/volume');
    expect(volume.required).toBe(false);
  });
});

describe('oneOf variants are selected by the parent type-property', () => {
  it('each variant names "protocol", not "type"', () => {
    const o = op({
      parameters: {
        properties: {
          delete: {
            type: 'array',
            'type-property': 'protocol',
            oneOf: [
              { type: 'array', 'instance-types': ['openfabric'], optional: 1, items: { type: 'string', enum: ['hello_interval'] } },
              { type: 'array', 'instance-types': ['ospf'], optional: 1, items: { type: 'string', enum: ['area'] } },
            ],
          },
        },
      },
    });
    const d = o.parameters.find((p) => p.name === 'delete')!;
    expect(d.schema.oneOf?.map((v) => [v.typeProperty, v.instanceTypes, v.items?.enum])).toEqual([
      ['protocol', ['openfabric'], ['hello_interval']],
      ['protocol', ['ospf'], ['area']],
    ]);
  });
});

describe('what the schema does not say', () => {
  it('names each silence with its place, and counts them', () => {
    const m = model([
      { path: '/a', info: { GET: { parameters: { properties: { x: { type: 'integer', default: 'same as user' } } } } } },
      {
        path: '/b',
        info: {
          GET: {
            parameters: { properties: { y: { type: 'string', description: 'Y.' } } },
            returns: {
              type: 'object',
              properties: {
                list: { type: 'array', items: { type: 'object' } },
                bare: { type: 'array' },
                conf: { type: 'object' },
                map: { type: 'object', additionalProperties: { type: 'object', properties: { k: { type: 'string' } } } },
              },
            },
          },
          POST: { parameters: {}, returns: { type: 'string' } },
        },
      },
    ]);
    const [a, b] = m.paths;
    expect(operationSilences(a!.operations[0]!).map((s) => [s.kind, s.field])).toEqual([
      ['parameter-undescribed', 'parameter x'],
      ['numeric-textual-default', 'parameter x'],
      ['returns-null', 'returns'],
    ]);
    expect(operationSilences(b!.operations[0]!).map((s) => [s.kind, s.field])).toEqual([
      ['array-without-items', 'returns.bare'],
      ['object-without-properties', 'returns.conf'],
      ['array-items-without-properties', 'returns.list'],
    ]);
    expect(operationSilences(b!.operations[1]!).map((s) => s.kind)).toEqual(['string-return-undescribed']);
    const c = schemaCoverage(m);
    expect(c.counts).toMatchObject({
      'returns-null': 1,
      'parameter-undescribed': 1,
      'array-without-items': 1,
      'string-return-undescribed': 1,
    });
    expect(c.sections.map((s) => [s.section, s.operations, s.entries.length])).toEqual([
      ['a', 1, 1],
      ['b', 2, 2],
    ]);
  });
});

describe('validation accepts the proxmox-schema dialect', () => {
  it('booleans, permission objects, whole-schema formats, DOWNLOAD, unstable', () => {
    const text = `var apiSchema = ${JSON.stringify([
      {
        path: '/admin/datastore/{store}',
        leaf: false,
        info: {
          GET: {
            method: 'DOWNLOAD',
            unstable: true,
            description: 'x',
            parameters: {
              additionalProperties: false,
              properties: {
                store: { type: 'string' },
                flag: { type: 'boolean', default: false, optional: true },
                list: { type: 'string', optional: 1, format: { type: 'array', items: { type: 'string', enum: ['a'] }, minLength: 1 } },
              },
            },
            returns: {
              type: 'string',
              format: { type: 'object', default_key: 'type', additionalProperties: false, properties: { type: { type: 'string' } } },
            },
            permissions: {
              or: [{ check: { partial: true, path: ['datastore', '{store}'], privs: ['Datastore.Audit'] } }, { userParam: 'userid' }],
              description: 'Or the owner.',
            },
          },
        },
      },
    ])};\nExt.onReady(function () {});\n`;
    const loaded = parseDocument('apidoc.js', text);
    validateStructure(loaded);
    expect(() => validate(loaded)).not.toThrow();
  });

  it('still rejects a privilege check without privileges', () => {
    const loaded = parseDocument(
      'apidoc.js',
      JSON.stringify([{ path: '/a', info: { GET: { parameters: {}, permissions: { check: { path: ['a'] } } } } }]),
    );
    expect(() => validate(loaded)).toThrow(/permissions\/check/);
  });
});
