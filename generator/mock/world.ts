/**
 * The stateful mock: answers from generator/mock/state.ts, driven by the schema's path structure
 * rather than a list of endpoints. A *collection* is a path whose GET returns an array and that
 * has a child `{param}` path (`/nodes/{node}/qemu` -> `{vmid}`); its child is an *item*.
 *
 *   POST collection        -> a new item, its id from the child's parameter (vmid, snapname ...)
 *   GET collection         -> its items, shaped to the listing's schema
 *   GET item, GET below it -> the example answer with the item's fields laid over it
 *   PUT/POST item[/config] -> the parameters merged into the item (`delete` removes keys)
 *   DELETE item            -> gone, with everything below it
 *
 * A collection answers from the state once it has an item or when it can be written to and the
 * nearest item above it is known (a new VM's snapshots); others keep the example answer. What
 * Proxmox does beyond that (start/stop, nextid, cluster/resources ...) is in ./proxmox.ts, and the
 * workers a call starts in ./tasks.ts.
 */
import { siteIndex } from '../model/site-index.js';
import { type CallValue, parseBoolean } from '../check/value.js';
import type { ApiModel, ApiPath, Operation, SchemaNode } from '../model/types.js';
import { taskKind } from '../document/examples/tasks.js';
import { afterCall, listingExtra, special } from './proxmox.js';
import { startTask, type TaskClock, taskEndpoint } from './tasks.js';
import { collection, type Fields, fields, type MockState, putItem, removeItem } from './state.js';
import { isRecord } from '../model/is-record.js';

export interface WorldCall {
  op: Operation;
  pathParams: Record<string, string>;
  params: Record<string, CallValue>;
  user: string;
  /** Files of a multipart body: the parameter names them by their file name; here is their size. */
  uploads?: { field: string; filename: string; size: number }[];
  /** The example answer's `data` (computed only when asked for). */
  example(): unknown;
}

/** A stateful answer: `data` in the envelope, or an error with its status and reason. */
export type WorldAnswer = { data: unknown } | { status: number; reason: string; errors?: Record<string, string> };

export interface Structure {
  model: ApiModel;
  paths: ReadonlyMap<string, ApiPath>;
  /** Collection template -> the name of its child's parameter. */
  childParam: Map<string, string>;
}

export interface World {
  state: MockState;
  structure: Structure;
  clock: TaskClock;
  /** null: the call is not about the state; answer as the stateless mock does. */
  answer(call: WorldCall): WorldAnswer | null;
}

function structureOf(model: ApiModel): Structure {
  const paths = siteIndex(model).byPath;
  const childParam = new Map<string, string>();
  for (const p of model.paths) {
    if (p.operations.find((o) => o.method === 'GET')?.returns.type !== 'array') continue;
    for (const child of p.children) {
      const param = /\/\{([^}]+)\}$/.exec(child)?.[1];
      if (param !== undefined && child.slice(0, child.lastIndexOf('/')) === p.path) childParam.set(p.path, param);
    }
  }
  return { model, paths, childParam };
}

/** The template's concrete path: each `{name}` replaced by its (encoded) value. */
export function concrete(template: string, pathParams: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ''));
}

function parentOf(template: string): string {
  return template.slice(0, template.lastIndexOf('/')) || '/';
}

/** The nearest item at or above the template: its collection template, concrete collection path and id. */
function itemAt(structure: Structure, template: string, pathParams: Record<string, string>): ItemRef | null {
  for (let t = template; t !== '/' && t !== ''; t = parentOf(t)) {
    const parent = parentOf(t);
    const param = structure.childParam.get(parent);
    if (param !== undefined && t === `${parent}/{${param}}`) {
      const id = pathParams[param];
      if (id !== undefined) return { template: parent, path: concrete(parent, pathParams), id, itemTemplate: t };
    }
  }
  return null;
}

interface ItemRef {
  /** Collection template, e.g. /nodes/{node}/qemu. */
  template: string;
  /** Concrete collection path, e.g. /nodes/pve1/qemu. */
  path: string;
  id: string;
  /** Item template, e.g. /nodes/{node}/qemu/{vmid}. */
  itemTemplate: string;
}

