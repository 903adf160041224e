/**
 * Where Proxmox's semantics go beyond the generic collection rules of ./world.ts, as a small table:
 * guest power state (status/start, stop ...), the next free vmid, cluster/resources derived from the
 * state, uploads landing in storage content, and listing fields a real host derives from the config
 * (maxmem from memory, name from a container's hostname).
 */
import type { CallValue } from '../check/value.js';
import { collection, type Fields, fields, putItem } from './state.js';
import { concrete, isOn, shape, type World, type WorldAnswer, type WorldCall } from './world.js';

const MIB = 1024 ** 2;
const GUEST = /^\/nodes\/\{node\}\/(qemu|lxc)$/;
const POWER = /^\/nodes\/\{node\}\/(qemu|lxc)\/\{vmid\}\/status\/(start|stop|shutdown|reboot|reset|suspend|resume)$/;
const POWER_STATE: Record<string, string> = {
  start: 'running',
  stop: 'stopped',
  shutdown: 'stopped',
  reboot: 'running',
  reset: 'running',
  suspend: 'running',
  resume: 'running',
};

/** The calls answered here instead of by the generic rules; null for the rest. */
export function special(world: World, call: WorldCall): WorldAnswer | null {
  const { op, pathParams } = call;
  if (op.method === 'GET' && op.path === '/cluster/nextid') return nextId(world, call.params['vmid']);
  if (op.method === 'GET' && op.path === '/cluster/resources') return { data: resources(world, call) };
  const power = POWER.exec(op.path);
  if (op.method === 'POST' && power) {
    const guest = world.state.collections.get(concrete(`/nodes/{node}/${power[1]}`, pathParams))?.get(pathParams['vmid'] ?? '');
    if (!guest)
      return { status: 500, reason: `Configuration file for ${power[1] === 'qemu' ? 'VM' : 'CT'} ${pathParams['vmid']} does not exist` };
    guest['status'] = POWER_STATE[power[2] ?? ''] ?? guest['status'];
    if (power[1] === 'qemu') guest['qmpstatus'] = power[2] === 'suspend' ? 'paused' : guest['status'];
    return { data: call.example() };
  }
  if (op.method === 'POST' && /^\/nodes\/\{node\}\/storage\/\{storage\}\/(upload|download-url)$/.test(op.path)) return upload(world, call);
  return null;
}

/** After a generic write: what a real host adds to a new guest. */
export function afterCall(world: World, call: WorldCall): void {
  if (call.op.method === 'POST' && /\/\{vmid\}\/snapshot$/.test(call.op.path)) {
    const snapshot = world.state.collections.get(concrete(call.op.path, call.pathParams))?.get(String(call.params['snapname']));
    if (snapshot) snapshot['snaptime'] = Math.floor(world.clock.now() / 1000);
    return;
  }
  const guest = GUEST.exec(call.op.path);
  if (call.op.method !== 'POST' || !guest) return;
  const record = world.state.collections.get(concrete(call.op.path, call.pathParams))?.get(String(call.params['vmid']));
  if (!record) return;
  record['vmid'] = Number(call.params['vmid']);
  record['status'] = isOn(call.params['start']) ? 'running' : 'stopped';
}

/** Fields of a listing row that a real host derives from the item's config. */
export function listingExtra(_world: World, template: string, id: string, record: Fields): Fields {
  const guest = GUEST.exec(template);
  if (!guest) return record;
  const out = fields(Object.entries(record));
  out['vmid'] = Number(id);
  out['status'] ??= 'stopped';
  if (guest[1] === 'lxc' && out['name'] === undefined && record['hostname'] !== undefined) out['name'] = record['hostname'];
  out['type'] = guest[1];
  const memory = Number(record['memory'] ?? (guest[1] === 'qemu' ? 512 : 512));
  out['maxmem'] = memory * MIB;
  out['cpus'] = Number(record['cores'] ?? 1) * Number(record['sockets'] ?? 1);
  out['maxdisk'] = 0;
  out['uptime'] = out['status'] === 'running' ? 3600 : 0;
  return out;
}

/** GET /cluster/nextid: the lowest free vmid from 100 on; with `vmid`, that one if free. */
function nextId(world: World, wanted: CallValue | undefined): WorldAnswer {
  const used = new Set<number>();
  for (const [path, items] of world.state.collections)
    if (/^\/nodes\/[^/]+\/(qemu|lxc)$/.test(path)) for (const id of items.keys()) used.add(Number(id));
  if (wanted !== undefined) {
    const n = Number(wanted);
    return used.has(n)
      ? { status: 400, reason: 'Parameter verification failed.', errors: { vmid: `VM ${n} already exists` } }
      : { data: n };
  }
  let n = 100;
  while (used.has(n)) n++;
  return { data: n };
}

/** GET /cluster/resources: nodes, guests and storages from the state, each with its real `type`. */
function resources(world: World, call: WorldCall): unknown[] {
  const wanted = typeof call.params['type'] === 'string' ? call.params['type'] : null;
  const rows: Fields[] = [];
  const state = world.state;
  for (const [name, node] of state.collections.get('/nodes') ?? []) {
    if (wanted === null || wanted === 'node')
      rows.push(fields(Object.entries({ ...node, id: `node/${name}`, type: 'node', node: name, status: node['status'] ?? 'online' })));
    for (const kind of ['qemu', 'lxc'] as const) {
      if (wanted !== null && wanted !== 'vm') continue;
      const path = `/nodes/${encodeURIComponent(name)}/${kind}`;
      for (const [vmid, guest] of state.collections.get(path) ?? []) {
        const row = listingExtra(world, `/nodes/{node}/${kind}`, vmid, guest);
        rows.push(fields(Object.entries({ ...row, id: `${kind}/${vmid}`, type: kind, node: name, template: 0 })));
      }
    }
    if (wanted !== null && wanted !== 'storage') continue;
    for (const [storage, s] of state.collections.get(`/nodes/${encodeURIComponent(name)}/storage`) ?? []) {
      rows.push(
        fields(
          Object.entries({
            id: `storage/${name}/${storage}`,
            type: 'storage',
            node: name,
            storage,
            status: 'available',
            plugintype: s['type'],
            content: s['content'],
            shared: s['shared'] ?? 0,
            disk: s['used'],
            maxdisk: s['total'],
          }),
        ),
      );
    }
  }
  const example = call.example();
  return rows.map((row) => shape(row, call.op.returns.items, world, example));
}

/** upload / download-url: the file appears in the storage's content as `STORAGE:CONTENT/NAME`. */
function upload(world: World, call: WorldCall): WorldAnswer {
  const { node = '', storage = '' } = call.pathParams;
  if (!world.state.collections.get(concrete('/nodes/{node}/storage', call.pathParams))?.has(storage)) {
    return { status: 500, reason: `storage '${storage}' does not exist` };
  }
  const content = String(call.params['content'] ?? 'iso');
  const name = String(call.params['filename'] ?? 'upload').replace(/^.*[\\/]/, '');
  const volid = `${storage}:${content}/${name}`;
  const format = content === 'iso' ? 'iso' : content === 'vztmpl' ? name.replace(/^[^.]*\./, '') : 'raw';
  const size = call.uploads?.find((u) => u.field === 'filename')?.size ?? 0;
  collection(world.state, concrete('/nodes/{node}/storage/{storage}/content', { node, storage }));
  putItem(world.state, concrete('/nodes/{node}/storage/{storage}/content', { node, storage }), volid, {
    volid,
    content,
    format,
    size,
    ctime: Math.floor(world.clock.now() / 1000),
  });
  return { data: call.example() };
}
