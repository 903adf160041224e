/**
 * Does a value fit a schema node? The question every example source asks before it shows a value
 * (a table entry that does not fit is skipped), answered once for requests and responses alike.
 *
 * Two shapes of value:
 * - `form`: a string as it travels in a form body, query string or pvesh argument (integers as
 *   decimal text, booleans as 0/1/on/off/yes/no/true/false, lists as comma/space/semicolon lists);
 * - `json`: a JSON value as the server returns it (Perl products send booleans as 0/1 too).
 * Property strings (inline keys, or a named format the registry describes) are parsed into their
 * keys and every key checked: unknown keys, missing required keys and bad key values are reported.
 * Patterns run only through `matchesPattern`, the one place that executes schema regexes.
 */
import type { FormatDef, PropertyKey, SchemaNode } from '../../model/types.js';
import type { FormatLookup } from './values.js';
import { matchesPattern } from './pattern.js';
import { DIGITS, trimEnd } from '../../text/trim.js';

export type ValueShape = 'form' | 'json';

/** Nesting limit, as for the values themselves (property strings inside property strings). */
const MAX_DEPTH = 8;

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN_WORDS = new Set(['0', '1', 'on', 'off', 'yes', 'no', 'true', 'false']);

/** null when `value` fits `schema`, else a one-line reason (naming the key for property strings). */
export function conformError(value: unknown, schema: SchemaNode, shape: ValueShape, lookup?: FormatLookup, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  if (schema.oneOf?.length) {
    const errors = schema.oneOf.map((alt) => conformError(value, alt, shape, lookup, depth + 1));
    return errors.includes(null) ? null : (errors[0] ?? null);
  }
  if (shape === 'form') return formError(String(value), schema, lookup, depth);
  return jsonError(value, schema, lookup, depth);
}

