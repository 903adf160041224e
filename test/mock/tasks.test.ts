/** The mock's tasks: real worker names, unique UPIDs of the product's format, a bounded task list, 400 for a malformed UPID. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { emptyState } from '../../generator/mock/state.js';
import { MAX_TASKS, startTask, taskFields, upidErrors, workerType } from '../../generator/mock/tasks.js';
import type { Operation } from '../../generator/model/types.js';
import { REPO_ROOT } from '../helpers/repo.js';

let op: Operation;
let statusOp: Operation;

beforeAll(async () => {
  const { model } = await loadModel({ schema: `${REPO_ROOT}/schema/example-api.json` }, silentLogger());
  const ops = model.paths.flatMap((p) => p.operations);
  op = ops.find((o) => o.method === 'POST' && o.path === '/nodes/{node}/vms')!;
  // The example API has no task endpoints: the same operation at the real status path.
  statusOp = { ...op, method: 'GET', path: '/nodes/{node}/tasks/{upid}/status' };
});

describe('mock tasks', () => {
  it('names workers as a real host does, the method name only where the table has none', () => {
    const named = (method: Operation['method'], path: string): string => workerType({ ...op, method, path });
    expect(named('POST', '/nodes/{node}/qemu')).toBe('qmcreate');
    expect(named('POST', '/nodes/{node}/qemu/{vmid}/status/start')).toBe('qmstart');
    expect(named('POST', '/nodes/{node}/lxc/{vmid}/status/start')).toBe('vzstart');
    expect(named('POST', '/nodes/{node}/qemu/{vmid}/migrate')).toBe('qmigrate');
    expect(named('DELETE', '/nodes/{node}/lxc/{vmid}/snapshot/{snapname}')).toBe('vzdelsnapshot');
    expect(named('POST', '/nodes/{node}/storage/{storage}/upload')).toBe('imgcopy');
    expect(named('POST', '/nodes/{node}/vzdump')).toBe('vzdump');
  });

  it('keeps the last MAX_TASKS tasks, each UPID unique and well-formed', () => {
    const state = emptyState();
    const clock = { now: () => 1_750_000_000_000, seconds: 0 };
    const upids = Array.from({ length: MAX_TASKS + 5 }, () =>
      startTask(state, clock, 'pve', op, { node: 'pve1' }, 'root@pam', { vmid: '100' }),
    );
    expect(new Set(upids).size).toBe(upids.length);
    expect(state.tasks.size).toBe(MAX_TASKS);
    expect(state.tasks.has(upids[0]!)).toBe(false);
    for (const upid of upids.slice(-3)) expect(upidErrors(statusOp, { node: 'pve1', upid }, 'pve')).toBeNull();
    expect(taskFields(state.tasks.get(upids.at(-1)!)!, clock)).toMatchObject({ status: 'stopped', exitstatus: 'OK', id: '100' });
    const pbs = startTask(emptyState(), clock, 'pbs', op, { node: 'localhost' }, 'root@pam', {});
    expect(pbs.split(':')).toHaveLength(10);
    expect(upidErrors(statusOp, { node: 'localhost', upid: pbs }, 'pbs')).toBeNull();
    expect(upidErrors(statusOp, { node: 'localhost', upid: pbs }, 'pve')).not.toBeNull();
  });

  it('rejects a malformed UPID with pvedaemon words', () => {
    expect(upidErrors(statusOp, { node: 'pve1', upid: 'UPID:pve1:xyz' }, 'pve')).toEqual({
      upid: "unable to parse worker upid 'UPID:pve1:xyz'",
    });
  });
});
