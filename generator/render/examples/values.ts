/**
 * Realistic, deterministic example values for parameters, derived from the normalized schema only.
 * Every value is a plain string as it would travel in a form body, query string or pvesh argument;
 * quoting for a particular language is the job of each example generator.
 *
 * Choices, in order of precedence for a string:
 *   1. an enum: its default when the default is one of the values, else the first value;
 *   2. a known named format (pve-node → pve1, ...), see FORMAT_VALUES; `-list` formats get one item,
 *      `-opt` formats a non-empty value;
 *   3. a property string (inline keys, or a named format the registry describes): a curated value for
 *      well-known families (net → `virtio,bridge=vmbr0`) when it fits the keys, else the default key bare
 *      followed by the required keys as `key=value`;
 *   4. a string default that fits the schema (no whitespace, so free-text defaults are never used);
 *   5. a value known for the parameter's name (node, vmid, storage, userid, digest, ...), see NAME_VALUES;
 *   6. for a pattern-only string, a short generic value that the pattern accepts;
 *   7. otherwise the placeholder `<name>`.
 * Every candidate is checked against pattern/minLength/maxLength; generic guesses (6) must be
 * positively accepted by the pattern, curated ones (2–5) are kept when the pattern cannot be run
 * exactly (text/pattern.ts: bounded, RE2 semantics).
 * Addresses come from the documentation ranges (RFC 5737 192.0.2.0/24, RFC 3849 2001:db8::/32) and
 * domains from example.com (RFC 2606), so a copied example never points at someone's real host.
 */
import { formatDef } from '../../model/formats.js';
import type { FormatDef, Parameter, PropertyKey, SchemaNode } from '../../model/types.js';
import { testPattern } from '../../text/pattern.js';

/** A parameter or any named schema (e.g. a property-string key). */
export interface ExampleParam {
  name: string;
  schema: SchemaNode;
  family?: string | null;
}

/** Resolves a named format to its registry definition (model.formats), when a registry exists. */
export type FormatLookup = (name: string) => FormatDef | undefined;

/** Nesting limit for property strings whose keys use property-string formats themselves. */
const MAX_DEPTH = 4;

/** SHA-1 of the empty string: shaped exactly like the config digests the API returns. */
const EXAMPLE_DIGEST = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';

/** A SHA-256 fingerprint as `XX:XX:...` (32 pairs), deterministic, not anyone's real certificate. */
const EXAMPLE_FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 37 + 17) % 256).toString(16).toUpperCase().padStart(2, '0')).join(
  ':',
);

/** A task id in the real `UPID:node:pid:pstart:starttime:type:id:user:` shape. */
const EXAMPLE_UPID = 'UPID:pve1:0000A1B2:0001C3D4:66000000:qmstart:100:root@pam:';

/** Shape only: a PEM block cannot be made up meaningfully; the newlines show the expected layout. */
const EXAMPLE_PEM = '-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----';

/**
 * Values for named formats (by full name first, then by base name without -list/-opt).
 * Ids use the names a default installation has (node pve1, storage local, bridge vmbr0, realm pam,
 * VMID 100 — the lowest VMID the API accepts); MAC addresses use Proxmox's own OUI BC:24:11.
 */
