/**
 * Relevance test set for the search index: queries phrased the way users type them (intent words,
 * parameter names, typos), each with the operation(s) that must appear in the top 3.
 *
 * Two halves, both written down before the ranking was tuned:
 *  - `TUNING`: used while choosing fields, boosts, synonyms and fuzziness;
 *  - `HELD_OUT`: never looked at while tuning; it measures how well the tuning generalizes and must
 *    hold >= 90% top-3. Do not "fix" a held-out miss by adding a synonym for exactly that query —
 *    move on, or add a new query to the tuning half instead.
 *
 * History: the first held-out run scored 53/57 (93.0%), with fields, boosts, synonyms and fuzziness
 * tuned on the tuning half only. Its misses were glued identifiers ("vmlist", "get-host-name"),
 * so the corpus-derived `compounds` field was added and checked on NEW tuning queries of that kind
 * (marked below); the held-out half was not edited.
 *
 * `expect` lists acceptable answers as "METHOD /path"; a query hits when any of them is in the top 3.
 * Where several operations are equally right (GET and PUT of the same settings), all are listed.
 */

export interface RelevanceQuery {
  q: string;
  expect: string[];
}

const qemu = '/nodes/{node}/qemu/{vmid}';
const lxc = '/nodes/{node}/lxc/{vmid}';

