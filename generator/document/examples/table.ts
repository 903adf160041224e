/**
 * The one table of example values shared by the request examples, the example responses and the
 * mock server: data only, no logic. Keyed by named format, by format and parameter name together,
 * by parameter (or property, or property-string key) name, and by numbered family for whole
 * property strings. Each value is a string as it travels in a form body or query string; numbers
 * are written as decimal strings. Every value is still checked against the schema it is used for
 * (generator/document/examples/values.ts), so an entry that does not fit is simply skipped.
 *
 * Addresses come from the documentation ranges (RFC 5737 192.0.2.0/24, RFC 3849 2001:db8::/32) and
 * domains from example.com (RFC 2606), so a copied example never points at someone's real host.
 */
/** SHA-1 of the empty string: shaped exactly like the config digests the API returns. */
/**
 * Tables are looked up with names taken from the schema: a null prototype keeps "constructor" or
 * "__proto__" from finding Object.prototype's members.
 */
function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

const EXAMPLE_DIGEST = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

/** A SHA-256 fingerprint as `XX:XX:...` (32 pairs), deterministic, not anyone's real certificate. */
const EXAMPLE_FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 17) % 256).toString(16).toUpperCase().padStart(2, '0')).join(
  ':',
);

/** A task id in the real `UPID:node:pid:pstart:starttime:type:id:user:` shape. */
const EXAMPLE_UPID = 'UPID:pve1:0000A1B2:0001C3D4:66000000:qmstart:100:root@pam:';
/** PBS adds a task counter after pstart: `UPID:node:pid:pstart:task_id:starttime:type:id:auth_id:`. */
const EXAMPLE_UPID_PBS = 'UPID:pbs1:0000A1B2:0001C3D4:00000001:66000000:garbage_collection:store1:root@pam:';

/** Shape only: a PEM block cannot be made up meaningfully; the newlines show the expected layout. */
const EXAMPLE_PEM = '-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----';

/**
 * Values for named formats (by full name first, then by base name without -list/-opt).
 * Ids use the names a default installation has (node pve1, storage local, bridge vmbr0, realm pam,
 * VMID 100 — the lowest VMID the API accepts); MAC addresses use Proxmox's own OUI BC:24:11.
 */
export const FORMAT_VALUES: Record<string, string> = table({
  // Nodes, guests, storage
  'pve-node': 'pve1',
  'pve-ha-node': 'pve1',
  'pve-vmid': '100',
  'pve-storage-id': 'local',
  'pve-storage-content': 'images',
  'pve-storage-path': '/mnt/data',
  'pve-storage-server': '192.0.2.20',
  'pve-storage-portal-dns': '192.0.2.20',
  'pve-storage-vgname': 'pve',
  'pve-storage-options': 'vers=4.2',
  'pve-volume-id': 'local-lvm:vm-100-disk-0',
  'pve-volume-id-or-qm-path': 'local-lvm:vm-100-disk-0',
  'pve-volume-id-or-absolute-path': 'local-lvm:vm-100-disk-0',
  'pve-lxc-mp-string': 'local-lvm:8',
  'pve-replication-job-id': '100-0',
  'pve-ha-resource-id': 'vm:100',
  'pve-ha-resource-or-vm-id': 'vm:100',
  'storage-pair': 'local-lvm',
  'bridge-pair': 'vmbr0',
  'disk-size': '32G',
  // Network
  'pve-bridge': 'vmbr0',
  'pve-bridge-id': 'vmbr0',
  'pve-iface': 'vmbr0',
  'pve-vlan-id-or-range': '100',
  ip: '192.0.2.10',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  address: '192.0.2.10',
  'lxc-ip-with-ll-iface': '192.0.2.53',
  CIDR: '192.0.2.0/24',
  CIDRv4: '192.0.2.0/24',
  CIDRv6: '2001:db8::/64',
  IPorCIDR: '192.0.2.10',
  IPorCIDRorAlias: '192.0.2.0/24',
  ipv4mask: '255.255.255.0',
  'mac-addr': 'BC:24:11:00:00:01',
  macaddr: 'BC:24:11:00:00:01',
  'mac-prefix': 'BC:24:11',
  'dns-name': 'host.example.com',
  'pve-acme-domain': 'pve1.example.com',
  'pve-acme-alias': 'alias.example.net',
  // Firewall
  'pve-fw-addr-spec': '192.0.2.0/24',
  'pve-fw-dport-spec': '22',
  'pve-fw-sport-spec': '1024:65535',
  'pve-fw-protocol-spec': 'tcp',
  'pve-fw-icmp-type-spec': 'echo-request',
  'pve-fw-conntrack-helper': 'ftp',
  // SDN (other pve-sdn-*-id formats: see sdnId)
  'pve-sdn-subnet-id': 'zone1-192.0.2.0-24',
  'pve-sdn-ipam-id': 'pve',
  'pve-sdn-bgp-rt': '65000:100',
  'pve-sdn-isis-net': '49.0001.1921.6800.2001.00',
  'pve-sdn-dhcp-range': 'start-address=192.0.2.100,end-address=192.0.2.200',
  // Access control
  'pve-userid': 'root@pam',
  'pve-realm': 'pam',
  'pve-groupid': 'admins',
  'pve-roleid': 'PVEAuditor',
  'pve-poolid': 'pool1',
  'pve-tokenid': 'monitoring',
  'pve-priv': 'VM.Audit',
  email: 'admin@example.com',
  'email-or-username': 'admin@example.com',
  'realm-sync-options': 'scope=both',
  'ldap-simple-attr': 'uid',
  // Guest configuration (named property strings and friends)
  'pve-qm-ipconfig': 'ip=192.0.2.10/24,gw=192.0.2.1',
  'pve-qm-ide': 'local:iso/debian-12.iso,media=cdrom',
  'pve-qm-boot': 'order=scsi0;net0',
  'pve-qm-bootdisk': 'scsi0',
  'pve-qm-watchdog': 'model=i6300esb',
  'pve-qm-rng': 'source=/dev/urandom',
  'pve-qm-hostpci': '0000:01:00.0',
  'pve-qm-cicustom': 'user=local:snippets/user.yaml',
  'pve-vm-cpu-conf': 'host',
  'pve-hotplug-features': 'network,disk,usb',
  'pve-startup-order': 'order=1',
  'pve-cpuset': '0-3',
  'pve-ct-timezone': 'Europe/Vienna',
  'pve-tag': 'production',
  'pve-day-of-week': 'mon',
  'pve-lxc-dev-string': '/dev/ttyUSB0',
  'prune-backups': 'keep-last=3',
  'backup-performance': 'max-workers=16',
  'backup-fleecing': 'enabled=1',
  'pve-calendar-event': 'daily',
  // Miscellaneous
  'proxmox-remote': 'host=192.0.2.20,apitoken=PVEAPIToken=root@pam!migrate=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  'pve-command-batch': '[{"method":"GET","path":"/version"}]',
  'pem-certificate': EXAMPLE_PEM,
  'pem-certificate-chain': EXAMPLE_PEM,
  'pem-string': EXAMPLE_PEM,
  urlencoded: 'ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5%20admin%40example.com',
  'graphite-path': 'proxmox',
  // Deliberately absent: `string` (string-list) says nothing about the value; the name decides.
});

