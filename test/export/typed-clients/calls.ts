/**
 * Source text of two files of typical typed Proxmox calls, one through openapi-fetch (types from
 * openapi-typescript), one through the SDK @hey-api/openapi-ts generates. Each ends with calls that
 * must NOT compile, marked `@ts-expect-error`: an unused directive is itself a compile error, so a
 * clean `tsc --strict` proves both halves. Kept as text: the generated modules they import exist
 * only in the test's scratch folder.
 */

/** The 16 typed calls, as [method path] keys for the hey-api SDK function names. */
export const OPERATIONS = [
  'POST /nodes/{node}/qemu',
  'POST /nodes/{node}/lxc',
  'POST /nodes/{node}/qemu/{vmid}/clone',
  'POST /nodes/{node}/qemu/{vmid}/status/start',
  'PUT /nodes/{node}/qemu/{vmid}/config',
  'POST /access/ticket',
  'POST /access/users/{userid}/token/{tokenid}',
  'PUT /access/acl',
  'GET /nodes/{node}/storage/{storage}/content',
  'GET /nodes/{node}/tasks/{upid}/status',
  'POST /cluster/backup',
  'POST /nodes/{node}/qemu/{vmid}/firewall/rules',
  'GET /cluster/resources',
  'POST /nodes/{node}/qemu/{vmid}/snapshot',
  'DELETE /nodes/{node}/qemu/{vmid}',
  'GET /version',
] as const;

export type OperationKey = (typeof OPERATIONS)[number];

export const OPENAPI_FETCH_CALLS = `import createClient from 'openapi-fetch';
import type { paths } from './openapi-typescript';

/** openapi-fetch infers its init argument generically, which skips TypeScript's excess-property
 * check for inline bodies; a body typed up front (as here) gets it. */
type QemuCreateBody = NonNullable<paths['/nodes/{node}/qemu']['post']['requestBody']>['content']['application/json'];

const api = createClient<paths>({ baseUrl: 'https://pve.example.com:8006/api2/json' });
const node = 'pve1';

export async function typicalCalls(): Promise<void> {
  await api.POST('/nodes/{node}/qemu', {
    params: { path: { node } },
    body: { vmid: 100, name: 'web', memory: '4096', cores: 2, net0: 'virtio,bridge=vmbr0', scsi0: 'local-lvm:32', scsihw: 'virtio-scsi-pci', ostype: 'l26', agent: '1', onboot: 1 },
  });
  await api.POST('/nodes/{node}/lxc', {
    params: { path: { node } },
    body: { vmid: 101, ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', rootfs: 'local-lvm:8', unprivileged: 1 },
  });
  await api.POST('/nodes/{node}/qemu/{vmid}/clone', { params: { path: { node, vmid: 100 } }, body: { newid: 102, full: 1, name: 'web-2' } });
  const started = await api.POST('/nodes/{node}/qemu/{vmid}/status/start', { params: { path: { node, vmid: 100 } }, body: {} });
  const upid: string | undefined = started.data?.data;
  await api.PUT('/nodes/{node}/qemu/{vmid}/config', { params: { path: { node, vmid: 100 } }, body: { delete: 'net1,scsi1', memory: '8192' } });
  const login = await api.POST('/access/ticket', { body: { username: 'root@pam', password: 'secret' } });
  const ticket: string | undefined = login.data?.data.ticket;
  await api.POST('/access/users/{userid}/token/{tokenid}', { params: { path: { userid: 'ci@pve', tokenid: 'deploy' } }, body: { privsep: 0, comment: 'CI' } });
  await api.PUT('/access/acl', { body: { path: '/vms/100', roles: 'PVEVMAdmin', users: 'ci@pve', propagate: 1 } });
  const content = await api.GET('/nodes/{node}/storage/{storage}/content', { params: { path: { node, storage: 'local' }, query: { content: 'iso' } } });
  const volids: string[] = content.data?.data.map((entry) => entry.volid) ?? [];
  if (upid) await api.GET('/nodes/{node}/tasks/{upid}/status', { params: { path: { node, upid } } });
  await api.POST('/cluster/backup', { body: { schedule: 'sun 01:00', storage: 'local', vmid: '100,101', mode: 'snapshot', compress: 'zstd', enabled: 1 } });
  await api.POST('/nodes/{node}/qemu/{vmid}/firewall/rules', { params: { path: { node, vmid: 100 } }, body: { action: 'ACCEPT', type: 'in', proto: 'tcp', dport: '443', enable: 1 } });
  await api.GET('/cluster/resources', { params: { query: { type: 'vm' } } });
  await api.POST('/nodes/{node}/qemu/{vmid}/snapshot', { params: { path: { node, vmid: 100 } }, body: { snapname: 'before-upgrade', vmstate: 0 } });
  await api.DELETE('/nodes/{node}/qemu/{vmid}', { params: { path: { node, vmid: 102 }, query: { purge: 1 } } });
  const version = await api.GET('/version');
  const release: string | undefined = version.data?.data.release;
  void [ticket, volids, release];
}

export async function callsThatMustNotCompile(): Promise<void> {
  // @ts-expect-error unknown parameter (a typo of net0)
  const typo: QemuCreateBody = { vmid: 100, nett0: 'virtio,bridge=vmbr0' };
  await api.POST('/nodes/{node}/qemu', { params: { path: { node } }, body: typo });
  await api.POST('/nodes/{node}/qemu/{vmid}/firewall/rules', {
    params: { path: { node, vmid: 100 } },
    // @ts-expect-error wrong enum value for type
    body: { action: 'ACCEPT', type: 'sideways' },
  });
  // @ts-expect-error a boolean is 0 or 1 on the wire, not true
  await api.POST('/nodes/{node}/qemu/{vmid}/clone', { params: { path: { node, vmid: 100 } }, body: { newid: 102, full: true } });
  // @ts-expect-error ostemplate is required
  await api.POST('/nodes/{node}/lxc', { params: { path: { node } }, body: { vmid: 101 } });
  // @ts-expect-error net99 is past the family's range
  const past: QemuCreateBody = { vmid: 100, net99: 'virtio' };
  void past;
}
`;

