/**
 * How big a document becomes once every `$ref` is replaced by its target, computed before any
 * expansion happens. References can multiply: a 1.8 KB dump whose references double at each of 18
 * levels expanded to 143 MB of pages (22 levels: past 90 s and 2.2 GB). The size of a node is
 * counted once per target (memoized), so this check is linear in the document, and a document
 * over the limit is refused with the pointer of the reference that multiplies it.
 */
import { joinPointer, ValidationError } from '../errors.js';

/**
 * Values (objects, arrays, scalars) in the fully expanded document. The real reference dumps
 * expand to 231,737 (PVE 9.0) and 240,315 (PVE 9.1) values, measured; the limit leaves ~16x room
 * while keeping a build of the largest accepted document within about a minute.
 */
const MAX_EXPANDED_VALUES = 4_000_000;

export function checkExpansion(source: string, root: unknown, limit = MAX_EXPANDED_VALUES): number {
  const memo = new Map<object, number>();
  const active = new Set<object>();
  const size = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return 1;
    const known = memo.get(value);
    if (known !== undefined) return known;
    // A cycle: the dereference stage reports it with its pointer; count it once here.
    if (active.has(value)) return 1;
    active.add(value);
    let total = 1;
    const target = refTarget(root, value);
    if (target !== undefined) total += size(target.value);
    else for (const child of Object.values(value)) total = Math.min(total + size(child), Number.MAX_SAFE_INTEGER);
    active.delete(value);
    memo.set(value, total);
    return total;
  };
  const total = size(root);
  if (total > limit) {
    const pointer = culprit(root, size, limit);
    throw new ValidationError(source, [
      {
        pointer,
        message: `$ref expansion too large: the references here expand the document to ${total.toLocaleString('en')} values (limit ${limit.toLocaleString('en')})`,
      },
    ]);
  }
  return total;
}

/**
 * The reference to blame: follow the largest child down from the root and name the last `$ref`
 * passed whose own expansion is still over the limit's thousandth (where the multiplying happens).
 */
function culprit(root: unknown, size: (value: unknown) => number, limit: number): string {
  let pointer = '';
  let blamed = '';
  let node: unknown = root;
  const seen = new Set<object>();
  while (node !== null && typeof node === 'object' && !seen.has(node)) {
    seen.add(node);
    const target = refTarget(root, node);
    if (target !== undefined) {
      if (size(target.value) * 1000 < limit) break;
      blamed = pointer;
      node = target.value;
      pointer = target.pointer;
      continue;
    }
    let best: [string, unknown, number] | undefined;
    for (const [key, child] of Object.entries(node)) {
      const s = size(child);
      if (best === undefined || s > best[2]) best = [key, child, s];
    }
    if (best === undefined) break;
    pointer = joinPointer(pointer, best[0]);
    node = best[1];
  }
  return blamed;
}

/** The target of an internal `{ "$ref": "#/..." }`, or undefined (not a ref, or one that points nowhere). */
function refTarget(root: unknown, value: object): { value: unknown; pointer: string } | undefined {
  if (Array.isArray(value) || !Object.hasOwn(value, '$ref')) return undefined;
  const ref = (value as Record<string, unknown>).$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  let node: unknown = root;
  if (pointer !== '') {
    if (!pointer.startsWith('/')) return undefined;
    for (const raw of pointer.slice(1).split('/')) {
      const token = decodeURIComponentSafe(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
      node = (node as Record<string, unknown>)[token];
    }
  }
  return { value: node, pointer };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
