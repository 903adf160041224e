/**
 * Numbered families: the viewer dump writes `net[n]`; the reference dump lists net0 ... net31 (and
 * mp0 ... mp255), each a `$ref` to one schema — after dereferencing, literally the same object.
 * Members with the same schema (the same object, or equal JSON, as when only their `format` is a
 * shared reference) fold into a single `net[n]` entry, which is what a reader
 * wants and keeps pages small (the container config page would otherwise list 256 mount points).
 */

export interface FoldedName {
  name: string;
  /** The key in the raw properties holding the schema (the first member of a folded family). */
  key: string;
  family: string | null;
  familyRange?: { first: number; last: number };
}

export function foldFamilies(properties: Record<string, unknown>): FoldedName[] {
  const names = Object.keys(properties);
  const groups = new Map<string, { index: number; key: string }[]>();
  for (const key of names) {
    const m = /^(.*[^0-9])([0-9]+)$/.exec(key);
    if (!m || typeof properties[key] !== 'object' || properties[key] === null) continue;
    const list = groups.get(m[1]!) ?? [];
    list.push({ index: Number(m[2]), key });
    groups.set(m[1]!, list);
  }
  const foldedKeys = new Map<string, FoldedName>();
  for (const [family, members] of groups) {
    if (members.length < 2 || names.includes(`${family}[n]`)) continue;
    const first = properties[members[0]!.key];
    if (!members.every((m) => sameSchema(properties[m.key], first))) continue;
    members.sort((a, b) => a.index - b.index);
    const folded: FoldedName = {
      name: `${family}[n]`,
      key: members[0]!.key,
      family,
      familyRange: { first: members[0]!.index, last: members[members.length - 1]!.index },
    };
    for (const m of members) foldedKeys.set(m.key, folded);
  }
  const out: FoldedName[] = [];
  const emitted = new Set<FoldedName>();
  for (const key of names) {
    const folded = foldedKeys.get(key);
    if (folded) {
      if (!emitted.has(folded)) out.push(folded);
      emitted.add(folded);
      continue;
    }
    const family = /^(.*)\[n\]$/.exec(key)?.[1] ?? null;
    out.push({ name: key, key, family });
  }
  return out;
}

const jsonCache = new WeakMap<object, string>();

/** Same object, or the same JSON text: members can be distinct objects sharing all their parts. */
function sameSchema(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return json(a) === json(b);
}

function json(value: object): string {
  let text = jsonCache.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonCache.set(value, text);
  }
  return text;
}
