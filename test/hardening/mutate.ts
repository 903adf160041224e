/**
 * Deterministic mutations of a parsed schema (and of its text) for the fuzz test: a seeded PRNG
 * picks nodes and changes them — delete keys, change types, duplicate nodes, swap values, nest
 * deeply, rename keys, inject hostile text or `$ref`s — or cuts and splices the text. The same
 * seed always gives the same input, so a failure is reproduced by its seed alone.
 */
import { HOSTILE } from './corpus.js';

/** mulberry32: small, fast, good enough for picking mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)]!;

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  pointer: string;
}

/** Keys whose values steer the pipeline: mutations prefer them half of the time. */
const STRUCTURAL = new Set([
  'path',
  'info',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'parameters',
  'properties',
  'children',
  'type',
  'enum',
  'items',
  'format',
  'permissions',
  'check',
  'returns',
  'optional',
  'default',
  'typetext',
  'minimum',
  'maximum',
  'pattern',
  'links',
  'description',
  'user',
  'additionalProperties',
  'oneOf',
  'instance-types',
  'type-property',
  'text',
  'leaf',
  'proxyto',
  'allowtoken',
  'protected',
  'requires',
  'maxLength',
  'minLength',
  'format_description',
  'default_key',
  'alias',
  'keyAlias',
]);

/**
 * Every (container, key) of the document, collected once per mutant (about 200 000 for PVE 9.1):
 * flat arrays, and pointers built only for the slots a mutation picks. After a mutation the table
 * may be stale (a slot inside a replaced subtree); mutating a detached subtree is then a no-op.
 */
class Slots {
  readonly parents: (Record<string, unknown> | unknown[])[] = [];
  readonly keys: (string | number)[] = [];
  readonly up: number[] = [];
  readonly structural: number[] = [];

  constructor(root: unknown) {
    const stack: { value: unknown; slot: number }[] = [{ value: root, slot: -1 }];
    while (stack.length > 0) {
      const { value, slot } = stack.pop()!;
      if (value === null || typeof value !== 'object') continue;
      const parent = value as Record<string, unknown> | unknown[];
      if (Array.isArray(parent)) {
        for (let i = 0; i < parent.length; i++) this.push(parent, i, slot, parent[i], stack);
      } else {
        for (const key of Object.keys(parent)) {
          const index = this.push(parent, key, slot, parent[key], stack);
          if (STRUCTURAL.has(key)) this.structural.push(index);
        }
      }
    }
  }

  private push(
    parent: Slots['parents'][number],
    key: string | number,
    up: number,
    child: unknown,
    stack: { value: unknown; slot: number }[],
  ): number {
    const index = this.parents.length;
    this.parents.push(parent);
    this.keys.push(key);
    this.up.push(up);
    if (child !== null && typeof child === 'object') stack.push({ value: child, slot: index });
    return index;
  }

  slot(index: number): Slot {
    const tokens: (string | number)[] = [];
    for (let i = index; i >= 0; i = this.up[i]!) tokens.unshift(this.keys[i]!);
    return { parent: this.parents[index]!, key: this.keys[index]!, pointer: tokens.map((t) => `/${t}`).join('') };
  }

