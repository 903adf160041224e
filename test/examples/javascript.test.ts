import { describe, expect, it } from 'vitest';
import { javascript } from '../../generator/document/examples/javascript.js';
import { HOSTILE, node, op, param, PBS, PVE, qemuNet, schema, vmid } from './helpers.js';

const HEAD = [
  '// Node.js 18+ (built-in fetch; top-level await needs an ES module, e.g. example.mjs).',
  '// The default certificate is self-signed: trust it with NODE_EXTRA_CA_CERTS=ca.pem node example.mjs',
  '// (ca.pem: a copy of /etc/pve/pve-root-ca.pem).',
];
const TAIL = [
  'if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);',
  'const { data } = await res.json();',
  'console.log(data);',
];
const AUTH = '"PVEAPIToken=root@pam!monitoring=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"';

/** Collect the values a snippet would send, by running only its URLSearchParams construction. */
function sentParams(code: string): [string, string][] {
  const m = /new URLSearchParams\(([\s\S]*?)\);\n/.exec(code);
  if (!m) return [];
  return [...new URLSearchParams(new Function(`return (${m[1]});`)() as Record<string, string>)];
}

function parses(code: string): void {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;
  expect(() => new AsyncFunction(code)).not.toThrow();
}

describe('javascript', () => {
  it('golden: GET with a query string', () => {
    const o = op('GET', '/cluster/resources', [param('type', schema('string', { enum: ['vm'] }), { location: 'query' })]);
    const code = javascript(o, PVE);
    expect(code).toBe(
      [
        ...HEAD,
        'const query = new URLSearchParams({ type: "vm" });',
        'const res = await fetch("https://pve.example.com:8006/api2/json/cluster/resources?" + query, {',
        `  headers: { Authorization: ${AUTH} },`,
        '});',
        ...TAIL,
      ].join('\n'),
    );
    parses(code);
  });

  it('golden: POST with a form body', () => {
    const o = op('POST', '/nodes/{node}/qemu', [node(), param('vmid', schema('integer', { minimum: 100 })), qemuNet()]);
    const code = javascript(o, PVE);
    expect(code).toBe(
      [
        ...HEAD,
        'const body = new URLSearchParams({',
        '  vmid: "100",',
        '  net0: "virtio,bridge=vmbr0",',
        '});',
        'const res = await fetch("https://pve.example.com:8006/api2/json/nodes/pve1/qemu", {',
        '  method: "POST",',
        `  headers: { Authorization: ${AUTH} },`,
        '  body,',
        '});',
        ...TAIL,
      ].join('\n'),
    );
    parses(code);
  });

  it('PUT and DELETE', () => {
    const put = javascript(op('PUT', '/nodes/{node}/qemu/{vmid}/resize', [node(), vmid(), param('size', schema('string'))]), PVE);
    expect(put).toContain('method: "PUT"');
    expect(put).toContain('const body = new URLSearchParams({ size: "32G" });');
    parses(put);
    const del = javascript(op('DELETE', '/nodes/{node}/qemu/{vmid}', [node(), vmid(), param('purge', schema('boolean'))]), PVE);
    expect(del).toContain('method: "DELETE"');
    expect(del).toContain('"https://pve.example.com:8006/api2/json/nodes/pve1/qemu/100?" + query');
    parses(del);
  });

  it('ticket auth when tokens are rejected, CSRF only for non-GET', () => {
    const flags = { protected: false, proxyto: null, allowToken: false, downloadAllowed: false, exposeCredentials: false };
    const put = javascript(op('PUT', '/access/password', [], { flags }), PVE);
    expect(put).toContain('Cookie: "PVEAuthCookie=" + encodeURIComponent(ticket),');
    expect(put).toContain('CSRFPreventionToken: csrf,');
    expect(put).not.toContain('Authorization');
    parses(put);
    const get = javascript(op('GET', '/access/x', [], { flags }), PVE);
    expect(get).not.toContain('csrf');
    parses(get);
  });

  it('no auth for world operations', () => {
    const code = javascript(op('GET', '/access/domains', [], { permissions: { pointer: '', mode: 'world' } }), PVE);
    expect(code).toContain('const res = await fetch("https://pve.example.com:8006/api2/json/access/domains");');
    parses(code);
  });

  it('PBS token shape', () => {
    expect(javascript(op('GET', '/version', []), PBS)).toContain('"PBSAPIToken=root@pam!monitoring:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"');
  });

  it('hostile names and values stay inside string literals', () => {
    for (const method of ['GET', 'POST'] as const) {
      const params = HOSTILE.map((h, i) => param(h === '' ? `empty${i}` : `${h}${i}`, schema('string', { enum: [h] })));
      params.push(param('__proto__', schema('string', { enum: ['p'] })));
      const code = javascript(op(method, '/x', params), PVE);
      parses(code);
      expect(sentParams(code)).toEqual(params.map((p) => [p.name, p.schema.enum![0]]));
    }
  });
});