export const TUNING: RelevanceQuery[] = [
  { q: 'start vm', expect: [`POST ${qemu}/status/start`] },
  { q: 'create snapshot container', expect: [`POST ${lxc}/snapshot`] },
  { q: 'cluster firewall rules', expect: ['GET /cluster/firewall/rules'] },
  { q: 'node network interfaces', expect: ['GET /nodes/{node}/network'] },
  { q: 'list storage', expect: ['GET /storage'] },
  { q: 'stop vm', expect: [`POST ${qemu}/status/stop`] },
  { q: 'vm snapshto', expect: [`POST ${qemu}/snapshot`, `GET ${qemu}/snapshot`] },
  { q: 'macaddr', expect: [`POST ${qemu}/config`, `PUT ${qemu}/config`, 'POST /nodes/{node}/qemu'] },
  { q: 'create api token', expect: ['POST /access/users/{userid}/token/{tokenid}'] },
  { q: 'upload iso', expect: ['POST /nodes/{node}/storage/{storage}/upload'] },
  { q: 'vm config', expect: [`GET ${qemu}/config`] },
  { q: 'clone container', expect: [`POST ${lxc}/clone`] },
  { q: 'migrate vm', expect: [`POST ${qemu}/migrate`] },
  { q: 'delete user', expect: ['DELETE /access/users/{userid}'] },
  { q: 'next free vmid', expect: ['GET /cluster/nextid'] },
  { q: 'task log', expect: ['GET /nodes/{node}/tasks/{upid}/log'] },
  { q: 'create backup job', expect: ['POST /cluster/backup'] },
  { q: 'ha resources', expect: ['GET /cluster/ha/resources'] },
  { q: 'ceph osd create', expect: ['POST /nodes/{node}/ceph/osd'] },
  { q: 'resize disk', expect: [`PUT ${qemu}/resize`] },
  { q: 'guest agent exec', expect: [`POST ${qemu}/agent/exec`] },
  { q: 'reboot node', expect: ['POST /nodes/{node}/status'] },
  { q: 'apt update', expect: ['GET /nodes/{node}/apt/update', 'POST /nodes/{node}/apt/update'] },
  { q: 'login ticket', expect: ['POST /access/ticket'] },
  { q: 'update acl', expect: ['PUT /access/acl'] },
  { q: 'vnc console vm', expect: [`POST ${qemu}/vncproxy`] },
  { q: 'cluster resources', expect: ['GET /cluster/resources'] },
  { q: 'create sdn vnet', expect: ['POST /cluster/sdn/vnets'] },
  { q: 'container status', expect: [`GET ${lxc}/status/current`] },
  { q: 'rollback snapshot vm', expect: [`POST ${qemu}/snapshot/{snapname}/rollback`] },
  { q: 'storage content', expect: ['GET /nodes/{node}/storage/{storage}/content'] },
  { q: 'cloudinit', expect: [`GET ${qemu}/cloudinit`, `PUT ${qemu}/cloudinit`, `GET ${qemu}/cloudinit/dump`] },
  { q: 'syslog', expect: ['GET /nodes/{node}/syslog'] },
  { q: 'shutdown container', expect: [`POST ${lxc}/status/shutdown`] },
  { q: 'change password', expect: ['PUT /access/password'] },
  { q: 'get vm status', expect: [`GET ${qemu}/status/current`] },
  { q: 'nfs scan', expect: ['GET /nodes/{node}/scan/nfs'] },
  { q: 'lxc create', expect: ['POST /nodes/{node}/lxc'] },
  { q: 'list tasks', expect: ['GET /nodes/{node}/tasks', 'GET /cluster/tasks'] },
  { q: 'ceph status', expect: ['GET /cluster/ceph/status', 'GET /nodes/{node}/ceph/status'] },
  { q: 'reload network', expect: ['PUT /nodes/{node}/network'] },
  { q: 'usb devices', expect: ['GET /nodes/{node}/hardware/usb'] },
  { q: 'sdn zones', expect: ['GET /cluster/sdn/zones'] },
  { q: 'delete vm', expect: [`DELETE ${qemu}`] },
  { q: 'spice', expect: [`POST ${qemu}/spiceproxy`, `POST ${lxc}/spiceproxy`, 'POST /nodes/{node}/spiceshell'] },
  { q: 'datacenter options', expect: ['GET /cluster/options', 'PUT /cluster/options'] },
  { q: 'vm pending changes', expect: [`GET ${qemu}/pending`] },
  { q: 'download appliance template', expect: ['POST /nodes/{node}/aplinfo'] },
  { q: 'create vm', expect: ['POST /nodes/{node}/qemu'] },
  { q: 'cpu models', expect: ['GET /nodes/{node}/capabilities/qemu/cpu'] },
  { q: 'api version', expect: ['GET /version', 'GET /nodes/{node}/version'] },
  { q: 'container config', expect: [`GET ${lxc}/config`] },
  // Added after the first held-out run showed misses on glued identifiers ("vmlist",
  // "get-host-name"); these are new queries of that kind, none taken from the held-out half.
  { q: 'cloud init dump', expect: [`GET ${qemu}/cloudinit/dump`] },
  { q: 'guest fsinfo', expect: [`GET ${qemu}/agent/get-fsinfo`] },
  { q: 'lvm thin pools', expect: ['GET /nodes/{node}/disks/lvmthin', 'GET /nodes/{node}/scan/lvmthin'] },
  { q: 'node rrd data', expect: ['GET /nodes/{node}/rrddata'] },
  { q: 'term proxy container', expect: [`POST ${lxc}/termproxy`] },
  { q: 'osd details', expect: ['GET /nodes/{node}/ceph/osd/{osdid}/metadata'] },
  { q: 'vnc proxy vm', expect: [`POST ${qemu}/vncproxy`] },
  { q: 'next id', expect: ['GET /cluster/nextid'] },
  { q: 'container list', expect: ['GET /nodes/{node}/lxc'] },
  { q: 'timezone', expect: ['GET /nodes/{node}/time', 'PUT /nodes/{node}/time'] },
  {
    q: 'mac filter',
    expect: [`GET ${qemu}/firewall/options`, `PUT ${qemu}/firewall/options`, `GET ${lxc}/firewall/options`, `PUT ${lxc}/firewall/options`],
  },
  { q: 'dryrun sdn', expect: ['GET /cluster/sdn/dry-run'] },
  { q: 'cpuflags', expect: ['GET /nodes/{node}/capabilities/qemu/cpu-flags'] },
  { q: 'suspend all', expect: ['POST /nodes/{node}/suspendall', 'POST /cluster/bulk-action/guest/suspend'] },
  { q: 'migrate all vms', expect: ['POST /nodes/{node}/migrateall', 'POST /cluster/bulk-action/guest/migrate'] },
  { q: 'spice shell', expect: ['POST /nodes/{node}/spiceshell'] },
  { q: 'sys log', expect: ['GET /nodes/{node}/syslog'] },
  { q: 'init gpt disk', expect: ['POST /nodes/{node}/disks/initgpt'] },
  { q: 'osd volume', expect: ['GET /nodes/{node}/ceph/osd/{osdid}/lv-info'] },
  // Pasted paths and pieces of paths, as the official viewer's filter takes them.
  { q: '/nodes/{node}/qemu', expect: ['GET /nodes/{node}/qemu'] },
  { q: 'qemu/{vmid}/status/start', expect: [`POST ${qemu}/status/start`] },
  { q: '/access/users/', expect: ['GET /access/users'] },
];