/** The same calls through the hey-api SDK; `fn` names the SDK function of an operation. */
export function heyApiCalls(fn: (op: OperationKey) => string, dataType: (op: OperationKey) => string): string {
  const imported = [...new Set(OPERATIONS.map(fn))].sort().join(', ');
  return `import { createClient } from './hey-api/client';
import type { ${dataType('POST /nodes/{node}/qemu')} as QemuCreateData } from './hey-api/types.gen';
import { ${imported} } from './hey-api/sdk.gen';

const client = createClient({ baseUrl: 'https://pve.example.com:8006/api2/json' });
const node = 'pve1';

export async function typicalCalls(): Promise<void> {
  await ${fn('POST /nodes/{node}/qemu')}({ client, path: { node }, body: { vmid: 100, name: 'web', memory: '4096', cores: 2, net0: 'virtio,bridge=vmbr0', scsi0: 'local-lvm:32', scsihw: 'virtio-scsi-pci', ostype: 'l26', agent: '1', onboot: 1 } });
  await ${fn('POST /nodes/{node}/lxc')}({ client, path: { node }, body: { vmid: 101, ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', net0: 'name=eth0,bridge=vmbr0,ip=dhcp', rootfs: 'local-lvm:8', unprivileged: 1 } });
  await ${fn('POST /nodes/{node}/qemu/{vmid}/clone')}({ client, path: { node, vmid: 100 }, body: { newid: 102, full: 1, name: 'web-2' } });
  const started = await ${fn('POST /nodes/{node}/qemu/{vmid}/status/start')}({ client, path: { node, vmid: 100 }, body: {} });
  const upid: string | undefined = started.data?.data;
  await ${fn('PUT /nodes/{node}/qemu/{vmid}/config')}({ client, path: { node, vmid: 100 }, body: { delete: 'net1,scsi1', memory: '8192' } });
  const login = await ${fn('POST /access/ticket')}({ client, body: { username: 'root@pam', password: 'secret' } });
  const ticket: string | undefined = login.data?.data.ticket;
  await ${fn('POST /access/users/{userid}/token/{tokenid}')}({ client, path: { userid: 'ci@pve', tokenid: 'deploy' }, body: { privsep: 0, comment: 'CI' } });
  await ${fn('PUT /access/acl')}({ client, body: { path: '/vms/100', roles: 'PVEVMAdmin', users: 'ci@pve', propagate: 1 } });
  const content = await ${fn('GET /nodes/{node}/storage/{storage}/content')}({ client, path: { node, storage: 'local' }, query: { content: 'iso' } });
  const volids: string[] = content.data?.data.map((entry) => entry.volid) ?? [];
  if (upid) await ${fn('GET /nodes/{node}/tasks/{upid}/status')}({ client, path: { node, upid } });
  await ${fn('POST /cluster/backup')}({ client, body: { schedule: 'sun 01:00', storage: 'local', vmid: '100,101', mode: 'snapshot', compress: 'zstd', enabled: 1 } });
  await ${fn('POST /nodes/{node}/qemu/{vmid}/firewall/rules')}({ client, path: { node, vmid: 100 }, body: { action: 'ACCEPT', type: 'in', proto: 'tcp', dport: '443', enable: 1 } });
  await ${fn('GET /cluster/resources')}({ client, query: { type: 'vm' } });
  await ${fn('POST /nodes/{node}/qemu/{vmid}/snapshot')}({ client, path: { node, vmid: 100 }, body: { snapname: 'before-upgrade', vmstate: 0 } });
  await ${fn('DELETE /nodes/{node}/qemu/{vmid}')}({ client, path: { node, vmid: 102 }, query: { purge: 1 } });
  const about = await ${fn('GET /version')}({ client });
  const release: string | undefined = about.data?.data.release;
  void [ticket, volids, release];
}

export async function callsThatMustNotCompile(): Promise<void> {
  // @ts-expect-error unknown parameter (a typo of net0)
  await ${fn('POST /nodes/{node}/qemu')}({ client, path: { node }, body: { vmid: 100, nett0: 'virtio,bridge=vmbr0' } });
  // @ts-expect-error wrong enum value for type
  await ${fn('POST /nodes/{node}/qemu/{vmid}/firewall/rules')}({ client, path: { node, vmid: 100 }, body: { action: 'ACCEPT', type: 'sideways' } });
  // @ts-expect-error a boolean is 0 or 1 on the wire, not true
  await ${fn('POST /nodes/{node}/qemu/{vmid}/clone')}({ client, path: { node, vmid: 100 }, body: { newid: 102, full: true } });
  // @ts-expect-error ostemplate is required
  await ${fn('POST /nodes/{node}/lxc')}({ client, path: { node }, body: { vmid: 101 } });
  // @ts-expect-error net99 is past the family's range
  const past: QemuCreateData['body'] = { vmid: 100, net99: 'virtio' };
  void past;
}
`;
}