function formError(value: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | null {
  switch (schema.type) {
    case 'boolean':
      return BOOLEAN_WORDS.has(value.toLowerCase()) ? null : `${JSON.stringify(value)} is not a boolean`;
    case 'integer':
      return INTEGER.test(value) ? rangeError(Number(value), schema) : `${JSON.stringify(value)} is not an integer`;
    case 'number':
      return NUMBER.test(value) ? rangeError(Number(value), schema) : `${JSON.stringify(value)} is not a number`;
    case 'array':
      // A list parameter sent once: the single value must fit the item schema.
      return schema.items ? formError(value, schema.items, lookup, depth + 1) : null;
    case 'object':
    case 'null':
      return `a ${schema.type} cannot travel as a form value`;
    default:
      return stringError(value, schema, lookup, depth);
  }
}

function jsonError(value: unknown, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | null {
  switch (schema.type) {
    case 'null':
      return value === null ? null : 'expected null';
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1 ? null : 'expected a boolean (or 0/1)';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? rangeError(value, schema) : 'expected an integer';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? rangeError(value, schema) : 'expected a number';
    case 'string':
      return typeof value === 'string' ? stringError(value, schema, lookup, depth) : 'expected a string';
    case 'array': {
      if (!Array.isArray(value)) return 'expected an array';
      if (!schema.items) return null;
      for (const [i, item] of value.entries()) {
        const e = jsonError(item, schema.items, lookup, depth + 1);
        if (e) return `[${i}]: ${e}`;
      }
      return null;
    }
    case 'object':
      return objectError(value, schema, lookup, depth);
    default:
      // "any" (or a type this checker does not know): nothing to check.
      return null;
  }
}

function objectError(value: unknown, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected an object';
  const record = value as Record<string, unknown>;
  const props = schema.properties ?? [];
  const byName = new Map(props.map((p) => [p.name, p] as const));
  // Numbered families as the model folded them (NamedSchema.family): net0, net1 … answer to net[n].
  const byFamily = new Map(props.flatMap((p) => (p.family ? [[p.family, p] as const] : [])));
  for (const prop of props) {
    if (!prop.schema.optional && prop.family === undefined && !Object.hasOwn(record, prop.name)) return `missing property ${prop.name}`;
  }
  for (const [key, v] of Object.entries(record)) {
    const prop = byName.get(key) ?? byFamily.get(familyBase(key));
    if (!prop) {
      const extra = schema.additionalProperties;
      if (extra === false) return `unknown property ${key}`;
      if (typeof extra === 'object') {
        const e = jsonError(v, extra, lookup, depth + 1);
        if (e) return `${key}: ${e}`;
      }
      continue;
    }
    const e = jsonError(v, prop.schema, lookup, depth + 1);
    if (e) return `${key}: ${e}`;
  }
  return null;
}

function familyBase(key: string): string {
  return trimEnd(key, DIGITS);
}

function rangeError(n: number, schema: SchemaNode): string | null {
  if (schema.minimum !== undefined && n < schema.minimum) return `${n} is below the minimum ${schema.minimum}`;
  if (schema.maximum !== undefined && n > schema.maximum) return `${n} is above the maximum ${schema.maximum}`;
  return null;
}

function stringError(value: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | null {
  if (schema.enum?.length && !schema.enum.includes(value)) return `${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`;
  if (schema.minLength !== undefined && value.length < schema.minLength) return `shorter than ${schema.minLength} characters`;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return `longer than ${schema.maxLength} characters`;
  if (matchesPattern(schema, value) === false) return `${JSON.stringify(value)} does not match the pattern`;
  const format = schema.format;
  if (!format) return null;
  if (format.kind === 'inline') return propertyStringError(value, format.keys, lookup, depth);
  // PBS list formats (an array schema as format): the items are not checked yet, only the type.
  if (format.kind === 'list') return null;
  const def: FormatDef | undefined = lookup?.(format.name) ?? lookup?.(format.base);
  if (def?.kind !== 'property-string') return null;
  if (format.opt && value === '') return null;
  if (format.list) {
    for (const item of value.split(/[;,\s]+/).filter((x) => x !== '')) {
      const e = propertyStringError(item, def.keys, lookup, depth);
      if (e) return e;
    }
    return null;
  }
  return propertyStringError(value, def.keys, lookup, depth);
}

/**
 * `key=value,...` with an optional bare value for the default key; `keyAlias` keys (the NIC model
 * written as its own key, `virtio=MAC`) fill the key they alias. Quoted values are not produced by
 * our examples and not parsed here.
 */
export function propertyStringError(value: string, keys: PropertyKey[], lookup: FormatLookup | undefined, depth: number): string | null {
  const byName = new Map(keys.map((k) => [k.name, k] as const));
  const defaultKey = keys.find((k) => k.defaultKey && k.alias === null);
  const given = new Set<string>();
  for (const part of value.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: PropertyKey | undefined;
    let v: string;
    if (eq < 0) {
      if (!defaultKey) return `${JSON.stringify(part)}: a bare value, but no key is the default`;
      if (given.has(defaultKey.name)) return `${JSON.stringify(part)}: a second bare value`;
      key = defaultKey;
      v = part;
    } else {
      key = byName.get(part.slice(0, eq));
      if (!key) return `unknown key ${part.slice(0, eq)}`;
      v = part.slice(eq + 1);
    }
    given.add(key.name);
    if (key.alias !== null) {
      given.add(key.alias);
      if (key.keyAlias !== null) given.add(key.keyAlias);
      const target = byName.get(key.alias);
      if (target) {
        const e = formError(v, target.schema, lookup, depth + 1);
        if (e) return `${key.name}: ${e}`;
      }
      continue;
    }
    const e = formError(v, key.schema, lookup, depth + 1);
    if (e) return `${key.name}: ${e}`;
  }
  for (const k of keys) {
    if (k.required && k.alias === null && !given.has(k.name)) return `missing key ${k.name}`;
  }
  return null;
}
