/** Checks of the Proxmox API shape that a JSON Schema cannot express. */
import { joinPointer, type Violation } from '../errors.js';
import type { Dialect } from '../load/index.js';

export const MAX_DEPTH = 256;

/** Iterative (no recursion) so that absurd nesting is reported instead of overflowing the stack. */
export function checkDepth(document: unknown): Violation | null {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: document, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return { pointer, message: `nesting deeper than ${MAX_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
    } else {
      for (const key of Object.keys(value)) {
        stack.push({ value: (value as Record<string, unknown>)[key], pointer: joinPointer(pointer, key), depth: depth + 1 });
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