const FORMAT_VALUES: Record<string, string> = knownNames({
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
const FORMAT_NAME_VALUES: Record<string, string> = knownNames({
  'pve-node|target': 'pve2',
  'pve-vmid|newid': '101',
  'pve-vmid|target-vmid': '101',
  'pve-storage-id|target-storage': 'local-lvm',
});

/**
 * Values by parameter name, for parameters without a (known) format. Arrays list alternatives,
 * the first one that fits the schema wins.
 */
const NAME_VALUES: Record<string, string[]> = knownNames({
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
  upid: [EXAMPLE_UPID],
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
  disk: ['scsi0', '/dev/sdb'],
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
  template: ['debian-12-standard_12.7-1_amd64.tar.zst'],
  search: ['example.com'],
});

/** Generic guesses tried against a pattern when nothing better is known. */
const PATTERN_GUESSES = ['example', 'example1', 'abc', 'a1', 'A1', '1', '100', '0', 'a', 'x'];

/**
 * Curated property strings for well-known parameter families, tried in order; one is used only when
 * every `key=` it names exists, a bare value has a default key to fill, and no required key is missing
 * (so the container `net` gets the container form, the VM `net` the VM form).
 */
const PROPERTY_STRING_VALUES: Record<string, string[]> = knownNames({
  net: ['virtio,bridge=vmbr0', 'name=eth0,bridge=vmbr0,ip=dhcp'],
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

/** The name under which a parameter is sent: a numbered family `net[n]` becomes `net0`. */
export function exampleParamName(param: ExampleParam | Parameter): string {
  if (param.family) return `${param.family}0`;
  const m = /^(.*)\[n\]$/.exec(param.name);
  return m ? `${m[1]}0` : param.name;
}

/** An example value for a parameter (or any named schema), as a plain unquoted string. */
export function exampleValue(param: ExampleParam | Parameter, lookup?: FormatLookup): string {
  const family = param.family ?? /^(.*)\[n\]$/.exec(param.name)?.[1] ?? null;
  return valueFor(family ?? param.name, param.schema, lookup, 0);
}

/** Convenience: a FormatLookup over a model's `formats` record. */
export function lookupIn(formats: Record<string, FormatDef> | undefined): FormatLookup | undefined {
  if (!formats) return undefined;
  return (name) => formatDef(formats, name);
}

function valueFor(name: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string {
  if (schema.enum && schema.enum.length > 0) {
    const def = schema.default === undefined ? undefined : String(schema.default);
    return def !== undefined && schema.enum.includes(def) ? def : (schema.enum[0] as string);
  }
  switch (schema.type) {
    // Proxmox booleans travel as 0/1; 1 shows the flag switched on.
    case 'boolean':
      return '1';
    case 'integer':
    case 'number':
      return numberValue(name, schema);
    // One item: the API accepts repeated keys, a single one keeps the example short.
    case 'array':
      return schema.items ? valueFor(name, schema.items, lookup, depth) : placeholder(name);
    default:
      return stringValue(name, schema, lookup, depth);
  }
}

/** Integers and numbers: format value, else the default, else the minimum, else 1 (clamped to the range). */
function numberValue(name: string, schema: SchemaNode): string {
  const inRange = (n: number): boolean =>
    Number.isFinite(n) &&
    (schema.minimum === undefined || n >= schema.minimum) &&
    (schema.maximum === undefined || n <= schema.maximum) &&
    (schema.type !== 'integer' || Number.isInteger(n));
  const candidates: number[] = [];
  const fmt = schema.format?.kind === 'named' ? schema.format.base : undefined;
  if (fmt !== undefined) {
    const v = FORMAT_NAME_VALUES[`${fmt}|${name}`] ?? FORMAT_VALUES[fmt];
    if (v !== undefined) candidates.push(Number(v));
  }
  if (typeof schema.default === 'number' || (typeof schema.default === 'string' && schema.default.trim() !== '')) {
    candidates.push(Number(schema.default));
  }
  if (schema.minimum !== undefined) candidates.push(schema.minimum);
  candidates.push(1);
  for (const c of candidates) if (inRange(c)) return String(c);
  // 1 is outside the range: the minimum failed only for a fractional integer bound, so use the maximum.
  if (schema.maximum !== undefined) return String(schema.type === 'integer' ? Math.floor(schema.maximum) : schema.maximum);
  return schema.minimum !== undefined ? String(Math.ceil(schema.minimum)) : '1';
}

interface Candidate {
  value: string;
  /** Curated: kept when the pattern cannot be checked. Generic guesses must match a pattern. */
  curated: boolean;
}

function stringValue(name: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string {
  const candidates: Candidate[] = [];
  const curated = (value: string | undefined): void => {
    if (value !== undefined) candidates.push({ value, curated: true });
  };
  const format = schema.format;
  if (format?.kind === 'named') {
    curated(FORMAT_NAME_VALUES[`${format.base}|${name}`]);
    curated(FORMAT_VALUES[format.name] ?? FORMAT_VALUES[format.base] ?? sdnId(format.base) ?? configId(format.base, name));
    const def = lookup?.(format.name) ?? lookup?.(format.base);
    if (def?.kind === 'property-string' && depth < MAX_DEPTH) curated(propertyString(name, def.keys, lookup, depth + 1));
  } else if (format?.kind === 'inline' && depth < MAX_DEPTH) {
    curated(propertyString(name, format.keys, lookup, depth + 1));
  }
  if (typeof schema.default === 'string' && schema.default !== '' && !/\s/.test(schema.default)) curated(schema.default);
  for (const v of NAME_VALUES[name] ?? []) curated(v);
  if (schema.pattern !== undefined) {
    for (const v of PATTERN_GUESSES) candidates.push({ value: v, curated: false });
  }
  const pattern = schema.pattern;
  for (const c of candidates) {
    if (schema.minLength !== undefined && c.value.length < schema.minLength) continue;
    if (schema.maxLength !== undefined && c.value.length > schema.maxLength) continue;
    // Schema patterns run only through the bounded engine (text/pattern.ts): never a hang.
    const ok = pattern === undefined ? true : testPattern(pattern, c.value);
    if (ok === true || (ok === 'unsupported' && c.curated)) return c.value;
  }
  return placeholder(name);
}

/** pve-sdn-vnet-id → vnet1, pve-sdn-zone-id → zone1, ...: SDN ids are short lowercase words. */
function sdnId(format: string): string | undefined {
  const m = /^pve-sdn-([a-z]+)-id$/.exec(format);
  return m ? `${m[1]}1` : undefined;
}

/** pve-configid names many kinds of ids: derive a plausible one from the parameter name (snapname → snap1). */
function configId(format: string, name: string): string | undefined {
  if (format !== 'pve-configid') return undefined;
  const known = NAME_VALUES[name]?.[0];
  if (known !== undefined && /^[A-Za-z][A-Za-z0-9_-]*$/.test(known)) return known;
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // "id1" or "name1" would only repeat the parameter's name.
  return /^[a-z]/.test(slug) && slug !== 'id' && slug !== 'name' ? `${slug}1` : 'example1';
}

/**
 * A property string: a curated value for the family when it fits the keys, else the default key's
 * value bare, then every required key as `key=value` (aliases are alternative spellings, skipped);
 * when neither exists, the first ordinary key, so the value is never empty.
 */
function propertyString(name: string, keys: PropertyKey[], lookup: FormatLookup | undefined, depth: number): string | undefined {
  for (const candidate of PROPERTY_STRING_VALUES[name] ?? []) {
    if (fitsKeys(candidate, keys)) return candidate;
  }
  const ordinary = keys.filter((k) => k.alias === null);
  if (ordinary.length === 0) return undefined;
  const def = ordinary.find((k) => k.defaultKey);
  const parts: string[] = [];
  if (def) parts.push(valueFor(def.name, def.schema, lookup, depth));
  for (const k of ordinary) {
    if (k !== def && k.required) parts.push(`${k.name}=${valueFor(k.name, k.schema, lookup, depth)}`);
  }
  if (parts.length === 0) {
    const first = ordinary[0] as PropertyKey;
    parts.push(`${first.name}=${valueFor(first.name, first.schema, lookup, depth)}`);
  }
  return parts.join(',');
}

function fitsKeys(candidate: string, keys: PropertyKey[]): boolean {
  const names = new Set(keys.map((k) => k.name));
  const def = keys.find((k) => k.defaultKey && k.alias === null);
  const given = new Set<string>();
  for (const part of candidate.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (!def) return false;
      given.add(def.name);
    } else {
      const key = part.slice(0, eq);
      if (!names.has(key)) return false;
      given.add(key);
    }
  }
  return keys.every((k) => !k.required || k.alias !== null || given.has(k.name));
}

/**
 * A lookup table keyed by schema names, without a prototype: a parameter or format named
 * `constructor`, `toString` or `__proto__` finds nothing instead of Object's own members (which
 * crashed the build with "object is not iterable").
 */
function knownNames<T>(table: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, table);
}

function placeholder(name: string): string {
  return `<${name}>`;
}
