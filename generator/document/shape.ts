/**
 * What a schema node is, when the schema names no `type`: PVE writes some returns as bare
 * `{properties: ...}` (spiceshell, vncproxy) or `{items: ...}` (`/cluster/mapping/usb` · error).
 * Perl's typetext rules call every untyped node `<string>`; its structure says otherwise, and every
 * output (pages, Markdown, OpenAPI, example responses) reads the structure through this one rule.
 */
import type { SchemaNode } from '../model/types.js';

/** The node's own type, else 'array' (it has `items`) or 'object' (it has object keywords), else 'any'. */
export function impliedType(node: SchemaNode): string {
  if (node.type !== 'any') return node.type;
  if (node.items) return 'array';
  if (node.properties !== undefined || node.additionalProperties !== undefined) return 'object';
  return 'any';
}

/** Whether the type comes from the structure alone (the schema names none). */
export function isImpliedType(node: SchemaNode): boolean {
  return node.type === 'any' && impliedType(node) !== 'any';
}