/**
 * A few format/name pairs where the name says more than the format: a migration target is another
 * node than the source, a clone's new VMID differs from the original.
 */
export const FORMAT_NAME_VALUES: Record<string, string> = table({
  'pve-node|target': 'pve2',
  'dns-name|name': 'web01',
  'pve-vmid|newid': '101',
  'pve-vmid|target-vmid': '101',
  'pve-storage-id|target-storage': 'local-lvm',
});

/**
 * Values by parameter name, for parameters without a (known) format. Arrays list alternatives,
 * the first one that fits the schema wins.
 */
export const NAME_VALUES: Record<string, string[]> = table({
  // Guest settings a typical request sets, and the fields a listing returns.
  name: ['web01'],
  memory: ['2048'],
  cores: ['2'],
  sockets: ['1'],
  cpus: ['2'],
  maxcpu: ['8'],
  swap: ['512'],
  ostype: ['l26'],
  scsihw: ['virtio-scsi-single'],
  agent: ['1'],
  onboot: ['1'],
  comment: ['Web server'],
  description: ['Web server'],
  notes: ['Web server'],
  tags: ['production'],
  status: ['running'],
  uptime: ['86400'],
  cpu: ['0.05', 'host'],
  mem: ['1073741824'],
  maxmem: ['4294967296'],
  maxdisk: ['34359738368'],
  netin: ['1048576'],
  netout: ['524288'],
  diskread: ['10485760'],
  diskwrite: ['5242880'],
  pid: ['12345'],
  version: ['9.1.1'],
  release: ['9.1'],
  repoid: ['0a1b2c3d'],
  exitstatus: ['OK'],
  // An epoch (returned fields), else a backup job's hh:mm start (PVE 5.4-era `starttime` pattern).
  starttime: ['1767225600', '02:30'],
  endtime: ['1767225660'],
  ctime: ['1767225600'],
  pstart: ['1234567'],
  user: ['root@pam'],
  volid: ['local:iso/debian-12.iso'],
  content: ['iso'],
  firstname: ['Alice'],
  lastname: ['Example'],
  expire: ['0'],
  enable: ['1'],
  privsep: ['1'],
  // Login: shape only, never a working credential.
  ticket: ['PVE:root@pam:67890ABC::EXAMPLE-SIGNATURE'],
  CSRFPreventionToken: ['67890ABC:EXAMPLE-CSRF-TOKEN'],
  node: ['pve1'],
  target: ['pve2'],
  vmid: ['100'],
  newid: ['101'],
  storage: ['local'],
  userid: ['root@pam'],
  username: ['root@pam'],
  authid: ['root@pam'],
  realm: ['pam'],
  digest: [EXAMPLE_DIGEST],
  // The second one for schemas that demand at least 8 characters.
  password: ['secret', 'secret-password'],
  upid: [EXAMPLE_UPID, EXAMPLE_UPID_PBS],
  iface: ['vmbr0'],
  bridge: ['vmbr0'],
  vnet: ['vnet1'],
  zone: ['zone1'],
  pool: ['pool1'],
  poolid: ['pool1'],
  groupid: ['admins'],
  group: ['group1'],
  roleid: ['PVEAuditor'],
  roles: ['PVEAuditor'],
  privs: ['VM.Audit'],
  tokenid: ['monitoring'],
  email: ['admin@example.com'],
  hostname: ['host.example.com'],
  server: ['192.0.2.20'],
  ip: ['192.0.2.10'],
  cidr: ['192.0.2.0/24'],
  mac: ['BC:24:11:00:00:01'],
  macaddr: ['BC:24:11:00:00:01'],
  size: ['32G', '+1G'],
  disk: ['scsi0', '/dev/sdb', 'sdb', '0'],
  volume: ['local-lvm:vm-100-disk-0'],
  snapname: ['snap1'],
  snapshot: ['snap1'],
  sid: ['vm:100'],
  path: ['/'],
  timezone: ['Europe/Vienna'],
  filename: ['debian-12.iso'],
  url: ['https://example.com/debian-12.iso'],
  'redirect-url': ['https://pve.example.com:8006'],
  ostemplate: ['local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'],
  fingerprint: [EXAMPLE_FINGERPRINT],
  pve_fp: [EXAMPLE_FINGERPRINT],
  ssl_fingerprint: [EXAMPLE_FINGERPRINT],
  vg: ['pve'],
  vgname: ['pve'],
  thinpool: ['data'],
  monid: ['pve1'],
  'pci-id-or-mapping': ['0000:01:00.0'],
  reference: ['docker.io/library/debian:12', 'docker.io/library/debian'],
  // Firewall rule action: a macro-free verdict (also matches the "security group name" pattern).
  action: ['ACCEPT'],
  ds: ['cpu'],
  idlist: ['unused0'],
  dev: ['/dev/sdb'],
  device: ['/dev/sdb'],
  devices: ['/dev/sdb'],
  'from-address': ['pve@example.com'],
  // A string template name, or the boolean "is a template" flag (usually off).
  template: ['debian-12-standard_12.7-1_amd64.tar.zst', '0'],
  search: ['example.com'],
  // Backup Server: datastores, backup groups, tape, remotes.
  store: ['store1'],
  datastore: ['store1'],
  'remote-store': ['store1'],
  'backup-id': ['100'],
  ns: ['dev'],
  drive: ['drive0'],
  changer: ['changer0'],
  remote: ['remote1'],
  'token-name': ['monitoring'],
  'auth-id': ['root@pam'],
  'new-owner': ['root@pam'],
  network: ['192.0.2.0/24'],
});

