/**
 * Numbered families (`net[n]`) in the OpenAPI export: one shared component per distinct member
 * schema, and one explicit property per member (`net0` ... `net31`), each a `$ref` to it.
 *
 * Why explicit members and not `patternProperties`: typed-client generators turn a pattern into a
 * string index signature (`[key: string]: string`), which conflicts with every other property
 * (`vmid: number`) and makes the whole body unusable in TypeScript; explicit members type-check and
 * still reject unknown names. The folded form stays machine-readable in `x-proxmox-family` on the
 * component (name, base, range and where the range came from).
 *
 * The range, in order of trust: the members the source listed (the reference dump lists net0 ...
 * net31), else the range the description states ("n is 0 to 30", "link0..link7"), else an assumed
 * 0 to 31 (`range: "assumed"`; the viewer dump says nothing for `net`, `mp`, `hostpci`, ...).
 */
import type { Json, JsonObject } from './openapi.js';

export type RangeSource = 'schema' | 'description' | 'assumed';

export interface FamilyRange {
  first: number;
  last: number;
  source: RangeSource;
}

/** Used when neither the schema nor its description gives the range (see the module comment). */
const ASSUMED_RANGE = { first: 0, last: 31 } as const;

/** Cap on members listed for one family: bounds the document for a hostile `0 to 999999999`. */
const MAX_MEMBERS = 1024;

/**
 * The family's range. Descriptions are matched with anchored, linear patterns on a bounded prefix
 * (schema text is untrusted input).
 */
export function familyRange(base: string, listed: { first: number; last: number } | undefined, description: Json | undefined): FamilyRange {
  if (listed) return bounded(listed.first, listed.last, 'schema');
  if (typeof description === 'string') {
    const text = description.slice(0, 4000);
    const nIs = /\(n is (\d{1,6}) to (\d{1,6})\b/.exec(text);
    if (nIs) return bounded(Number(nIs[1]), Number(nIs[2]), 'description');
    for (const m of text.matchAll(/\b([A-Za-z][\w-]{0,40}?)(\d{1,6})\s?\.\.\s?([A-Za-z][\w-]{0,40}?)(\d{1,6})\b/g)) {
      if (m[1] === base && m[3] === base) return bounded(Number(m[2]), Number(m[4]), 'description');
    }
  }
  return { ...ASSUMED_RANGE, source: 'assumed' };
}

function bounded(first: number, last: number, source: RangeSource): FamilyRange {
  if (!(first <= last)) return { ...ASSUMED_RANGE, source: 'assumed' };
  return { first, last: Math.min(last, first + MAX_MEMBERS - 1), source };
}

export function memberNames(base: string, range: FamilyRange): string[] {
  const out: string[] = [];
  for (let i = range.first; i <= range.last; i++) out.push(`${base}${i}`);
  return out;
}

interface Entry {
  base: string;
  owner: string;
  schema: JsonObject;
  refs: JsonObject[];
}

/**
 * Collects member schemas while the document is built and names them at the end: `net_n` when the
 * document has one schema for `net[n]`, else `<operationId>_net_n` after the first operation using
 * each (qemu and lxc networks differ). Equal schemas share one component.
 */
export class FamilyComponents {
  private readonly byKey = new Map<string, Entry>();

  /** A `{ $ref }` object for a member; its target is filled in by `finish`. */
  ref(base: string, owner: string, schema: JsonObject): JsonObject {
    const key = `${base}\u0000${JSON.stringify(schema)}`;
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { base, owner, schema, refs: [] };
      this.byKey.set(key, entry);
    }
    const ref: JsonObject = { $ref: '' };
    entry.refs.push(ref);
    return ref;
  }

  /** Component name -> schema, in first-use order; every ref handed out now points at its component. */
  finish(): JsonObject {
    const perBase = new Map<string, number>();
    for (const e of this.byKey.values()) perBase.set(e.base, (perBase.get(e.base) ?? 0) + 1);
    const clean = (s: string): string => s.replace(/[^A-Za-z0-9_]+/g, '_');
    const out: JsonObject = {};
    for (const e of this.byKey.values()) {
      const plain = `${clean(e.base)}_n`;
      const base = perBase.get(e.base) === 1 ? plain : `${clean(e.owner)}_${plain}`;
      let name = base;
      for (let n = 2; name in out; n++) name = `${base}_${n}`;
      out[name] = e.schema;
      for (const ref of e.refs) ref.$ref = `#/components/schemas/${name}`;
    }
    return out;
  }
}
