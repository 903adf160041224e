import { describe, expect, it } from 'vitest';
import { pvesh } from '../../generator/document/examples/pvesh.js';
import { HOSTILE, node, op, param, PBS, PMG, PVE, qemuNet, schema, shellArgs, vmid } from './helpers.js';

describe('pvesh', () => {
  it('maps methods to verbs and fills the path', () => {
    expect(pvesh(op('GET', '/nodes/{node}/qemu/{vmid}/status/current', [node(), vmid()]), PVE)).toBe(
      'pvesh get /nodes/pve1/qemu/100/status/current',
    );
    expect(pvesh(op('POST', '/nodes/{node}/qemu/{vmid}/status/start', [node(), vmid()]), PVE)).toBe(
      'pvesh create /nodes/pve1/qemu/100/status/start',
    );
    expect(
      pvesh(op('PUT', '/nodes/{node}/qemu/{vmid}/config', [node(), vmid(), param('cores', schema('integer', { minimum: 1 }))]), PVE),
    ).toBe('pvesh set /nodes/pve1/qemu/100/config --cores 1');
    expect(pvesh(op('DELETE', '/nodes/{node}/qemu/{vmid}', [node(), vmid(), param('purge', schema('boolean'))]), PVE)).toBe(
      'pvesh delete /nodes/pve1/qemu/100 --purge 1',
    );
  });

  it('golden: POST with a property string and optional parameters left out', () => {
    const o = op('POST', '/nodes/{node}/qemu', [
      node(),
      param('vmid', schema('integer', { minimum: 100 })),
      qemuNet(),
      param('memory', schema('integer'), { required: false }),
    ]);
    expect(pvesh(o, PVE)).toBe('pvesh create /nodes/pve1/qemu --vmid 100 --net0 virtio,bridge=vmbr0');
  });

  it('path values are raw (readable), query values quoted only when needed', () => {
    const o = op('GET', '/access/users/{userid}', [
      param('userid', schema('string'), { location: 'path' }),
      param('q', schema('string', { enum: ['a b'] })),
    ]);
    expect(pvesh(o, PVE)).toBe("pvesh get /access/users/root@pam --q 'a b'");
  });

  it('wraps long commands', () => {
    const params = ['alpha', 'bravo', 'charlie', 'delta', 'echo'].map((n) =>
      param(`${n}-option`, schema('string', { enum: ['some-long-value'] })),
    );
    expect(pvesh(op('POST', '/cluster/thing', params), PVE)).toBe(
      [
        'pvesh create /cluster/thing \\',
        '  --alpha-option some-long-value \\',
        '  --bravo-option some-long-value \\',
        '  --charlie-option some-long-value \\',
        '  --delta-option some-long-value \\',
        '  --echo-option some-long-value',
      ].join('\n'),
    );
  });

  it('PMG uses pmgsh, PBS has no CLI', () => {
    expect(pvesh(op('GET', '/quarantine/spam', []), PMG)).toBe('pmgsh get /quarantine/spam');
    expect(pvesh(op('GET', '/admin/datastore', []), PBS)).toBeNull();
  });

  it('bash reads hostile names and values back exactly', () => {
    const names = HOSTILE.filter((n) => n !== '');
    const cases = names.map((name, i) =>
      op('POST', '/nodes/{node}', [
        param('node', schema('string', { enum: [HOSTILE[i]!] }), { location: 'path' }),
        param(name, schema('string', { enum: [HOSTILE[i]!] })),
      ]),
    );
    const { argv, stderr, status } = shellArgs(cases.map((o) => pvesh(o, PVE)).join('\n'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(argv).toEqual(names.map((name, i) => ['pvesh', 'create', `/nodes/${HOSTILE[i]}`, `--${name}`, HOSTILE[i]]));
  });
});
