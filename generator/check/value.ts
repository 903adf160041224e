/**
 * One value against one schema node, in the order and with the messages of pve-common's
 * PVE::JSONSchema::check_prop: type first (stopping there on failure), then length, range, enum,
 * pattern and format. Errors are collected into a map keyed by the parameter path ("net0",
 * "net0.bridge"), exactly like the server's `errors` object.
 */
import { formatDef } from '../model/formats.js';
import type { FormatDef, PropertyKey, SchemaNode } from '../model/types.js';
import { testPattern } from '../text/pattern.js';

/** A parameter value as it arrives: strings from a query or form, anything from a JSON body. */
export type CallValue = string | number | boolean | null | CallValue[] | { [key: string]: CallValue };

export interface ValueContext {
  formats: Record<string, FormatDef>;
  /** Nesting depth of property strings inside property strings (bounded). */
  depth: number;
}

export type Errors = Record<string, string>;

const MAX_DEPTH = 4;

export function addError(errors: Errors, path: string, message: string): void {
  // The server keeps the first message per path.
  if (!Object.hasOwn(errors, path)) errors[path] = message;
}

/** Perl's stringification of a scalar; objects and arrays are not scalars. */
function scalarText(value: CallValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return null;
}

export function parseBoolean(text: string): boolean | null {
  if (/^(?:1|on|yes|true)$/i.test(text)) return true;
  if (/^(?:0|off|no|false)$/i.test(text)) return false;
  return null;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function describe(value: CallValue): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return `'${scalarText(value) ?? String(value)}'`;
}

/** check_type: does the value have (one of) the schema's type(s)? */
function typeMatches(type: string, value: CallValue): boolean {
  const text = scalarText(value);
  switch (type) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number';
    case 'integer':
      return typeof value === 'number' ? Number.isInteger(value) : text !== null && typeof value !== 'boolean' && INTEGER.test(text);
    case 'number':
      return typeof value === 'number' ? Number.isFinite(value) : text !== null && typeof value !== 'boolean' && NUMBER.test(text);
    case 'boolean':
      return typeof value === 'boolean' || (text !== null && parseBoolean(text) !== null);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      // "any" or a type the checker does not know: the server would not reject on type either.
      return true;
  }
}

