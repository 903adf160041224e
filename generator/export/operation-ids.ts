/**
 * OpenAPI operationIds for every operation of a model (export/openapi.ts writes them). A module of
 * its own: the naming rules below are independent of the OpenAPI document's shape.
 */
import type { ApiModel, Operation } from '../model/types.js';
import { trimBoth, trimEnd } from '../text/trim.js';

/**
 * Unique, stable operationIds, derived from each method's `name` (characters other than letters,
 * digits and `_` become `_`):
 * 1. a name used by one operation only is the id as it is (`vm_start`);
 * 2. a shared name (`index` is used 72 times) gets the literal segments of its own path:
 *    `index` on /nodes/{node}/qemu -> `index_nodes_qemu`;
 * 3. if that still collides, every segment, placeholders included (`get_nodes_node_x`), then the
 *    HTTP method (`_post`);
 * 4. a last collision with a name taken earlier (in schema order) appends `_2`, `_3`, ...
 * An id therefore depends only on the operation's own name and path and on whether its name is
 * shared, never on its position in the schema (except for step 4, which PVE 9.1 never reaches).
 */
export function operationIds(model: ApiModel): Map<Operation, string> {
  const ops = model.paths.flatMap((p) => p.operations);
  const clean = (s: string): string => trimBoth(s.replace(/[^A-Za-z0-9_]+/g, '_'), '_') || 'op';
  const byName = new Map<string, Operation[]>();
  for (const op of ops) {
    const key = clean(op.name);
    const group = byName.get(key);
    if (group) group.push(op);
    else byName.set(key, [op]);
  }
  const candidate = new Map<Operation, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      for (const op of group) candidate.set(op, name);
      continue;
    }
    const segments = (op: Operation, all: boolean): string =>
      op.path
        .split('/')
        .filter((s) => s !== '' && (all || !/^\{.*\}$/.test(s)))
        .map(clean)
        .join('_');
    const strategies: ((op: Operation) => string)[] = [
      (op) => `${name}_${segments(op, false)}`,
      (op) => `${name}_${segments(op, true)}`,
      (op) => `${name}_${segments(op, true)}_${op.method.toLowerCase()}`,
    ];
    // Each strategy's id for every member, and how often each id occurs in the group ("index" alone
    // names ~150 operations: comparing every pair was quadratic).
    const tried = strategies.map((strategy) => {
      const idOf = new Map(group.map((op) => [op, trimEnd(strategy(op), '_')] as const));
      const count = new Map<string, number>();
      for (const id of idOf.values()) count.set(id, (count.get(id) ?? 0) + 1);
      return { idOf, count };
    });
    for (const op of group) {
      let chosen = '';
      for (const { idOf, count } of tried) {
        chosen = idOf.get(op) ?? '';
        if (count.get(chosen) === 1) break;
      }
      candidate.set(op, chosen);
    }
  }
  // Names used once keep exactly their name: reserve them before any derived id is checked.
  const unique = (op: Operation, id: string): boolean => id === clean(op.name) && byName.get(id)?.length === 1;
  const baseOf = (op: Operation): string => candidate.get(op) ?? clean(op.name);
  const used = new Set<string>();
  for (const op of ops) if (unique(op, baseOf(op))) used.add(baseOf(op));
  const ids = new Map<Operation, string>();
  for (const op of ops) {
    const base = baseOf(op);
    if (unique(op, base)) {
      ids.set(op, base);
      continue;
    }
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(op, id);
  }
  return ids;
}
