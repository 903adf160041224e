import { describe, expect, it } from 'vitest';
import { pyString, python } from '../../generator/document/examples/python.js';
import { HOSTILE, node, op, param, parsePython, pythonEval, PVE, qemuNet, schema, vmid } from './helpers.js';

const CERT = [
  '# verify=False accepts the self-signed certificate of a default installation;',
  '# pass verify="ca.pem" (a copy of /etc/pve/pve-root-ca.pem) to check it instead.',
];
const TAIL = [')', 'res.raise_for_status()', 'data = res.json()["data"]', 'print(data)'];
const AUTH = '    headers={"Authorization": "PVEAPIToken=root@pam!monitoring=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"},';

describe('python', () => {
  it('golden: GET with params=', () => {
    const o = op('GET', '/nodes/{node}/qemu/{vmid}/rrddata', [
      node(),
      vmid(),
      param('timeframe', schema('string', { enum: ['hour', 'day'] }), { location: 'query' }),
    ]);
    const code = python(o, PVE);
    expect(code).toBe(
      [
        'import requests',
        '',
        ...CERT,
        'res = requests.get(',
        '    "https://pve.example.com:8006/api2/json/nodes/pve1/qemu/100/rrddata",',
        AUTH,
        '    params={"timeframe": "hour"},',
        '    verify=False,',
        ...TAIL,
      ].join('\n'),
    );
    expect(parsePython(code)).toBe('');
  });

  it('golden: POST with data=', () => {
    const o = op('POST', '/nodes/{node}/qemu', [node(), param('vmid', schema('integer', { minimum: 100 })), qemuNet()]);
    const code = python(o, PVE);
    expect(code).toBe(
      [
        'import requests',
        '',
        ...CERT,
        'res = requests.post(',
        '    "https://pve.example.com:8006/api2/json/nodes/pve1/qemu",',
        AUTH,
        '    data={',
        '        "vmid": "100",',
        '        "net0": "virtio,bridge=vmbr0",',
        '    },',
        '    verify=False,',
        ...TAIL,
      ].join('\n'),
    );
    expect(parsePython(code)).toBe('');
  });

  it('PUT, DELETE and ticket auth parse', () => {
    const flags = { protected: false, proxyto: null, allowToken: false, downloadAllowed: false, exposeCredentials: false };
    const put = python(op('PUT', '/access/password', [param('password', schema('string'))], { flags }), PVE);
    expect(put).toContain('    cookies={"PVEAuthCookie": ticket},');
    expect(put).toContain('    headers={"CSRFPreventionToken": csrf},');
    expect(put).toContain('res = requests.put(');
    expect(parsePython(put)).toBe('');
    const del = python(op('DELETE', '/nodes/{node}/qemu/{vmid}', [node(), vmid()]), PVE);
    expect(del).toContain('res = requests.delete(');
    expect(del).not.toContain('params=');
    expect(parsePython(del)).toBe('');
  });

  it('pyString round-trips hostile text through python3', () => {
    const samples = [...HOSTILE, 'a\0b', '\ud800 lone', '\u{1F600} emoji', '\u00ad soft hyphen', 'nbsp\u00a0', '\r\n'];
    const literals = samples.map(pyString);
    for (const literal of literals) expect(literal).not.toMatch(/[\n\r\0\u2028]/);
    expect(pythonEval(literals)).toEqual(samples);
  });

  it('hostile names and values parse', () => {
    const params = HOSTILE.map((h, i) => param(`${h}${i}`, schema('string', { enum: [h] })));
    for (const method of ['GET', 'POST'] as const) expect(parsePython(python(op(method, '/x', params), PVE))).toBe('');
  });
});