export const HELD_OUT: RelevanceQuery[] = [
  { q: 'reboot vm', expect: [`POST ${qemu}/status/reboot`] },
  { q: 'destroy container', expect: [`DELETE ${lxc}`] },
  { q: 'list vms on node', expect: ['GET /nodes/{node}/qemu'] },
  { q: 'create user', expect: ['POST /access/users'] },
  { q: 'add storage', expect: ['POST /storage'] },
  { q: 'download iso from url', expect: ['POST /nodes/{node}/storage/{storage}/download-url'] },
  { q: 'vm firewall options', expect: [`GET ${qemu}/firewall/options`, `PUT ${qemu}/firewall/options`] },
  { q: 'ha groups', expect: ['GET /cluster/ha/groups', 'POST /cluster/ha/groups'] },
  { q: 'node status', expect: ['GET /nodes/{node}/status'] },
  { q: 'suspend vm', expect: [`POST ${qemu}/status/suspend`] },
  { q: 'resume container', expect: [`POST ${lxc}/status/resume`] },
  { q: 'convert vm to template', expect: [`POST ${qemu}/template`] },
  { q: 'move disk', expect: [`POST ${qemu}/move_disk`] },
  { q: 'move container volume', expect: [`POST ${lxc}/move_volume`] },
  { q: 'remove snapshot ct', expect: [`DELETE ${lxc}/snapshot/{snapname}`] },
  { q: 'cluster ipset', expect: ['GET /cluster/firewall/ipset', 'POST /cluster/firewall/ipset'] },
  { q: 'sync ldap realm', expect: ['POST /access/domains/{realm}/sync'] },
  { q: 'add tfa', expect: ['POST /access/tfa/{userid}'] },
  { q: 'vzdump backup now', expect: ['POST /nodes/{node}/vzdump'] },
  { q: 'restore vm backup', expect: ['POST /nodes/{node}/qemu'] },
  { q: 'ceph pools', expect: ['GET /nodes/{node}/ceph/pool', 'POST /nodes/{node}/ceph/pool'] },
  { q: 'create zfs pool', expect: ['POST /nodes/{node}/disks/zfs'] },
  { q: 'list disks', expect: ['GET /nodes/{node}/disks/list'] },
  { q: 'smart health', expect: ['GET /nodes/{node}/disks/smart'] },
  { q: 'dns settings', expect: ['GET /nodes/{node}/dns', 'PUT /nodes/{node}/dns'] },
  { q: 'set timezone', expect: ['PUT /nodes/{node}/time'] },
  { q: 'list roles', expect: ['GET /access/roles'] },
  { q: 'user groups', expect: ['GET /access/groups'] },
  { q: 'replication job', expect: ['GET /cluster/replication', 'POST /cluster/replication'] },
  { q: 'influxdb metric server', expect: ['POST /cluster/metrics/server/{id}', 'GET /cluster/metrics/server'] },
  { q: 'pci mapping', expect: ['GET /cluster/mapping/pci', 'POST /cluster/mapping/pci'] },
  { q: 'smtp notification', expect: ['POST /cluster/notifications/endpoints/smtp', 'GET /cluster/notifications/endpoints/smtp'] },
  { q: 'order acme certificate', expect: ['POST /nodes/{node}/certificates/acme/certificate'] },
  { q: 'upload custom certificate', expect: ['POST /nodes/{node}/certificates/custom'] },
  { q: 'resource pool', expect: ['GET /pools', 'POST /pools', 'PUT /pools'] },
  { q: 'qemu monitor command', expect: [`POST ${qemu}/monitor`] },
  { q: 'send key', expect: [`PUT ${qemu}/sendkey`] },
  { q: 'vm rrd statistics', expect: [`GET ${qemu}/rrddata`, `GET ${qemu}/rrd`] },
  { q: 'stop all vms on node', expect: ['POST /nodes/{node}/stopall'] },
  { q: 'guest hostname', expect: [`GET ${qemu}/agent/get-host-name`] },
  { q: 'container ip address', expect: [`GET ${lxc}/interfaces`] },
  { q: 'wake on lan', expect: ['POST /nodes/{node}/wakeonlan'] },
  { q: 'create linux bridge', expect: ['POST /nodes/{node}/network'] },
  { q: 'onboot', expect: [`POST ${qemu}/config`, `PUT ${qemu}/config`, `PUT ${lxc}/config`] },
  { q: 'join cluster', expect: ['POST /cluster/config/join'] },
  { q: 'cluster log', expect: ['GET /cluster/log'] },
  { q: 'vm firewall log', expect: [`GET ${qemu}/firewall/log`] },
  { q: 'node shell', expect: ['POST /nodes/{node}/termproxy', 'POST /nodes/{node}/vncshell'] },
  {
    q: 'prune backups',
    expect: ['DELETE /nodes/{node}/storage/{storage}/prunebackups', 'GET /nodes/{node}/storage/{storage}/prunebackups'],
  },
  { q: 'delete vm snapshto', expect: [`DELETE ${qemu}/snapshot/{snapname}`] },
  { q: 'migrate contaner', expect: [`POST ${lxc}/migrate`] },
  { q: 'storage staus', expect: ['GET /nodes/{node}/storage/{storage}/status'] },
  { q: 'balloon memory', expect: [`POST ${qemu}/config`, `PUT ${qemu}/config`, 'POST /nodes/{node}/qemu'] },
  { q: 'effective permissions of user', expect: ['GET /access/permissions'] },
  {
    q: 'subscription key',
    expect: ['PUT /nodes/{node}/subscription', 'GET /nodes/{node}/subscription', 'POST /nodes/{node}/subscription'],
  },
  { q: 'journal', expect: ['GET /nodes/{node}/journal'] },
  { q: 'unlock tfa', expect: ['PUT /access/users/{userid}/unlock-tfa'] },
];
