/** Checks of the Proxmox API shape that a JSON Schema cannot express. */
import { joinPointer, type Violation } from '../errors.js';
import type { Dialect } from '../load/index.js';

const MAX_DEPTH = 256;

/**
 * Iterative (no recursion) so that absurd nesting is reported instead of overflowing the stack.
 * Only objects and arrays are visited (a scalar cannot be too deep), and a value's JSON pointer is
 * spelled out only for the one reported: building one for each of the ~300 000 values of a real
 * schema cost more than the walk itself.
 */
export function checkDepth(document: unknown): Violation | null {
  interface Entry {
    value: object;
    depth: number;
    parent: Entry | null;
    /** Array index or object key in the parent. */
    key: string | number;
  }
  const pointerOf = (entry: Entry): string => {
    const keys: (string | number)[] = [];
    for (let e: Entry | null = entry; e?.parent; e = e.parent) keys.push(e.key);
    let pointer = '';
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      pointer = typeof key === 'number' ? `${pointer}/${key}` : joinPointer(pointer, key);
    }
    return pointer;
  };
  if (document === null || typeof document !== 'object') return null;
  const stack: Entry[] = [{ value: document, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (depth > MAX_DEPTH) return { pointer: pointerOf(entry), message: `nesting deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1, parent: entry, key: i });
      }
    } else {
      for (const key of Object.keys(value)) {
        const child = (value as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1, parent: entry, key });
      }
    }
  }
  return null;
}

interface PathNodeLike {
  path: string;
  children?: PathNodeLike[];
}

/** Duplicate paths would make two pages fight over one URL. */
export function checkPaths(document: unknown, dialect: Dialect): Violation[] {
  const base = dialect === 'refs' ? '/root' : '';
  const roots = (dialect === 'refs' ? (document as { root: PathNodeLike[] }).root : document) as PathNodeLike[];
  const firstSeen = new Map<string, string>();
  const violations: Violation[] = [];
  const stack: { node: PathNodeLike; pointer: string }[] = roots.map((node, i) => ({ node, pointer: `${base}/${i}` })).reverse();
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    const earlier = firstSeen.get(node.path);
    if (earlier !== undefined) {
      violations.push({ pointer: `${pointer}/path`, message: `duplicate path ${JSON.stringify(node.path)} (first at ${earlier})` });
    } else {
      firstSeen.set(node.path, pointer);
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, pointer: `${pointer}/children/${i}` });
  }
  return violations;
}
