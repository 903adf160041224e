import { describe, expect, it } from 'vitest';
import { curlNoAuth, curlWithTicket, curlWithToken, shellQuote, shellWord } from '../../generator/document/examples/curl.js';
import { HOSTILE, node, op, param, PBS, PMG, PVE, qemuNet, schema, shellArgs, vmid } from './helpers.js';

const TOKEN = "-H 'Authorization: PVEAPIToken=root@pam!monitoring=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'";
const K = '# -k: accept the default self-signed certificate (or verify it: --cacert with a copy of /etc/pve/pve-root-ca.pem)';

const noTokens = { protected: false, proxyto: null, allowToken: false, downloadAllowed: false, exposeCredentials: false };

describe('golden curl commands', () => {
  it('GET with path parameters, token', () => {
    expect(curlWithToken(op('GET', '/nodes/{node}/qemu/{vmid}/status/current', [node(), vmid()]), PVE)).toBe(
      [K, "curl -k 'https://pve.example.com:8006/api2/json/nodes/pve1/qemu/100/status/current' \\", `  ${TOKEN}`].join('\n'),
    );
  });

  it('GET with a query parameter uses -G', () => {
    const o = op('GET', '/cluster/resources', [param('type', schema('string', { enum: ['vm', 'storage'] }), { location: 'query' })]);
    expect(curlWithToken(o, PVE)).toBe(
      [K, "curl -k -G 'https://pve.example.com:8006/api2/json/cluster/resources' \\", `  ${TOKEN} \\`, "  -d 'type=vm'"].join('\n'),
    );
  });

  it('POST with a property string (commas) uses --data-urlencode', () => {
    const o = op('POST', '/nodes/{node}/qemu', [
      node(),
      param('vmid', schema('integer', { minimum: 100 })),
      qemuNet(),
      param('start', schema('boolean'), { required: true }),
      param('description', schema('string'), { required: false }),
    ]);
    expect(curlWithToken(o, PVE)).toBe(
      [
        K,
        "curl -k -X POST 'https://pve.example.com:8006/api2/json/nodes/pve1/qemu' \\",
        `  ${TOKEN} \\`,
        "  -d 'vmid=100' \\",
        "  --data-urlencode 'net0=virtio,bridge=vmbr0' \\",
        "  -d 'start=1'",
      ].join('\n'),
    );
  });

  it('PUT with a ticket sends the CSRF header', () => {
    const o = op('PUT', '/nodes/{node}/qemu/{vmid}/config', [node(), vmid(), param('name', schema('string', { default: 'web-01' }))]);
    expect(curlWithTicket(o, PVE)).toBe(
      [
        K,
        '# TICKET and CSRF: "ticket" and "CSRFPreventionToken" returned by POST /api2/json/access/ticket',
        "curl -k -X PUT 'https://pve.example.com:8006/api2/json/nodes/pve1/qemu/100/config' \\",
        '  -b "PVEAuthCookie=$TICKET" \\',
        '  -H "CSRFPreventionToken: $CSRF" \\',
        "  -d 'name=web-01'",
      ].join('\n'),
    );
  });

  it('GET with a ticket has no CSRF header', () => {
    const code = curlWithTicket(op('GET', '/version', []), PVE);
    expect(code).toContain('-b "PVEAuthCookie=$TICKET"');
    expect(code).not.toContain('CSRF');
  });

  it('DELETE puts parameters in the query string', () => {
    const o = op('DELETE', '/nodes/{node}/qemu/{vmid}', [node(), vmid(), param('purge', schema('boolean'))]);
    expect(curlWithToken(o, PVE)).toBe(
      [K, "curl -k -X DELETE -G 'https://pve.example.com:8006/api2/json/nodes/pve1/qemu/100' \\", `  ${TOKEN} \\`, "  -d 'purge=1'"].join(
        '\n',
      ),
    );
  });

  it('no auth for world operations', () => {
    const o = op('GET', '/access/domains', [], { permissions: { pointer: '', mode: 'world' } });
    expect(curlNoAuth(o, PVE)).toBe([K, "curl -k 'https://pve.example.com:8006/api2/json/access/domains'"].join('\n'));
  });
});

