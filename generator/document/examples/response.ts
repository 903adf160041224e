/**
 * Example responses, format-neutral: used by the HTML pages, the Markdown export and the mock server.
 *
 * API (small on purpose):
 *   exampleResponse(op, ctx) → ExampleResponse
 *     ctx = { product: 'pve' | 'pmg' | 'pbs', formats?: model.formats }
 *   ExampleResponse is one of
 *     { kind: 'example', body: { data: ... } }  an illustrative value that fits op.returns
 *                                               (every value from the shared table in ./table.ts,
 *                                               checked with ./conform.ts before use);
 *     { kind: 'null', body: { data: null } }    the schema says the call returns null;
 *     { kind: 'unspecified', reason }           the schema says nothing usable (untyped, an object
 *                                               without properties, an array without items or with
 *                                               items without properties): nothing is invented.
 *   UNSPECIFIED_TEXT[reason] is a plain-text sentence for each reason.
 *
 * Shape rules: every required property is present; optional ones appear when the table knows their
 * name, up to a few per object so listings stay short; numbered families (`net[n]`) appear once as
 * `net0`; arrays hold one item; booleans are 0/1 on Perl products (PVE, PMG send them that way) and
 * true/false on PBS. A string that returns a task id gets a UPID of the product's shape.
 */
import type { FormatDef, Operation, Product, SchemaNode } from '../../model/types.js';
import { exampleValue, knownExampleValue, lookupIn, type FormatLookup } from './values.js';
import { conformError } from './conform.js';
import { NAME_VALUES } from './table.js';
import { taskKind } from './tasks.js';
import { impliedType } from '../shape.js';

export interface ResponseContext {
  product: Product;
  formats?: Record<string, FormatDef>;
}

export type UnspecifiedReason = 'untyped' | 'object-without-properties' | 'array-without-items' | 'items-without-properties';

export type ExampleResponse =
  | { kind: 'example'; body: { data: unknown } }
  | { kind: 'null'; body: { data: null } }
  | { kind: 'unspecified'; reason: UnspecifiedReason };

export const UNSPECIFIED_TEXT: Record<UnspecifiedReason, string> = {
  untyped: 'The schema does not say what this call returns.',
  'object-without-properties': 'The schema says this call returns an object, but lists none of its properties.',
  'array-without-items': 'The schema says this call returns an array, but does not describe its items.',
  'items-without-properties': 'The schema says this call returns an array of objects, but lists none of their properties.',
};

/** Nesting limit: deeper levels are left out (optional) or empty (required). */
const MAX_DEPTH = 6;
/** Optional properties shown per object beyond the ones the table knows by name. */
const OPTIONAL_EXTRA = 4;

interface Ctx {
  product: Product;
  lookup: FormatLookup | undefined;
}

const cache = new WeakMap<Operation, { product: Product; formats: unknown; response: ExampleResponse }>();

export function exampleResponse(op: Operation, ctx: ResponseContext): ExampleResponse {
  const hit = cache.get(op);
  if (hit && hit.product === ctx.product && hit.formats === ctx.formats) return hit.response;
  const response = compute(op, { product: ctx.product, lookup: lookupIn(ctx.formats) });
  cache.set(op, { product: ctx.product, formats: ctx.formats, response });
  return response;
}

function compute(op: Operation, ctx: Ctx): ExampleResponse {
  const r = op.returns;
  const reason = unspecified(r);
  if (reason) return { kind: 'unspecified', reason };
  if (r.type === 'null') return { kind: 'null', body: { data: null } };
  const name = r.type === 'string' && taskKind(op) !== 'none' ? 'upid' : 'data';
  const data = value(name, r, ctx, 0, true);
  return { kind: 'example', body: { data: data === undefined ? null : data } };
}

