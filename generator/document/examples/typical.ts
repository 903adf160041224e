/**
 * Which optional parameters a user most often sets, for the most used operations: data only.
 * Keyed by `METHOD /path` as in the schema. Each entry names the parameters (a numbered family by
 * its first member, `net0`) and may give a value for this operation; without one the shared table
 * (./table.ts) decides. Every value is checked against the parameter's own schema before use and
 * replaced by a generated valid value when it does not fit (an older release, another product), and
 * a name the operation does not have is skipped, so the list can stay short and stable.
 * Values that only make sense together are given together (a `dir` storage with its `path`).
 */
export interface TypicalEntry {
  /** Parameter name (or family member such as `net0`) → value, or null to use the shared table. */
  params: Record<string, string | null>;
}

/** The same firewall rule for VMs and containers: SSH in from a documentation network. */
const SSH_FROM_OFFICE: TypicalEntry['params'] = {
  action: 'ACCEPT',
  type: 'in',
  proto: 'tcp',
  dport: '22',
  source: '192.0.2.0/24',
  enable: '1',
  comment: 'SSH from the office',
};

export const TYPICAL: Record<string, TypicalEntry> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, TypicalEntry>, {
    // Virtual machines
    'POST /nodes/{node}/qemu': {
      params: {
        name: 'web01',
        memory: '2048',
        cores: '2',
        sockets: '1',
        cpu: 'x86-64-v2-AES',
        ostype: 'l26',
        scsihw: 'virtio-scsi-single',
        scsi0: 'local-lvm:32,iothread=1',
        ide2: 'local:iso/debian-12.iso,media=cdrom',
        net0: 'virtio,bridge=vmbr0,firewall=1',
        boot: 'order=scsi0;ide2;net0',
        agent: '1',
        onboot: '1',
      },
    },
    'POST /nodes/{node}/qemu/{vmid}/config': { params: { memory: '4096', cores: '4', net0: null, onboot: '1', description: null } },
    'PUT /nodes/{node}/qemu/{vmid}/config': { params: { memory: '4096', cores: '4', onboot: '1', description: null } },
    'POST /nodes/{node}/qemu/{vmid}/clone': { params: { name: 'web02', full: '1', storage: 'local-lvm', target: null } },
    'POST /nodes/{node}/qemu/{vmid}/migrate': { params: { online: '1', 'with-local-disks': '1', targetstorage: 'local-lvm' } },
    'POST /nodes/{node}/qemu/{vmid}/snapshot': { params: { description: 'Before upgrade', vmstate: '0' } },
    'POST /nodes/{node}/qemu/{vmid}/snapshot/{snapname}/rollback': { params: { start: '1' } },
    'POST /nodes/{node}/qemu/{vmid}/status/shutdown': { params: { timeout: '60' } },
    'POST /nodes/{node}/qemu/{vmid}/firewall/rules': { params: SSH_FROM_OFFICE },
    // Containers
    'POST /nodes/{node}/lxc': {
      params: {
        hostname: 'ct01',
        memory: '512',
        swap: '512',
        cores: '1',
        rootfs: 'local-lvm:8',
        net0: 'name=eth0,bridge=vmbr0,ip=dhcp,firewall=1',
        unprivileged: '1',
        password: null,
        'ssh-public-keys': null,
        onboot: '1',
        start: '1',
      },
    },
    'PUT /nodes/{node}/lxc/{vmid}/config': { params: { memory: '1024', cores: '2', onboot: '1', description: null } },
    'POST /nodes/{node}/lxc/{vmid}/clone': { params: { hostname: 'ct02', full: '1', storage: 'local-lvm', target: null } },
    'POST /nodes/{node}/lxc/{vmid}/migrate': { params: { restart: '1', timeout: '180', 'target-storage': 'local-lvm' } },
    'POST /nodes/{node}/lxc/{vmid}/snapshot': { params: { description: 'Before upgrade' } },
    'POST /nodes/{node}/lxc/{vmid}/firewall/rules': { params: SSH_FROM_OFFICE },
    // Backups
    'POST /nodes/{node}/vzdump': {
      params: { vmid: '100', storage: 'local', mode: 'snapshot', compress: 'zstd', 'notes-template': '{{guestname}}' },
    },
    'POST /cluster/backup': {
      params: { schedule: '02:00', storage: 'local', vmid: '100', mode: 'snapshot', compress: 'zstd', enabled: '1', comment: 'Nightly' },
    },
    // Storage
    'POST /storage': { params: { storage: 'backup1', type: 'dir', path: '/mnt/backup', content: 'backup,iso,vztmpl' } },
    'POST /nodes/{node}/storage/{storage}/upload': { params: { content: 'iso', filename: 'debian-12.iso' } },
    'POST /nodes/{node}/storage/{storage}/download-url': {
      params: { content: 'iso', filename: 'debian-12.iso', url: 'https://example.com/debian-12.iso', 'verify-certificates': '1' },
    },
    // Users, tokens, permissions
    'POST /access/users': {
      params: {
        userid: 'alice@pve',
        password: null,
        email: 'alice@example.com',
        firstname: 'Alice',
        lastname: 'Example',
        groups: 'admins',
      },
    },
    'PUT /access/users/{userid}': { params: { email: 'alice@example.com', enable: '1' } },
    'POST /access/users/{userid}/token/{tokenid}': { params: { privsep: '1', expire: '0', comment: 'Monitoring' } },
    'PUT /access/acl': { params: { path: '/vms/100', roles: 'PVEVMUser', users: 'alice@pve', propagate: '1' } },
    // Firewall
    'POST /cluster/firewall/rules': {
      params: { action: 'ACCEPT', type: 'in', proto: 'tcp', dport: '8006', source: '192.0.2.0/24', enable: '1', comment: 'Web UI' },
    },
    'POST /nodes/{node}/firewall/rules': {
      params: { action: 'ACCEPT', type: 'in', proto: 'tcp', dport: '22', source: '192.0.2.0/24', enable: '1', comment: 'SSH' },
    },
    // Network
    'POST /nodes/{node}/network': {
      params: { iface: 'vmbr1', type: 'bridge', bridge_ports: 'eno2', cidr: '192.0.2.10/24', autostart: '1', comments: 'Storage network' },
    },
  }),
);
