/**
 * The stateful mock of PVE 9.1 (and PBS, PMG): what a script creates, changes and deletes is read
 * back; cluster/resources and nextid follow the state; tasks have the real worker names, run for
 * --task-seconds and end OK; a malformed UPID is a 400; the state survives a save and load.
 * Over HTTP on 127.0.0.1 (HTTPS is covered by the proxmoxer test and mock-command.test.ts); the
 * clock is the test's, so nothing waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { checkResponse } from '../../generator/check/returns.js';
import { silentLogger } from '../../generator/log.js';
import { seedState } from '../../generator/mock/seed.js';
import { type RunningMock, startMock } from '../../generator/mock/server.js';
import { fromJson, toJson } from '../../generator/mock/state.js';
import { createWorld, type World } from '../../generator/mock/world.js';
import type { ApiModel } from '../../generator/model/types.js';
import { join } from 'node:path';
import { SHARED_SCHEMAS, VIEWER_DUMPS } from '../helpers/real-schemas.js';

const TOKEN = 'PVEAPIToken=root@pam!ci=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
let model: ApiModel;
let mock: RunningMock;
let world: World;
let now = 1_750_000_000_000;

beforeAll(async () => {
  model = (await loadModel({ schema: VIEWER_DUMPS.find((d) => d.version === '9.1')!.file }, silentLogger())).model;
  world = createWorld(model, seedState('pve'), { now: () => now, seconds: 2 });
  mock = await startMock(model, { host: '127.0.0.1', port: 0, world });
});
afterAll(() => mock?.close());

async function call(
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; data: unknown; errors?: unknown }> {
  const query = method === 'GET' && form ? `?${new URLSearchParams(form)}` : '';
  const res = await fetch(`${mock.url}/api2/json${path}${query}`, {
    method,
    headers: { authorization: TOKEN },
    ...(form && method !== 'GET' ? { body: new URLSearchParams(form) } : {}),
  });
  const body = (await res.json()) as { data: unknown; errors?: unknown };
  return { status: res.status, ...body };
}

/** The answer fits the operation's returns schema (the checker's rules, not the mock's). */
function fits(method: string, template: string, data: unknown): void {
  const op = model.paths.find((p) => p.path === template)!.operations.find((o) => o.method === method)!;
  expect(checkResponse(data, op.returns, model.formats).errors, `${method} ${template}`).toEqual({});
}

