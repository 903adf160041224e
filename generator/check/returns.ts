/**
 * A response against the operation's returns schema, with the same rules as parameters
 * (value.ts): wrong types, values outside enums or ranges, missing non-optional properties. And
 * the fields the schema does not describe at all: a live fidelity check of the schema itself,
 * shown by the --try-it console and used by the mock's tests. Browser-safe.
 *
 *   checkResponse(data, op.returns, model.formats) -> { errors: { 'data.status': 'message' }, undescribed: ['data[].foo'] }
 */
import type { FormatDef, SchemaNode } from '../model/types.js';
import { type CallValue, checkValue, type Errors } from './value.js';

export interface ResponseCheck {
  errors: Record<string, string>;
  /** Paths of fields the returns schema does not name (array items written `[]`), each once. */
  undescribed: string[];
}

/** Walking stops here: a response deeper than this is not a Proxmox response. */
const MAX_DEPTH = 32;
const MAX_UNDESCRIBED = 200;

export function checkResponse(data: unknown, returns: SchemaNode, formats: Record<string, FormatDef>): ResponseCheck {
  const errors: Errors = Object.create(null) as Errors;
  if (data === null || data === undefined) {
    // Proxmox answers null for "nothing" whatever the schema says (an empty list, a deleted object).
    return { errors, undescribed: [] };
  }
  checkValue(data as CallValue, returns, 'data', errors, { formats, depth: 0 });
  const undescribed = new Set<string>();
  walk(data, returns, 'data', undescribed, 0);
  return { errors, undescribed: [...undescribed] };
}

function walk(value: unknown, schema: SchemaNode, path: string, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || out.size >= MAX_UNDESCRIBED || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) walk(item, schema.items, `${path}[]`, out, depth + 1);
    return;
  }
  const known = new Map((schema.properties ?? []).map((p) => [p.name, p.schema]));
  const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : null;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const sub = known.get(key) ?? familySchema(schema, key) ?? extra;
    if (sub) walk(v, sub, `${path}.${key}`, out, depth + 1);
    else if (schema.additionalProperties !== true) out.add(`${path}.${key}`);
  }
}

/** `net0` is described by a folded `net[n]` property. */
function familySchema(schema: SchemaNode, key: string): SchemaNode | undefined {
  const m = /^(.*[^0-9])(\d+)$/.exec(key);
  if (!m) return undefined;
  return schema.properties?.find((p) => p.name === `${m[1]}[n]`)?.schema;
}