  pick(rng: Rng, preferStructural: boolean): Slot {
    if (preferStructural && this.structural.length > 0) return this.slot(pick(rng, this.structural));
    return this.slot(int(rng, this.parents.length));
  }
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function randomValue(rng: Rng): unknown {
  const palette: (() => unknown)[] = [
    () => '',
    () => 'x',
    () => '0',
    () => '1',
    () => 'NaN',
    () => 0,
    () => -1,
    () => 1.5,
    () => 1e308,
    () => -1e308,
    () => true,
    () => false,
    () => null,
    () => [],
    () => ({}),
    () => [1, 'a', null],
    () => ({ a: 1, type: 'string' }),
    () => ({ type: 'object', properties: { toString: { type: 'string' }, __proto__x: 1 } }),
    () => pick(rng, HOSTILE),
    () => 'x'.repeat(10_000 + int(rng, 50_000)),
    () => ({ $ref: pick(rng, ['#/0', '#/0/info/GET', '#/nothing', '#', 'http://127.0.0.1:9/x', '#/0/children/0/info']) }),
    () => ['perm', pick(rng, HOSTILE), [pick(rng, HOSTILE)]],
    () => ['and', ['or'], ['perm', '/', []]],
    () => ({ user: pick(rng, ['world', 'all', 'root', 7]) }),
    () => ({ GET: { parameters: {} } }),
    () => [{ path: '/dup' }, { path: '/dup' }],
  ];
  return pick(rng, palette)();
}

const RENAMES = [
  'GET',
  'PATCH',
  'get',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '$ref',
  '',
  'a/b',
  '~',
  'x[n]',
  'net0',
  'net1',
  'properties',
];

function setOwn(parent: Slot['parent'], key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  // defineProperty: a key named "__proto__" must become an own key, as JSON.parse would make it.
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

function deepNest(value: unknown, depth: number, arrays: boolean): unknown {
  let out = value;
  for (let i = 0; i < depth; i++) out = arrays ? [out] : { x: out };
  return out;
}

/** Applies one random structural mutation in place; returns a description for the failure report. */
function mutateOnce(table: Slots, rng: Rng): string {
  const slot = table.pick(rng, rng() < 0.5);
  const { parent, key, pointer } = slot;
  const current = (parent as Record<string, unknown>)[key as string];
  const op = int(rng, 9);
  switch (op) {
    case 0: {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return `delete ${pointer}`;
    }
    case 1: {
      const value = randomValue(rng);
      setOwn(parent, key, value);
      return `retype ${pointer} = ${JSON.stringify(value)?.slice(0, 60)}`;
    }
    case 2: {
      if (Array.isArray(parent)) {
        parent.splice(int(rng, parent.length + 1), 0, clone(current));
        return `duplicate ${pointer} in its array`;
      }
      const other = table.pick(rng, false);
      setOwn(parent, key, clone((other.parent as Record<string, unknown>)[other.key as string]));
      return `copy ${other.pointer} over ${pointer}`;
    }
    case 3: {
      const other = table.pick(rng, false);
      const a = clone(current);
      const b = clone((other.parent as Record<string, unknown>)[other.key as string]);
      setOwn(parent, key, b);
      // `other` may have been inside `current` and is detached now; the swap is still well defined.
      setOwn(other.parent, other.key, a);
      return `swap ${pointer} <-> ${other.pointer}`;
    }
    case 4: {
      const depth = 1 + int(rng, 300);
      const arrays = rng() < 0.5;
      setOwn(parent, key, deepNest(current, depth, arrays));
      return `nest ${pointer} ${depth} deep in ${arrays ? 'arrays' : 'objects'}`;
    }
    case 5: {
      if (Array.isArray(parent)) {
        parent.reverse();
        return `reverse the array holding ${pointer}`;
      }
      const name = pick(rng, RENAMES);
      delete parent[key as string];
      setOwn(parent, name, current);
      return `rename ${pointer} to ${JSON.stringify(name)}`;
    }
    case 6: {
      const s = pick(rng, HOSTILE);
      setOwn(parent, key, typeof current === 'string' ? current + s : s);
      return `hostile text at ${pointer}`;
    }
    case 7: {
      const value =
        typeof current === 'number'
          ? String(current)
          : typeof current === 'string' && /^-?\d+(\.\d+)?$/.test(current)
            ? Number(current)
            : 1;
      setOwn(parent, key, value);
      return `number/string flip at ${pointer}`;
    }
    default: {
      const target = table.pick(rng, false);
      setOwn(parent, key, { $ref: '#' + target.pointer });
      return `$ref at ${pointer} to ${target.pointer}`;
    }
  }
}

/** Cuts or splices the text: truncation, a removed slice, or stray characters. */
function mutateText(text: string, rng: Rng): { text: string; description: string } {
  const at = int(rng, text.length);
  switch (int(rng, 4)) {
    case 0:
      return { text: text.slice(0, at), description: `cut at ${at}` };
    case 1: {
      const end = Math.min(text.length, at + 1 + int(rng, 2000));
      return { text: text.slice(0, at) + text.slice(end), description: `remove ${at}..${end}` };
    }
    case 2: {
      const junk = pick(rng, ['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\ufffd', 'null', '("Ref")["/x"]', '/*', '\n']);
      return { text: text.slice(0, at) + junk + text.slice(at), description: `insert ${JSON.stringify(junk)} at ${at}` };
    }
    default: {
      // keep only a window of the text: starts and ends anywhere
      const end = at + int(rng, text.length - at);
      return { text: text.slice(at, end), description: `window ${at}..${end}` };
    }
  }
}

export interface Mutant {
  seed: number;
  text: string;
  mutations: string[];
}

/**
 * One mutant of the schema: a quarter of the seeds mutate the text (cuts), the rest apply one to
 * four structural mutations to a copy of the parsed document and serialize it as a viewer dump.
 */
export function mutant(seed: number, text: string, parsed: unknown): Mutant {
  const rng = prng(seed);
  if (rng() < 0.25) {
    const { text: cut, description } = mutateText(text, rng);
    return { seed, text: cut, mutations: [description] };
  }
  const doc = clone(parsed);
  const mutations: string[] = [];
  const count = 1 + int(rng, 4);
  const table = new Slots(doc);
  for (let i = 0; i < count; i++) mutations.push(mutateOnce(table, rng));
  return { seed, text: `const apiSchema = ${JSON.stringify(doc)};\n`, mutations };
}