export function createWorld(model: ApiModel, state: MockState, clock: TaskClock): World {
  const structure = structureOf(model);
  const world: World = {
    state,
    structure,
    clock,
    answer: (call) => {
      const task = taskEndpoint(world, call);
      if (task) return task;
      const answer = special(world, call) ?? generic(world, call);
      if (answer && 'status' in answer) return answer;
      if (answer) afterCall(world, call);
      // Every call that starts a worker gets a task of its own, also where the state has nothing to say.
      if (taskKind(call.op) !== 'none')
        return { data: startTask(state, clock, model.product, call.op, call.pathParams, call.user, call.params) };
      return answer;
    },
  };
  return world;
}

function generic(world: World, call: WorldCall): WorldAnswer | null {
  const { structure, state } = world;
  const { op, pathParams } = call;
  const template = op.path;
  const param = structure.childParam.get(template);
  if (param !== undefined && (op.method === 'GET' || op.method === 'POST')) {
    const path = concrete(template, pathParams);
    if (!stateDriven(world, template, pathParams)) return null;
    if (op.method === 'GET') return { data: listing(world, template, path, call) };
    const id = idFrom(call.params[param]);
    if (id === null) return null;
    const items = collection(state, path);
    if (items.has(id)) return { status: 500, reason: `${param} '${id}' already exists` };
    putItem(state, path, id, inputFields(call, param));
    return { data: resultOf(call) };
  }
  const item = itemAt(structure, template, pathParams);
  if (!item) return null;
  const record = state.collections.get(item.path)?.get(item.id);
  if (!record) {
    return state.collections.has(item.path)
      ? { status: 500, reason: `${item.itemTemplate.split('/').pop()} '${item.id}' does not exist` }
      : null;
  }
  const below = template !== item.itemTemplate;
  if (op.method === 'DELETE' && !below) {
    removeItem(state, item.path, item.id);
    return { data: resultOf(call) };
  }
  if ((op.method === 'PUT' || op.method === 'POST') && (!below || template === `${item.itemTemplate}/config`)) {
    merge(record, call, Object.keys(pathParams));
    return { data: resultOf(call) };
  }
  // A config reads back exactly what was set (a deleted key stays deleted); other reads are the example with the item's fields.
  if (op.method === 'GET' && template.endsWith('/config')) {
    const config = fields(Object.entries(record).filter(([k]) => !RUNTIME.has(k)));
    return { data: overlay(digestOf(call.example()), config, op.returns, true, world) };
  }
  if (op.method === 'GET') return { data: overlay(call.example(), record, op.returns, false, world) };
  return null;
}

/** Does this collection answer from the state? */
function stateDriven(world: World, template: string, pathParams: Record<string, string>): boolean {
  if (world.state.collections.has(concrete(template, pathParams))) return true;
  const writable = world.structure.paths.get(template)?.operations.some((o) => o.method === 'POST') ?? false;
  const above = itemAt(world.structure, template, pathParams);
  return writable && above !== null && world.state.collections.get(above.path)?.has(above.id) === true;
}

function idFrom(value: CallValue | undefined): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** The call's parameters as an item's fields: path parameters left out, the id kept under its name. */
function inputFields(call: WorldCall, param: string): Fields {
  const out = fields();
  for (const [k, v] of Object.entries(call.params)) if (!(k in call.pathParams)) out[k] = v;
  out[param] = call.params[param];
  return out;
}

/** Tasks and plain results: the example answer (a UPID is replaced by ./tasks.ts). */
function resultOf(call: WorldCall): unknown {
  return call.op.returns.type === 'null' ? null : call.example();
}

/** PUT/POST config: parameters overwrite fields; `delete=a,b` removes them; `digest` and the like are not fields. */
function merge(record: Fields, call: WorldCall, pathNames: string[]): void {
  for (const [k, v] of Object.entries(call.params)) {
    if (pathNames.includes(k) || k === 'digest' || k === 'delete' || k === 'revert' || k === 'skiplock') continue;
    record[k] = v;
  }
  const remove = call.params['delete'];
  if (typeof remove === 'string') for (const k of remove.split(/[,;\s]+/)) if (k) delete record[k];
}

/** Fields an item carries that are its running state, not its configuration. */
const RUNTIME = new Set(['status', 'qmpstatus', 'vmid']);