/** Generic guesses tried against a pattern when nothing better is known. */
export const PATTERN_GUESSES = [
  'example',
  'example1',
  'abc',
  'a1',
  'A1',
  '1',
  '100',
  '0',
  'a',
  'x',
  // Shapes real patterns ask for: a PCI address, a vendor:device id, a subscription key, a section:key pair.
  '0000:01:00.0',
  '1234:5678',
  'pve4c-0123456789',
  'pbsc-0123456789',
  'pmgc-0123456789',
  'global:mon_host',
];

/**
 * Curated property strings for well-known parameter families, tried in order; one is used only when
 * every `key=` it names exists, a bare value has a default key to fill, and no required key is missing
 * (so the container `net` gets the container form, the VM `net` the VM form).
 */
export const PROPERTY_STRING_VALUES: Record<string, string[]> = table({
  net: ['virtio,bridge=vmbr0,firewall=1', 'virtio,bridge=vmbr0', 'name=eth0,bridge=vmbr0,ip=dhcp', 'name=eth0,bridge=vmbr0'],
  scsi: ['local-lvm:32'],
  virtio: ['local-lvm:32'],
  sata: ['local-lvm:32'],
  ide: ['local-lvm:32', 'local:iso/debian-12.iso,media=cdrom'],
  efidisk: ['local-lvm:1,efitype=4m'],
  tpmstate: ['local-lvm:1,version=v2.0'],
  rootfs: ['local-lvm:8'],
  mp: ['local-lvm:8,mp=/mnt/data'],
  unused: ['local-lvm:vm-100-disk-1'],
  ipconfig: ['ip=192.0.2.10/24,gw=192.0.2.1'],
  usb: ['host=1234:5678'],
});
