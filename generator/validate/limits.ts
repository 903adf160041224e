/**
 * Amplification limits: sizes no real schema comes near, past which a hostile schema would make a
 * build take minutes and gigabytes (1e6 distinct parameters on one operation: 166 s, 3.6 GB and
 * one 345 MB page). Each is a validation error naming the pointer, before anything is rendered.
 * Measured maxima over every schema in ../shared/schemas: 842 parameters on one operation
 * (PVE 9.1 refs dump, qemu config with every numbered slot), 93 in the viewer dumps.
 */
import { joinPointer, type Violation } from '../errors.js';
import type { Dialect } from '../load/index.js';
import { pageFile } from '../model/urls.js';

/**
 * Characters of a page's file path below the output folder (`api/.../index.html`). Linux allows
 * 4096 for the whole path, output folder included; the longest real one is far below 100.
 */
export const MAX_PAGE_PATH = 1024;

/** Parameters of one operation (top-level properties of `parameters`): about 12x the real maximum. */
export const MAX_PARAMETERS_PER_OPERATION = 10_000;

interface PathNodeLike {
  path?: unknown;
  info?: Record<string, { parameters?: { properties?: Record<string, unknown> } } | undefined>;
  children?: PathNodeLike[];
}

export function checkLimits(document: unknown, dialect: Dialect): Violation[] {
  const base = dialect === 'refs' ? '/root' : '';
  const roots = (dialect === 'refs' ? (document as { root: PathNodeLike[] }).root : document) as PathNodeLike[];
  const violations: Violation[] = [];
  const stack = roots.map((node, i) => ({ node, pointer: `${base}/${i}` }));
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (typeof node.path === 'string') {
      const file = pageFile(node.path);
      if (file.length > MAX_PAGE_PATH) {
        violations.push({
          pointer: `${pointer}/path`,
          message: `path too long: its page would be a ${file.length}-character file path, more than the limit of ${MAX_PAGE_PATH}`,
        });
      }
    }
    for (const [method, operation] of Object.entries(node.info ?? {})) {
      const properties = operation?.parameters?.properties;
      const count = properties && typeof properties === 'object' ? Object.keys(properties).length : 0;
      if (count > MAX_PARAMETERS_PER_OPERATION) {
        violations.push({
          pointer: joinPointer(pointer, 'info', method, 'parameters', 'properties'),
          message: `${count} parameters on one operation, more than the limit of ${MAX_PARAMETERS_PER_OPERATION}`,
        });
      }
    }
    (node.children ?? []).forEach((child, i) => {
      stack.push({ node: child, pointer: `${pointer}/children/${i}` });
    });
  }
  return violations.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