describe('stateful mock of PVE 9.1', () => {
  it('starts with node pve1 online, guests 100, 101, 200, storages local and local-lvm, nextid 102', async () => {
    const nodes = await call('GET', '/nodes');
    expect(nodes.data).toEqual([expect.objectContaining({ node: 'pve1', status: 'online' })]);
    fits('GET', '/nodes', nodes.data);
    expect((await call('GET', '/cluster/nextid')).data).toBe(102);
    const storage = (await call('GET', '/nodes/pve1/storage')).data as { storage: string }[];
    expect(storage.map((s) => s.storage)).toEqual(['local', 'local-lvm']);
    const resources = (await call('GET', '/cluster/resources')).data as { id: string; type: string }[];
    expect(resources.map((r) => `${r.type} ${r.id}`)).toEqual([
      'node node/pve1',
      'qemu qemu/100',
      'qemu qemu/101',
      'lxc lxc/200',
      'storage storage/pve1/local',
      'storage storage/pve1/local-lvm',
    ]);
    fits('GET', '/cluster/resources', resources);
  });

  it('creates a VM that is listed, reads back its config and updates, starts, snapshots and is deleted', async () => {
    const create = await call('POST', '/nodes/pve1/qemu', { vmid: '102', name: 'ci-vm', memory: '1024', cores: '2' });
    expect(create.data).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmcreate:102:root@pam!ci:$/);
    const upid = String(create.data);
    const running = await call('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`);
    expect(running.data).toMatchObject({ status: 'running', type: 'qmcreate', id: '102' });
    now += 2000;
    const done = await call('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`);
    expect(done.data).toMatchObject({ status: 'stopped', exitstatus: 'OK', upid });
    fits('GET', '/nodes/{node}/tasks/{upid}/status', done.data);
    const log = (await call('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/log`)).data as { t: string }[];
    expect(log.at(-1)?.t).toBe('TASK OK');
    const tasks = (await call('GET', '/nodes/pve1/tasks')).data as { upid: string }[];
    expect(tasks.map((t) => t.upid)).toContain(upid);

    const vms = (await call('GET', '/nodes/pve1/qemu')).data as { vmid: number; name?: string; status: string }[];
    expect(vms.find((v) => v.vmid === 102)).toMatchObject({ name: 'ci-vm', status: 'stopped' });
    fits('GET', '/nodes/{node}/qemu', vms);
    const vm = ((await call('GET', '/cluster/resources', { type: 'vm' })).data as { id: string; type: string }[]).find(
      (r) => r.id === 'qemu/102',
    );
    expect(vm?.type).toBe('qemu');
    expect((await call('GET', '/cluster/nextid')).data).toBe(103);

    expect((await call('GET', '/nodes/pve1/qemu/102/config')).data).toMatchObject({ name: 'ci-vm', memory: '1024', cores: 2 });
    await call('PUT', '/nodes/pve1/qemu/102/config', { memory: '2048', delete: 'cores' });
    const config = (await call('GET', '/nodes/pve1/qemu/102/config')).data as Record<string, unknown>;
    expect(config).toMatchObject({ name: 'ci-vm', memory: '2048' });
    expect(config).not.toHaveProperty('cores');
    fits('GET', '/nodes/{node}/qemu/{vmid}/config', config);

    expect((await call('POST', '/nodes/pve1/qemu/102/status/start')).data).toMatch(/:qmstart:102:/);
    expect((await call('GET', '/nodes/pve1/qemu/102/status/current')).data).toMatchObject({ status: 'running', vmid: 102 });
    expect((await call('POST', '/nodes/pve1/qemu/102/snapshot', { snapname: 'before-upgrade' })).data).toMatch(/:qmsnapshot:102:/);
    const snapshots = (await call('GET', '/nodes/pve1/qemu/102/snapshot')).data as { name: string }[];
    expect(snapshots.map((s) => s.name)).toEqual(['before-upgrade', 'current']);
    fits('GET', '/nodes/{node}/qemu/{vmid}/snapshot', snapshots);

    expect((await call('POST', '/nodes/pve1/qemu/102/status/stop')).data).toMatch(/:qmstop:102:/);
    expect((await call('GET', '/nodes/pve1/qemu/102/status/current')).data).toMatchObject({ status: 'stopped' });
    expect((await call('DELETE', '/nodes/pve1/qemu/102')).data).toMatch(/:qmdestroy:102:/);
    expect(((await call('GET', '/nodes/pve1/qemu')).data as { vmid: number }[]).map((v) => v.vmid)).toEqual([100, 101]);
    expect((await call('GET', '/nodes/pve1/qemu/102/config')).status).toBe(500);
    expect((await call('GET', '/cluster/nextid')).data).toBe(102);
  });

  it('answers 400 for a malformed UPID and for a vmid that is taken', async () => {
    const bad = await call('GET', '/nodes/pve1/tasks/not-a-upid/status');
    expect([bad.status, bad.errors]).toEqual([400, { upid: "unable to parse worker upid 'not-a-upid'" }]);
    expect((await call('GET', '/cluster/nextid', { vmid: '100' })).status).toBe(400);
  });

  it('reads a flag back as set in any spelling the checker accepts (Yes, ON, false)', async () => {
    for (const [given, read] of [
      ['Yes', 1],
      ['ON', 1],
      ['false', 0],
    ] as const) {
      expect((await call('PUT', '/nodes/pve1/qemu/101/config', { onboot: given })).status).toBe(200);
      expect(((await call('GET', '/nodes/pve1/qemu/101/config')).data as Record<string, unknown>)['onboot']).toBe(read);
    }
  });

  it('starts a VM created with start=yes, as the checker reads the flag', async () => {
    expect((await call('POST', '/nodes/pve1/qemu', { vmid: '150', start: 'yes' })).status).toBe(200);
    const vms = (await call('GET', '/nodes/pve1/qemu')).data as { vmid: number; status: string }[];
    expect(vms.find((v) => v.vmid === 150)?.status).toBe('running');
    expect((await call('DELETE', '/nodes/pve1/qemu/150')).status).toBe(200);
  });

  it('lists an upload in the storage content, dated by the mock clock (the same state, the same file)', async () => {
    const upload = await call('POST', '/nodes/pve1/storage/local/upload', { content: 'iso', filename: 'debian.iso' });
    expect(upload.status).toBe(200);
    const content = (await call('GET', '/nodes/pve1/storage/local/content')).data as { volid: string; ctime: number }[];
    expect(content.find((c) => c.volid === 'local:iso/debian.iso')?.ctime).toBe(Math.floor(now / 1000));
  });

  it('saves and loads its state as JSON: the same cluster, byte for byte', () => {
    const text = toJson(world.state);
    expect(toJson(fromJson(text, 'state.json'))).toBe(text);
    expect(() => fromJson('{"format":"x"}', 'state.json')).toThrow('state.json:/format');
  });
});

describe('stateful mocks of PBS and PMG', () => {
  it('PBS lists datastore store1; PMG lists node pmg1', async () => {
    for (const [product, path, field, id, file] of [
      ['pbs', '/admin/datastore', 'store', 'store1', 'pbs-2025-06.apidoc.js'],
      ['pmg', '/nodes', 'node', 'pmg1', 'pmg-2019-08.apidata.js'],
    ] as const) {
      const source = join(SHARED_SCHEMAS, file);
      const m = (await loadModel({ schema: source }, silentLogger())).model;
      const server = await startMock(m, {
        host: '127.0.0.1',
        port: 0,
        world: createWorld(m, seedState(product), { now: () => now, seconds: 0 }),
      });
      try {
        // PMG 2019-08 predates API tokens (no method lists allowtoken): it is called with a ticket.
        const headers: Record<string, string> =
          product === 'pbs' ? { authorization: 'PBSAPIToken=root@pam!ci:x' } : { cookie: 'PMGAuthCookie=PMG:root@pam:5F000000::sig' };
        const res = await fetch(`${server.url}/api2/json${path}`, { headers });
        const data = ((await res.json()) as { data: Record<string, unknown>[] }).data;
        expect(data.map((d) => d[field])).toEqual([id]);
      } finally {
        await server.close();
      }
    }
  });
});