describe('products', () => {
  it('PBS: port 8007, colon token, its cookie', () => {
    const o = op('GET', '/admin/datastore', []);
    expect(curlWithToken(o, PBS)).toContain("'https://pbs.example.com:8007/api2/json/admin/datastore'");
    expect(curlWithToken(o, PBS)).toContain("-H 'Authorization: PBSAPIToken=root@pam!monitoring:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'");
    expect(curlWithTicket(o, PBS)).toContain('-b "PBSAuthCookie=$TICKET"');
  });
  it('PMG: its token and cookie, no CA path hint', () => {
    const o = op('POST', '/quarantine/content', []);
    expect(curlWithToken(o, PMG)).toContain('PMGAPIToken=root@pam!monitoring=');
    expect(curlWithTicket(o, PMG)).toContain('-b "PMGAuthCookie=$TICKET"');
    expect(curlWithTicket(o, PMG)).toContain('# -k: accept the default self-signed certificate (drop it');
  });
  it('operations that reject tokens have no token example', () => {
    expect(curlWithToken(op('PUT', '/access/password', [], { flags: noTokens }), PVE)).toBeNull();
    expect(curlWithTicket(op('PUT', '/access/password', [], { flags: noTokens }), PVE)).toContain('$CSRF');
  });
});

describe('shell quoting', () => {
  it('single-quotes with the close-escape-reopen idiom', () => {
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellWord('local-lvm:32,size=4G')).toBe('local-lvm:32,size=4G');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord('')).toBe("''");
    expect(shellWord('~root')).toBe("'~root'");
  });

  it('bash reads every hostile value back exactly (curl is stubbed, nothing runs)', () => {
    const cases = HOSTILE.map((value) => op('POST', '/nodes/{node}/thing', [node(), param('v', schema('string', { enum: [value] }))]));
    const script = cases.map((o) => curlWithToken(o, PVE)).join('\n');
    const { argv, stderr, status } = shellArgs(script);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(argv).toHaveLength(HOSTILE.length);
    argv.forEach((args, i) => {
      const value = HOSTILE[i]!;
      expect(args[0]).toBe('curl');
      const data = args.at(-1)!;
      const flag = args.at(-2)!;
      expect(['-d', '--data-urlencode']).toContain(flag);
      expect(data).toBe(`v=${value}`);
    });
  });

  it('hostile parameter names cannot break out and never trigger curl @file reads', () => {
    const names = [...HOSTILE.filter((n) => n !== ''), 'a@/etc/passwd', '@x'];
    const cases = names.map((name) => op('GET', '/x', [param(name, schema('string', { enum: ["v'$`\n"] }))]));
    const script = cases.map((o) => curlWithTicket(o, PVE)).join('\n');
    const { argv, stderr, status } = shellArgs(script);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(argv).toHaveLength(names.length);
    argv.forEach((args, i) => {
      const name = names[i]!;
      const flag = args.at(-2)!;
      const data = args.at(-1)!;
      if (flag === '--data-raw') {
        // Encoded here: decoding gives back name and value exactly.
        const [n, v] = data.split('=');
        expect(decodeURIComponent(n!)).toBe(name);
        expect(decodeURIComponent(v!)).toBe("v'$`\n");
      } else {
        expect(flag).toBe('--data-urlencode');
        expect(data).toBe(`${name}=v'$\`\n`);
        expect(name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/);
      }
      expect(args).toContain('PVEAuthCookie=TICKETVALUE');
    });
  });

  it('hostile path values are percent-encoded inside the quoted URL', () => {
    const p = param('node', schema('string', { enum: ["a'b/c d$(x)"] }), { location: 'path' });
    const { argv } = shellArgs(curlWithToken(op('GET', '/nodes/{node}', [p]), PVE)!);
    expect(argv[0]).toContain("https://pve.example.com:8006/api2/json/nodes/a'b%2Fc%20d%24(x)");
  });

  it('a NUL byte (impossible in a shell argument) is sent pre-encoded', () => {
    const code = curlWithToken(op('POST', '/x', [param('v', schema('string', { enum: ['a\0b'] }))]), PVE)!;
    expect(code).toContain("--data-raw 'v=a%00b'");
    expect(code).not.toContain('\0');
  });
});
