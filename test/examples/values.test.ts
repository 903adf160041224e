import { describe, expect, it } from 'vitest';
import type { FormatDef, SchemaNode } from '../../generator/model/types.js';
import { exampleParamName, exampleValue, knownExampleValue, lookupIn } from '../../generator/document/examples/values.js';
import { key, named, param, qemuNet, schema } from './helpers.js';

const v = (name: string, s: SchemaNode): string => exampleValue({ name, schema: s });
const fmt = (format: string, type = 'string'): SchemaNode => schema(type, { format: named(format) });

describe('exampleValue: named formats', () => {
  it.each([
    ['node', fmt('pve-node'), 'pve1'],
    ['vmid', fmt('pve-vmid', 'integer'), '100'],
    ['storage', fmt('pve-storage-id'), 'local'],
    ['bridge', fmt('pve-bridge'), 'vmbr0'],
    ['ip', fmt('ip'), '192.0.2.10'],
    ['address', fmt('ipv4'), '192.0.2.10'],
    ['address6', fmt('ipv6'), '2001:db8::10'],
    ['cidr', fmt('CIDR'), '192.0.2.0/24'],
    ['email', fmt('email'), 'admin@example.com'],
    ['email', fmt('email-opt'), 'admin@example.com'],
    ['userid', fmt('pve-userid'), 'root@pam'],
    ['realm', fmt('pve-realm'), 'pam'],
    ['mac', fmt('mac-addr'), 'BC:24:11:00:00:01'],
    ['vnet', fmt('pve-sdn-vnet-id'), 'vnet1'],
    ['zone', fmt('pve-sdn-zone-id'), 'zone1'],
    ['fabric', fmt('pve-sdn-fabric-id'), 'fabric1'],
    ['snapname', fmt('pve-configid'), 'snap1'],
    ['rule', fmt('pve-configid'), 'rule1'],
    ['vms', fmt('pve-vmid-list'), '100'],
    ['nodes', fmt('pve-node-list'), 'pve1'],
    ['target', fmt('pve-node'), 'pve2'],
    ['newid', fmt('pve-vmid', 'integer'), '101'],
  ])('%s (%o) → %s', (name, s, expected) => {
    expect(v(name, s)).toBe(expected);
  });
});

