/**
 * Tasks as a real host runs them: the worker's name from a table (a UPID names `qmstart`, not the
 * schema's method name `vm_start`), UPIDs in the product's format, a task list and log per node,
 * and `status` running until --task-seconds have passed, then stopped with `exitstatus: OK`.
 *
 * UPID formats (Proxmox's sources, PVE::Tools::upid_encode and pbs-api-types' UPID):
 *   PVE, PMG: UPID:NODE:PID:PSTART:STARTTIME:TYPE:ID:USER:
 *   PBS:      UPID:NODE:PID:PSTART:TASKID:STARTTIME:TYPE:ID:USER:
 * with PID, PSTART, TASKID and STARTTIME as 8 hex digits (PSTART may be longer on long-running hosts).
 */
import type { Operation, Product } from '../model/types.js';
import type { MockState, TaskRecord } from './state.js';
import type { World, WorldAnswer, WorldCall } from './world.js';

/** [method, path pattern or literal path ending, worker type]. */
type Worker = readonly [string, RegExp | string, string];

/** The per-guest workers: `qm` + action for VMs, `vz` + action for containers (qmstart, vzstart ...). */
function guestWorkers(kind: 'qemu' | 'lxc', prefix: 'qm' | 'vz', actions: readonly string[]): Worker[] {
  // A literal path ending: no pattern is built from text at run time.
  const at = (rest: string): string => `/${kind}/{vmid}/${rest}`;
  return [
    ...actions.map((a): Worker => ['POST', at(`status/${a}`), `${prefix}${a}`]),
    ...(['clone', 'template', 'snapshot'] as const).map((a): Worker => ['POST', at(a), `${prefix}${a}`]),
    ['DELETE', at('snapshot/{snapname}'), `${prefix}delsnapshot`],
    ['POST', at('snapshot/{snapname}/rollback'), `${prefix}rollback`],
  ];
}

/** [method, path template, worker type]: the workers named in PROXMOX-API.md and Proxmox's sources. */
const WORKERS: readonly Worker[] = [
  ['POST', /^\/nodes\/\{node\}\/qemu$/, 'qmcreate'],
  ['POST', /^\/nodes\/\{node\}\/lxc$/, 'vzcreate'],
  ['DELETE', /^\/nodes\/\{node\}\/qemu\/\{vmid\}$/, 'qmdestroy'],
  ['DELETE', /^\/nodes\/\{node\}\/lxc\/\{vmid\}$/, 'vzdestroy'],
  ...guestWorkers('qemu', 'qm', ['start', 'stop', 'shutdown', 'reboot', 'reset', 'suspend', 'resume']),
  ...guestWorkers('lxc', 'vz', ['start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume']),
  ['POST', /\/qemu\/\{vmid\}\/migrate$/, 'qmigrate'],
  ['POST', /\/lxc\/\{vmid\}\/migrate$/, 'vzmigrate'],
  ['POST', /\/qemu\/\{vmid\}\/move_disk$/, 'qmmove'],
  ['POST', /\/qemu\/\{vmid\}\/config$/, 'qmconfig'],
  ['POST', /^\/nodes\/\{node\}\/vzdump$/, 'vzdump'],
  ['POST', /\/storage\/\{storage\}\/upload$/, 'imgcopy'],
  ['POST', /\/storage\/\{storage\}\/download-url$/, 'download'],
  ['POST', /^\/nodes\/\{node\}\/apt\/update$/, 'aptupdate'],
  ['POST', /^\/nodes\/\{node\}\/(startall|stopall|migrateall)$/, '$1'],
  ['POST', /\/services\/\{service\}\/(start|stop|restart|reload)$/, 'srv$1'],
  ['POST', /^\/admin\/datastore\/\{store\}\/gc$/, 'garbage_collection'],
  ['POST', /^\/admin\/datastore\/\{store\}\/verify$/, 'verificationjob'],
  ['POST', /^\/admin\/datastore\/\{store\}\/prune-datastore$/, 'prune'],
  ['POST', /^\/admin\/sync\/\{id\}\/run$/, 'syncjob'],
];

