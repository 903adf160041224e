/**
 * The stateful mock's memory: items by the concrete path of their collection
 * (`/nodes/pve1/qemu` -> `100` -> its fields), and the tasks it started. Plain data, so a CI job
 * can start from a fixture (--state FILE) and read back what its automation left.
 *
 * Keys come from requests (a vmid, a snapshot name), so every map is a Map and every record an
 * object without a prototype: a key named `__proto__` is an ordinary key here.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { InputError, OutputError, joinPointer } from '../errors.js';
import { readTextFile } from '../load/source.js';
import { isRecord } from '../model/is-record.js';

export type Fields = Record<string, unknown>;

export interface TaskRecord {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  /** Unix seconds. */
  starttime: number;
  /** Seconds until the task reads as stopped. */
  seconds: number;
  exitstatus: string;
  log: string[];
}

export interface MockState {
  collections: Map<string, Map<string, Fields>>;
  /** The most recent tasks, oldest first (at most MAX_TASKS: a long CI run does not grow without end). */
  tasks: Map<string, TaskRecord>;
  /** Tasks started so far: each gets a pid of its own, also when older ones were dropped. */
  started: number;
}

interface StateFile {
  format: 'pve-apidoc-mock-state';
  version: 1;
  collections: Record<string, Record<string, Fields>>;
  tasks: TaskRecord[];
}

export function emptyState(): MockState {
  return { collections: new Map(), tasks: new Map(), started: 0 };
}

export function fields(from: Iterable<[string, unknown]> = []): Fields {
  const record: Fields = Object.create(null);
  for (const [k, v] of from) record[k] = v;
  return record;
}

/** The items of one collection, made when first written. */
export function collection(state: MockState, path: string): Map<string, Fields> {
  let items = state.collections.get(path);
  if (!items) {
    items = new Map();
    state.collections.set(path, items);
  }
  return items;
}

export function putItem(state: MockState, path: string, id: string, values: Fields): Fields {
  const record = fields(Object.entries(values));
  collection(state, path).set(id, record);
  return record;
}

/**
 * Removes the item and every collection below it (a VM's snapshots, a user's tokens ...). Their
 * paths hold the id encoded, as generator/mock/world.ts concrete() writes it (`ci@pve` -> `ci%40pve`).
 */
export function removeItem(state: MockState, path: string, id: string): boolean {
  const removed = state.collections.get(path)?.delete(id) ?? false;
  const below = `${path}/${encodeURIComponent(id)}/`;
  for (const key of [...state.collections.keys()]) if (key.startsWith(below)) state.collections.delete(key);
  return removed;
}

export function toJson(state: MockState): string {
  const file: StateFile = {
    format: 'pve-apidoc-mock-state',
    version: 1,
    collections: Object.fromEntries(
      [...state.collections].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, items]) => [path, Object.fromEntries(items)]),
    ),
    tasks: [...state.tasks.values()],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A state file as written by toJson; throws an InputError with the JSON pointer of the first thing that is not. */
export function fromJson(text: string, name: string): MockState {
  const bad = (at: string, detail: string): InputError => new InputError(name, at, detail);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(name, null, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const state = emptyState();
  if (!isRecord(parsed) || parsed['format'] !== 'pve-apidoc-mock-state')
    throw bad('/format', 'not a mock state file (format must be "pve-apidoc-mock-state")');
  const collections = parsed['collections'];
  if (!isRecord(collections)) throw bad('/collections', 'must be an object');
  for (const [path, items] of Object.entries(collections)) {
    if (!path.startsWith('/') || !isRecord(items)) throw bad(joinPointer('/collections', path), 'must be an object under a path');
    for (const [id, values] of Object.entries(items)) {
      if (!isRecord(values)) throw bad(joinPointer('/collections', path, id), 'must be an object');
      // An item holds form values; a deeper one could not be saved again (JSON.stringify recurses) nor answered.
      if (deeperThan(values, MAX_DEPTH)) throw bad(joinPointer('/collections', path, id), `nested more than ${MAX_DEPTH} levels deep`);
      putItem(state, path, id, values);
    }
  }
  const tasks = parsed['tasks'] ?? [];
  if (!Array.isArray(tasks)) throw bad('/tasks', 'must be an array');
  tasks.forEach((task: unknown, i) => {
    if (!isRecord(task) || typeof task['upid'] !== 'string') throw bad(`/tasks/${i}`, 'must be a task with a upid');
    // A field of another type is named here: String() of an object such as {"toString": 1} would throw a TypeError.
    const text = (key: string, fallback: string): string => {
      const value = task[key] ?? fallback;
      if (typeof value !== 'string' && typeof value !== 'number') throw bad(`/tasks/${i}/${key}`, 'must be a string');
      return String(value);
    };
    const log = task['log'] ?? [];
    if (!Array.isArray(log) || log.some((line) => typeof line !== 'string')) throw bad(`/tasks/${i}/log`, 'must be an array of strings');
    state.tasks.set(task['upid'], {
      upid: task['upid'],
      node: text('node', ''),
      type: text('type', ''),
      id: text('id', ''),
      user: text('user', ''),
      starttime: Number(task['starttime']) || 0,
      seconds: Number(task['seconds']) || 0,
      exitstatus: text('exitstatus', 'OK'),
      log: log.map(String),
    });
  });
  state.started = state.tasks.size;
  return state;
}

/** Levels of nesting an item's value may have: form values are flat, a JSON body's a little deeper. */
const MAX_DEPTH = 32;

function deeperThan(value: unknown, max: number): boolean {
  // Iterative, so a hostile file cannot overflow the stack here either.
  const todo: [unknown, number][] = [[value, 0]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) todo.push([child, depth + 1]);
  }
  return false;
}

/** The state file (at most 64 MB, as a schema), read with the errors of any input file. */
export async function loadState(file: string): Promise<MockState> {
  return fromJson(await readTextFile(file, { what: 'mock state' }), file);
}

/** Written beside and renamed over: a mock killed while saving leaves the previous file whole. */
export async function saveState(state: MockState, file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, toJson(state));
    await rename(temporary, file);
  } catch (error) {
    // The temporary file goes too (a failed rename left it beside the user's file); the error is the write's.
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
    throw new OutputError(`${file}: cannot write the mock state${code}`, { cause: error });
  }
}