describe('exampleValue: by type', () => {
  it('enum: the table value when allowed, else the default when it is a value, else the first', () => {
    expect(v('ostype', schema('string', { enum: ['other', 'l26'], default: 'other' }))).toBe('l26');
    expect(v('kind', schema('string', { enum: ['other', 'l26'], default: 'l26' }))).toBe('l26');
    expect(v('kind', schema('string', { enum: ['other', 'l26'], default: 'nonsense' }))).toBe('other');
    expect(v('type', schema('string', { enum: ['vm', 'storage'] }))).toBe('vm');
  });
  it('integer: table value, else default, else minimum, else 1, within the range', () => {
    expect(v('cores', schema('integer', { default: 1, minimum: 1 }))).toBe('2');
    expect(v('cores', schema('integer', { default: 1, maximum: 1 }))).toBe('1');
    expect(v('count', schema('integer', { default: '4' }))).toBe('4');
    expect(v('port', schema('integer', { minimum: 5900, maximum: 5999 }))).toBe('5900');
    expect(v('index', schema('integer'))).toBe('1');
    expect(v('neg', schema('integer', { maximum: -5 }))).toBe('-5');
    expect(v('free', schema('integer', { default: 'free text' }))).toBe('1');
    expect(v('rate', schema('number', { minimum: 0 }))).toBe('0');
  });
  it('boolean → 1', () => {
    expect(v('force', schema('boolean', { default: 0 }))).toBe('1');
  });
  it('array → one item', () => {
    expect(v('command', schema('array', { items: schema('string', { enum: ['ls', 'df'] }) }))).toBe('ls');
    // No item schema: a list of free text.
    expect(v('things', schema('array'))).toBe('example');
  });
  it('names give their format value when the schema names no format', () => {
    expect(v('node', schema('string'))).toBe('pve1');
    expect(v('vmid', schema('string'))).toBe('100');
    expect(v('storage', schema('string'))).toBe('local');
    expect(v('userid', schema('string'))).toBe('root@pam');
    expect(v('digest', schema('string', { maxLength: 64 }))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
  it('a plain string with nothing known is free text: example, fitted to the length limits', () => {
    expect(v('data', schema('string'))).toBe('example');
    expect(v('whatever', schema('any'))).toBe('example');
    expect(v('secret', schema('string', { minLength: 10 }))).toBe('exampleexa');
    expect(v('tag', schema('string', { maxLength: 3 }))).toBe('exa');
  });
  it('knownExampleValue leaves free text out (example responses omit such optional fields)', () => {
    expect(knownExampleValue({ name: 'data', schema: schema('string') })).toBeUndefined();
    expect(knownExampleValue({ name: 'node', schema: schema('string') })).toBe('pve1');
  });
  it('string defaults are used when they fit and are not prose', () => {
    expect(v('bridge-like', schema('string', { default: 'vmbr1' }))).toBe('vmbr1');
    expect(v('remark', schema('string', { default: 'the current node' }))).toBe('example');
  });
});

describe('exampleValue: patterns', () => {
  it('uses a short value the pattern accepts', () => {
    expect(v('id', schema('string', { pattern: '[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?' }))).toBe('example');
    expect(v('n', schema('string', { pattern: '\\d+' }))).toBe('1');
    expect(v('size', schema('string', { pattern: '\\+?\\d+(\\.\\d+)?[KMGT]?' }))).toBe('32G');
  });
  it('understands Perl (?^i:...) wrappers', () => {
    expect(v('tokenid', schema('string', { pattern: '(?^:[A-Za-z][A-Za-z0-9\\.\\-_]+)' }))).toBe('monitoring');
    expect(v('k', schema('string', { pattern: '(?^i:EXAMPLE)' }))).toBe('example');
  });
  it('respects maxLength', () => {
    expect(v('group', schema('string', { pattern: '[A-Za-z][A-Za-z0-9\\-\\_]+', maxLength: 3 }))).toBe('abc');
  });
  it('makes a value from the pattern when no guess matches', () => {
    expect(v('fingerprintish', schema('string', { pattern: '([A-F0-9]{2}:){7}[A-F0-9]{2}' }))).toBe('11:11:11:11:11:11:11:11');
    expect(v('id', schema('string', { pattern: 'C\\d+R\\d+T\\d+' }))).toBe('C1R1T1');
    expect(v('starttime', schema('string', { pattern: '\\d{1,2}:\\d{1,2}' }))).toBe('02:30');
  });
  it('reads PBS (Rust) patterns as a search', () => {
    const rust = (pattern: string) => schema('string', { pattern, patternSyntax: 'rust' });
    expect(v('store', rust('^(?:[A-Za-z0-9_][A-Za-z0-9._\\-]*)$'))).toBe('store1');
    expect(v('disk', rust('^(?:(?:h|s|x?v)d[a-z]+)|(?:nvme\\d+n\\d+)$'))).toBe('sdb');
    expect(v('key', rust('^pbs(?:[cbsp])-[0-9a-f]{10}$'))).toBe('pbsc-0123456789');
  });
  it('falls back to <name> only when no value fits the pattern', () => {
    expect(v('broken', schema('string', { pattern: '(unclosed' }))).toBe('<broken>');
    expect(v('long', schema('string', { pattern: '[a-z]{5}', maxLength: 4 }))).toBe('<long>');
  });
  it('keeps curated values when the pattern is not a JS regex', () => {
    expect(v('node', schema('string', { pattern: '(?<!x' }))).toBe('pve1');
  });
  it('checks the name value against the pattern', () => {
    expect(v('size', schema('string', { pattern: '\\+\\d+G' }))).toBe('+1G');
  });
});

describe('exampleValue: property strings', () => {
  it('net: curated virtio,bridge=vmbr0 for the VM key layout', () => {
    expect(exampleValue(qemuNet())).toBe('virtio,bridge=vmbr0,firewall=1');
  });
  it('net: the container form when the keys say so', () => {
    const keys = [key('name', schema('string'), { required: true }), key('bridge', fmt('pve-bridge-id')), key('ip', schema('string'))];
    const p = param('net[n]', schema('string', { format: { kind: 'inline', keys } }), { family: 'net' });
    expect(exampleValue(p)).toBe('name=eth0,bridge=vmbr0,ip=dhcp');
  });
  it('generic: default key bare, then required keys', () => {
    const keys = [
      key('volume', fmt('pve-volume-id'), { defaultKey: true, required: true }),
      key('mp', fmt('pve-storage-path'), { required: true }),
      key('backup', schema('boolean')),
    ];
    expect(v('thing', schema('string', { format: { kind: 'inline', keys } }))).toBe('local-lvm:vm-100-disk-0,mp=/mnt/data');
  });
  it('generic: no default and nothing required → the first ordinary key', () => {
    const keys = [key('alias', schema('any'), { alias: 'x', required: true }), key('keep-last', schema('integer', { minimum: 0 }))];
    expect(v('thing', schema('string', { format: { kind: 'inline', keys } }))).toBe('keep-last=0');
  });
  it('named property-string formats are expanded through the registry', () => {
    const formats: Record<string, FormatDef> = {
      'my-fmt': {
        kind: 'property-string',
        name: 'my-fmt',
        pointer: '',
        keys: [
          key('type', schema('string', { enum: ['std', 'es'] }), { defaultKey: true, required: true }),
          key('size', schema('integer', { minimum: 4 }), { required: true }),
        ],
      },
    };
    expect(exampleValue({ name: 'x', schema: fmt('my-fmt') }, lookupIn(formats))).toBe('std,size=4');
    expect(exampleValue({ name: 'x', schema: fmt('my-fmt') })).toBe('example');
    // A curated format value wins over the registry.
    const ipconfig: Record<string, FormatDef> = { 'pve-qm-ipconfig': { ...formats['my-fmt']!, name: 'pve-qm-ipconfig' } as FormatDef };
    expect(exampleValue({ name: 'ipconfig[n]', schema: fmt('pve-qm-ipconfig') }, lookupIn(ipconfig))).toBe('ip=192.0.2.10/24,gw=192.0.2.1');
  });
  it('terminates on self-referencing formats', () => {
    const formats: Record<string, FormatDef> = {
      loop: { kind: 'property-string', name: 'loop', pointer: '', keys: [key('self', fmt('loop'), { defaultKey: true, required: true })] },
    };
    expect(exampleValue({ name: 'x', schema: fmt('loop') }, lookupIn(formats))).toBe('example');
  });
});

describe('exampleParamName', () => {
  it('numbers families', () => {
    expect(exampleParamName(qemuNet())).toBe('net0');
    // The family is the model's word (model/families.ts), not re-read from the name here.
    expect(exampleParamName({ name: 'scsi[n]', schema: schema('string'), family: 'scsi' })).toBe('scsi0');
    expect(exampleParamName({ name: '[n]', schema: schema('string') })).toBe('[n]');
    expect(exampleParamName({ name: 'vmid', schema: schema('integer') })).toBe('vmid');
  });
});

describe('determinism', () => {
  it('gives the same value twice', () => {
    expect(exampleValue(qemuNet())).toBe(exampleValue(qemuNet()));
  });
});