/** The worker type of a task-starting call; the method's name, sanitized, where the table has none. */
export function workerType(op: Operation): string {
  for (const [method, path, type] of WORKERS) {
    if (op.method !== method) continue;
    if (typeof path === 'string') {
      if (op.path.endsWith(path)) return type;
      continue;
    }
    const m = path.exec(op.path);
    if (m) return type.replace('$1', m[1] ?? '');
  }
  return (op.name || 'task').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || 'task';
}

// PVE/PMG: node:pid:pstart:starttime:type:id:user; PBS adds a task counter after pstart.
const UPID_PVE = /^UPID:[A-Za-z0-9.-]+:[0-9A-Fa-f]{8,}:[0-9A-Fa-f]{8,}:[0-9A-Fa-f]{8,}:[^:\s]+:[^:\s]*:[^:\s]+:$/;
const UPID_PBS = /^UPID:[A-Za-z0-9.-]+:[0-9A-Fa-f]{8,}:[0-9A-Fa-f]{8,}:[0-9A-Fa-f]{8,}:[0-9A-Fa-f]{8,}:[^:\s]+:[^:\s]*:[^:\s]+:$/;
const UPID_FORMAT: Record<Product, RegExp> = { pve: UPID_PVE, pmg: UPID_PVE, pbs: UPID_PBS };

/** The path parameter of a task endpoint (`/nodes/{node}/tasks/{upid}/...`), if this is one. */
function taskParam(op: Operation): string | null {
  return /\/tasks\/\{([^}]+)\}(\/(status|log))?$/.exec(op.path)?.[1] ?? null;
}

/** 400 errors for a task endpoint whose UPID is malformed (pvedaemon: "unable to parse worker upid"). */
export function upidErrors(op: Operation, pathParams: Record<string, string>, product: Product): Record<string, string> | null {
  const name = taskParam(op);
  const value = name === null ? undefined : pathParams[name];
  if (value === undefined || UPID_FORMAT[product].test(value)) return null;
  return { [name ?? 'upid']: `unable to parse worker upid '${value.slice(0, 100)}'` };
}

/** Tasks kept for the task list and status (a real node's active list is short too). */
export const MAX_TASKS = 1000;

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');
/** A UPID's node is a host name (else `localhost`); its id and user hold no colon or space, which would end the field. */
const upidNode = (node: string): string => (/^[A-Za-z0-9.-]+$/.test(node) ? node : 'localhost');
const upidText = (text: string): string => text.replace(/[:\s]/g, '');

export interface TaskClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Seconds a new task runs before it reads as stopped. */
  seconds: number;
}

export interface UpidFields {
  node: string;
  pid: number;
  pstart: number;
  /** PBS only: the task counter after PSTART. */
  taskId: number;
  /** Unix seconds. */
  starttime: number;
  type: string;
  id: string;
  user: string;
}

/**
 * A UPID of the product's format, for the stateful and the stateless mock alike. The node falls
 * back to `localhost` unless it is a host name, and colons and spaces are taken out of the id and
 * the user (a PBS token user may hold one), so the UPID always parses again (UPID_FORMAT).
 */
export function formatUpid(product: Product, f: UpidFields): string {
  const head = `UPID:${upidNode(f.node)}:${hex(f.pid)}:${hex(f.pstart)}:`;
  const counter = product === 'pbs' ? `${hex(f.taskId)}:` : '';
  return `${head}${counter}${hex(f.starttime)}:${f.type}:${upidText(f.id)}:${upidText(f.user)}:`;
}

/** The fields of a UPID of either format (formatUpid's inverse); `counter` is true for PBS's. */
export function parseUpid(upid: string): (UpidFields & { counter: boolean }) | null {
  const parts = upid.split(':');
  // Both formats end with a colon: 9 parts for PVE and PMG, 10 with PBS's task counter.
  const counter = parts.length === 10;
  if (parts[0] !== 'UPID' || (parts.length !== 9 && !counter)) return null;
  const text = (i: number): string => parts[i] ?? '';
  const number = (i: number): number => Number.parseInt(text(i), 16) || 0;
  const o = counter ? 1 : 0;
  return {
    node: text(1),
    pid: number(2),
    pstart: number(3),
    taskId: counter ? number(4) : 0,
    starttime: number(4 + o),
    type: text(5 + o),
    id: text(6 + o),
    user: text(7 + o),
    counter,
  };
}