function unspecified(r: SchemaNode): UnspecifiedReason | null {
  if (r.oneOf?.length) return null;
  switch (r.type) {
    case 'null':
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return null;
    case 'object':
      return r.properties?.length || typeof r.additionalProperties === 'object' ? null : 'object-without-properties';
    case 'array':
      if (!r.items || r.items.type === 'any') return 'array-without-items';
      if (r.items.type === 'object' && !r.items.properties?.length && typeof r.items.additionalProperties !== 'object')
        return 'items-without-properties';
      return null;
    default:
      return 'untyped';
  }
}

function value(name: string, schema: SchemaNode, ctx: Ctx, depth: number, required: boolean): unknown {
  if (depth > MAX_DEPTH && (schema.type === 'object' || schema.type === 'array')) return required ? emptyOf(schema) : undefined;
  if (schema.oneOf?.length) return value(name, schema.oneOf[0] as SchemaNode, ctx, depth + 1, required);
  const type = schema.type === 'any' ? untypedAs(schema, required) : schema.type;
  switch (type) {
    case 'null':
      return null;
    case 'boolean': {
      // The table may say a flag is usually off (template: 0).
      const on = !(NAME_VALUES[name] ?? []).includes('0');
      return ctx.product === 'pbs' ? on : on ? 1 : 0;
    }
    case 'integer':
    case 'number': {
      const n = Number(exampleValue({ name, schema }, ctx.lookup));
      return fits(n, schema, ctx) ? n : undefined;
    }
    case 'string': {
      // Free text gets a made-up value only where the schema requires the field.
      const s = required ? exampleValue({ name, schema }, ctx.lookup) : knownExampleValue({ name, schema }, ctx.lookup);
      return s !== undefined && fits(s, schema, ctx) ? s : undefined;
    }
    case 'array': {
      if (!schema.items) return [];
      const item = value(singular(name), schema.items, ctx, depth + 1, true);
      return item === undefined ? [] : [item];
    }
    case 'object':
      return objectValue(schema, ctx, depth);
    default:
      // "any" and unknown types: nothing to show.
      return undefined;
  }
}

/**
 * A field without a type (PVE writes some): what its structure implies (document/shape.ts), else a
 * string for an enum or a required field (null would read as "missing" to the server's own check);
 * an optional one is left out.
 */
function untypedAs(schema: SchemaNode, required: boolean): string {
  const implied = impliedType(schema);
  if (implied !== 'any') return implied;
  return schema.enum?.length || required ? 'string' : 'any';
}

function objectValue(schema: SchemaNode, ctx: Ctx, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let extra = 0;
  for (const prop of schema.properties ?? []) {
    // The model's family (NamedSchema.family), not the name: one decision of what is numbered.
    const family = prop.family;
    const key = family === undefined ? prop.name : `${family}0`;
    const required = !prop.schema.optional && family === undefined;
    const known = KNOWN_NAMES.has(family ?? prop.name);
    if (!required && !known && extra >= OPTIONAL_EXTRA) continue;
    const v = value(family ?? prop.name, prop.schema, ctx, depth + 1, required);
    // An optional property the table knows nothing about is left out rather than shown as "<name>".
    if (!required && (v === undefined || isPlaceholder(v))) continue;
    if (!required && !known) extra++;
    // defineProperty: a property named "__proto__" stays an own, enumerable key.
    if (v !== undefined) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && /^<[^>]*>$/.test(v);
}

const KNOWN_NAMES = new Set(Object.keys(NAME_VALUES));

function fits(v: unknown, schema: SchemaNode, ctx: Ctx): boolean {
  if (typeof v === 'number' && !Number.isFinite(v)) return false;
  return conformError(v, schema, 'json', ctx.lookup) === null;
}

/** The smallest value of a container, for a required property past the nesting limit. */
function emptyOf(schema: SchemaNode): unknown {
  return schema.type === 'array' ? [] : {};
}

/** "vms" → "vm" for an array's items, so an item finds its table entry by the singular name. */
function singular(name: string): string {
  return name.length > 3 && name.endsWith('s') ? name.slice(0, -1) : name;
}