function digestOf(example: unknown): Fields {
  const digest = example !== null && typeof example === 'object' && 'digest' in example ? example.digest : undefined;
  return fields(digest === undefined ? [] : [['digest', digest]]);
}

function listing(world: World, template: string, path: string, call: WorldCall): unknown[] {
  const items = world.state.collections.get(path) ?? new Map<string, Fields>();
  const itemSchema = call.op.returns.items;
  const param = world.structure.childParam.get(template) ?? '';
  // The id under its parameter's name, or under `name` where the listing calls it that (snapname -> name).
  const idField = propertySchema(itemSchema, param) || !propertySchema(itemSchema, 'name') ? param : 'name';
  const example = items.size > 0 ? call.example() : [];
  const rows = [...items].map(([id, record]) => {
    const row = fields(Object.entries(listingExtra(world, template, id, record)));
    row[idField] ??= id;
    return shape(row, itemSchema, world, example);
  });
  // A query parameter named like a field filters by it (`content=iso` on storage content, `type` ...).
  const filters = Object.entries(call.params).filter(([k, v]) => !(k in call.pathParams) && typeof v === 'string');
  const kept = rows.filter((row) => filters.every(([k, v]) => row[k] === undefined || String(row[k]) === v));
  return [...kept, ...listingTail(template, call)];
}

/** Snapshot listings end with `current` ("You are here!"), as on a real host. */
function listingTail(template: string, call: WorldCall): unknown[] {
  if (!template.endsWith('/snapshot') || call.op.returns.items?.properties?.some((p) => p.name === 'name') !== true) return [];
  return [{ name: 'current', description: 'You are here!', digest: '0000000000000000000000000000000000000000' }];
}

/** The example object with the item's fields laid over it (only fields the schema names, except for /config). */
function overlay(example: unknown, record: Fields, returns: SchemaNode, all: boolean, world: World): unknown {
  if (returns.type !== 'object') return example;
  const base = example !== null && typeof example === 'object' && !Array.isArray(example) ? example : {};
  const out = fields(Object.entries(base));
  for (const [k, v] of Object.entries(record)) {
    const schema = propertySchema(returns, k);
    if (schema) out[k] = coerce(v, schema, world);
    else if (all && (returns.additionalProperties !== false || returns.properties === undefined)) out[k] = v;
  }
  return out;
}

/**
 * Fields the listing's schema names, coerced to its types; everything when it names none. A required
 * property the item lacks comes from the example row, so the row still fits the schema.
 */
export function shape(record: Fields, schema: SchemaNode | undefined, world: World, example?: unknown): Fields {
  const props = schema?.properties;
  if (!props || props.length === 0) return fields(Object.entries(record));
  const out = fields();
  const row = Array.isArray(example) && isRecord(example[0]) ? example[0] : {};
  for (const p of props) if (!p.schema.optional && !(p.name in record) && p.name in row) out[p.name] = row[p.name];
  for (const [k, v] of Object.entries(record)) {
    const s = propertySchema(schema, k);
    if (s) out[k] = coerce(v, s, world);
  }
  return out;
}

/** The schema of property `name`, also for a member of a numbered family (`net0` of `net[n]`). */
function propertySchema(schema: SchemaNode | undefined, name: string): SchemaNode | null {
  for (const p of schema?.properties ?? []) {
    if (p.name === name) return p.schema;
    const family = p.family;
    if (family !== undefined && name.startsWith(family) && /^\d+$/.test(name.slice(family.length))) return p.schema;
  }
  return null;
}

/** Form values are strings; the answer has the schema's types (booleans 0/1 on PVE and PMG, true/false on PBS). */
function coerce(value: unknown, schema: SchemaNode, world: World): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? (schema.type === 'integer' ? Math.trunc(n) : n) : value;
  }
  if (schema.type === 'boolean') {
    const on = isOn(value);
    return world.structure.model.product === 'pbs' ? on : on ? 1 : 0;
  }
  if (schema.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return value;
}

/** A flag as given (form text, JSON true or 1), read as the checker reads it (Yes, ON, true ...), so what it accepted means what it meant. */
export function isOn(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && parseBoolean(value) === true);
}