/** A new task for this call, recorded in the state; its UPID. */
export function startTask(
  state: MockState,
  clock: TaskClock,
  product: Product,
  op: Operation,
  pathParams: Record<string, string>,
  user: string,
  params: Record<string, unknown> = {},
): string {
  const node = upidNode(pathParams['node'] ?? '');
  const type = workerType(op);
  const named = pathParams['vmid'] ?? params['vmid'] ?? pathParams['storage'] ?? pathParams['store'] ?? '';
  const id = upidText(typeof named === 'string' || typeof named === 'number' ? String(named) : '');
  const starttime = Math.floor(clock.now() / 1000);
  const count = state.started++;
  const pid = 0x1000 + (count % 0xfffff000);
  const upid = formatUpid(product, { node, pid, pstart: 0x00a1b2c3, taskId: count % 0x100000000, starttime, type, id, user });
  const task: TaskRecord = {
    upid,
    node,
    type,
    id,
    user,
    starttime,
    seconds: clock.seconds,
    exitstatus: 'OK',
    log: [`starting ${type}${id ? ` for ${id}` : ''} (pve-apidoc mock)`],
  };
  state.tasks.set(upid, task);
  for (const old of state.tasks.keys()) {
    if (state.tasks.size <= MAX_TASKS) break;
    state.tasks.delete(old);
  }
  return upid;
}

function running(task: TaskRecord, clock: TaskClock): boolean {
  return clock.now() < (task.starttime + task.seconds) * 1000;
}

/** The fields of GET .../tasks/{upid}/status and of a task list row. */
export function taskFields(task: TaskRecord, clock: TaskClock): Record<string, unknown> {
  const upid = parseUpid(task.upid);
  const base: Record<string, unknown> = {
    upid: task.upid,
    node: task.node,
    pid: upid?.pid ?? 0,
    pstart: upid?.pstart ?? 0,
    starttime: task.starttime,
    type: task.type,
    worker_type: task.type,
    id: task.id,
    worker_id: task.id,
    user: task.user,
  };
  if (upid?.counter) base['task_id'] = upid.taskId;
  if (running(task, clock)) return { ...base, status: 'running' };
  return { ...base, status: 'stopped', exitstatus: task.exitstatus, endtime: task.starttime + task.seconds };
}

/** The task log as /tasks/{upid}/log returns it: numbered lines, `TASK OK` last once it has ended. */
function taskLog(task: TaskRecord, clock: TaskClock): { n: number; t: string }[] {
  const lines = running(task, clock) ? task.log : [...task.log, `TASK ${task.exitstatus}`];
  return lines.map((t, i) => ({ n: i + 1, t }));
}

/** GET /nodes/{node}/tasks (list), .../tasks/{upid}/status and .../log for the tasks this mock started; null for others. */
export function taskEndpoint(world: World, call: WorldCall): WorldAnswer | null {
  const { op, pathParams } = call;
  if (op.method !== 'GET') return null;
  const clock = world.clock;
  if (/^\/nodes\/\{node\}\/tasks$/.test(op.path)) {
    const rows = [...world.state.tasks.values()].filter((t) => t.node === pathParams['node']).reverse();
    const props = new Set(op.returns.items?.properties?.map((p) => p.name) ?? []);
    return {
      data: rows.map((t) => Object.fromEntries(Object.entries(taskFields(t, clock)).filter(([k]) => props.size === 0 || props.has(k)))),
    };
  }
  const name = taskParam(op);
  const task = name === null ? undefined : world.state.tasks.get(pathParams[name] ?? '');
  if (!task) return null;
  if (op.path.endsWith('/log')) return { data: taskLog(task, clock) };
  if (op.path.endsWith('/status')) {
    const props = new Set(op.returns.properties?.map((p) => p.name) ?? []);
    const data = Object.entries(taskFields(task, clock)).filter(
      ([k]) => props.size === 0 || props.has(k) || k === 'status' || k === 'exitstatus',
    );
    return { data: Object.fromEntries(data) };
  }
  return null;
}