export function checkValue(given: CallValue, schema: SchemaNode, path: string, errors: Errors, ctx: ValueContext): void {
  const types = schema.type.split(' | ');
  // A query or form carries an array parameter as repeated keys; a single one arrives as a plain
  // string, which the API server turns into a one-element list.
  const value = types.includes('array') && typeof given === 'string' ? [given] : given;
  if (!types.some((t) => typeMatches(t, value))) {
    addError(errors, path, `type check ('${schema.type}') failed - got ${describe(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    // Item errors are reported under the parameter itself, which is what a caller needs to fix.
    if (schema.items) for (const item of value) checkValue(item, schema.items, path, errors, ctx);
    return;
  }
  if (value !== null && typeof value === 'object') {
    checkObject(value, schema, path, errors, ctx);
    return;
  }
  const text = scalarText(value);
  if (text === null) return;
  checkScalar(text, schema, path, errors, ctx);
}

function checkScalar(text: string, schema: SchemaNode, path: string, errors: Errors, ctx: ValueContext): void {
  const length = [...text].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    addError(errors, path, `value may only be ${schema.maxLength} characters long`);
    return;
  }
  if (schema.minLength !== undefined && schema.minLength > 0 && length < schema.minLength) {
    addError(errors, path, `value must be at least ${schema.minLength} characters long`);
    return;
  }
  if (NUMBER.test(text)) {
    const n = Number(text);
    if (schema.maximum !== undefined && n > schema.maximum) {
      addError(errors, path, `value must have a maximum value of ${schema.maximum}`);
      return;
    }
    if (schema.minimum !== undefined && n < schema.minimum) {
      addError(errors, path, `value must have a minimum value of ${schema.minimum}`);
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(text)) {
    addError(errors, path, `value '${text}' does not have a value in the enumeration '${schema.enum.join(', ')}'`);
    return;
  }
  if (schema.pattern !== undefined) {
    // Linear-time RE2, never a backtracking engine, applied as the server of the pattern's dialect
    // does; 'unsupported' (RE2 cannot express the pattern exactly) leaves the value unchecked.
    if (testPattern(schema.pattern, text, schema.patternSyntax) === false) {
      addError(errors, path, 'value does not match the regex pattern');
      return;
    }
  }
  const formatError = checkFormat(text, schema, path, ctx);
  if (formatError) addError(errors, path, `invalid format - ${formatError}`);
}

/** Nested objects (JSON bodies): known properties checked, unknown ones per additionalProperties. */
function checkObject(value: { [key: string]: CallValue }, schema: SchemaNode, path: string, errors: Errors, ctx: ValueContext): void {
  if (!schema.properties) return;
  const known = new Map(schema.properties.map((p) => [p.name, p.schema]));
  for (const [name, sub] of known) {
    // A folded family (net[n]) has no member that must be present.
    if (name.endsWith('[n]')) continue;
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    if (v === undefined || v === null) {
      if (!sub.optional) addError(errors, `${path}.${name}`, 'property is missing and it is not optional');
    } else checkValue(v, sub, `${path}.${name}`, errors, ctx);
  }
  for (const name of Object.keys(value)) {
    if (known.has(name)) continue;
    const family = /^(.*[^0-9])(\d+)$/.exec(name);
    const member = family ? known.get(`${family[1]}[n]`) : undefined;
    if (member) checkValue(value[name]!, member, `${path}.${name}`, errors, ctx);
    else if (schema.additionalProperties === false) {
      addError(errors, `${path}.${name}`, 'property is not defined in schema and the schema does not allow additional properties');
    } else if (typeof schema.additionalProperties === 'object')
      checkValue(value[name]!, schema.additionalProperties, `${path}.${name}`, errors, ctx);
  }
}

/**
 * check_format: property strings (inline, or named with keys in the registry), their `-list` and
 * `-opt` forms. Named formats validated by server code (pve-node, ip, ...) publish no rule, so
 * they are not checked here. Returns the server's message text, or null when the value passes.
 */
function checkFormat(text: string, schema: SchemaNode, path: string, ctx: ValueContext): string | null {
  const format = schema.format;
  if (!format) return null;
  if (format.kind === 'inline') return propertyString(text, format.keys, path, ctx);
  // PBS list formats (an array schema as format): the items are not checked yet, only the type.
  if (format.kind === 'list') return null;
  const def = formatDef(ctx.formats, format.name) ?? formatDef(ctx.formats, format.base);
  if (def?.kind !== 'property-string') return null;
  if (format.list) {
    for (const item of splitList(text)) {
      const error = propertyString(item, def.keys, path, ctx);
      if (error) return error;
    }
    return null;
  }
  if (format.opt && text === '') return null;
  return propertyString(text, def.keys, path, ctx);
}

/** PVE::Tools::split_list: separators are commas, semicolons, whitespace and NULs; empty items vanish. */
function splitList(text: string): string[] {
  return text.split(/[,;\s\0]+/).filter((s) => s !== '');
}

/**
 * parse_property_string, then check_object on the result: keys split on commas, `key=value`, a bare
 * value for the default key, `alias` keys stored under their target (`keyAlias` records the alias
 * name under another key, as net's `virtio=MAC` sets model), booleans in any accepted spelling.
 */
function propertyString(text: string, keys: readonly PropertyKey[], path: string, ctx: ValueContext): string | null {
  if (ctx.depth >= MAX_DEPTH) return null;
  const byName = new Map(keys.map((k) => [k.name, k]));
  const result = new Map<string, string>();
  let defaultKey: string | null = null;
  for (const part of text.split(',')) {
    if (/^\s*$/.test(part)) continue;
    const eq = part.indexOf('=');
    if (eq > 0 && eq < part.length - 1) {
      let name = part.slice(0, eq);
      const v = part.slice(eq + 1);
      if (result.has(name)) return `duplicate key in comma-separated list property: ${name}`;
      let key = byName.get(name);
      if (key?.alias) {
        if (key.keyAlias) {
          if (result.has(key.keyAlias)) return `key alias '${key.keyAlias}' is already defined`;
          result.set(key.keyAlias, name);
        }
        name = key.alias;
        key = byName.get(name);
      }
      if (!key) return `invalid key in comma-separated list property: ${name}`;
      result.set(name, v);
    } else if (eq === -1) {
      if (defaultKey !== null) return `duplicate key in comma-separated list property: ${defaultKey}`;
      const dk = keys.find((k) => k.defaultKey);
      if (!dk) return 'value without key, but schema does not define a default key';
      defaultKey = dk.name;
      if (result.has(dk.name)) return `duplicate key in comma-separated list property: ${dk.name}`;
      result.set(dk.name, part);
    } else {
      return 'missing key in comma-separated list property';
    }
  }
  const nested: Errors = Object.create(null) as Errors;
  const inner: ValueContext = { formats: ctx.formats, depth: ctx.depth + 1 };
  for (const key of keys) {
    const v = result.get(key.name);
    if (v === undefined) {
      if (key.required) addError(nested, `${path}.${key.name}`, 'property is missing and it is not optional');
      continue;
    }
    checkValue(v, key.schema, `${path}.${key.name}`, nested, inner);
  }
  const lines = Object.entries(nested).map(([p, m]) => `${p}: ${m}`);
  return lines.length > 0 ? `format error: ${lines.join('; ')}` : null;
}
