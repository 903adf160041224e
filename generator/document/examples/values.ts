/**
 * Realistic, deterministic example values for parameters, derived from the normalized schema only.
 * Every value is a plain string as it would travel in a form body, query string or pvesh argument;
 * quoting for a particular language is the job of each example generator.
 *
 * Choices, in order of precedence for a string:
 *   1. an enum: its default when the default is one of the values, else the first value;
 *   2. a known named format (pve-node → pve1, ...), see FORMAT_VALUES; `-list` formats get one item,
 *      `-opt` formats a non-empty value;
 *   3. a property string (inline keys, or a named format the registry describes): a curated value for
 *      well-known families (net → `virtio,bridge=vmbr0`) when it fits the keys, else the default key bare
 *      followed by the required keys as `key=value`;
 *   4. a string default that fits the schema (no whitespace, so free-text defaults are never used);
 *   5. a value known for the parameter's name (node, vmid, storage, userid, digest, ...), see NAME_VALUES;
 *   6. for a pattern-only string, a short generic value that the pattern accepts, else one made
 *      from the pattern itself (generator/text/regex/sample.ts: `C\d+R\d+T\d+` -> `C1R1T1`);
 *   7. a free-text string (no pattern): `example`, fitted to minLength/maxLength;
 *   8. only when a pattern accepts none of these: the placeholder `<name>`.
 * Every candidate is checked against pattern/minLength/maxLength; generic guesses (6) must be
 * positively accepted by the pattern, curated ones (2–5) are kept when the pattern cannot be compiled.
 * `knownExampleValue` stops before 7 and 8 (example responses leave such optional fields out).
 * Addresses come from the documentation ranges (RFC 5737 192.0.2.0/24, RFC 3849 2001:db8::/32) and
 * domains from example.com (RFC 2606), so a copied example never points at someone's real host.
 */
import { formatDef } from '../../model/formats.js';
import type { FormatDef, Parameter, PropertyKey, SchemaNode } from '../../model/types.js';
import { propertyStringError } from './conform.js';
import { matchesPattern } from './pattern.js';
import { samplePattern } from '../../text/regex/sample.js';
import { FORMAT_NAME_VALUES, FORMAT_VALUES, NAME_VALUES, PATTERN_GUESSES, PROPERTY_STRING_VALUES } from './table.js';
import { EXAMPLE_VALUE_DEPTH as MAX_DEPTH } from '../limits.js';

/** A parameter or any named schema (e.g. a property-string key). */
export interface ExampleParam {
  name: string;
  schema: SchemaNode;
  family?: string | null;
}

/** Resolves a named format to its registry definition (model.formats), when a registry exists. */
export type FormatLookup = (name: string) => FormatDef | undefined;

/** The name under which a parameter is sent: a numbered family `net[n]` becomes `net0`. */
export function exampleParamName(param: ExampleParam | Parameter): string {
  // The model decides what is a family (model/families.ts: a named base; a key spelled "[n]" is not).
  return param.family ? `${param.family}0` : param.name;
}

/** An example value for a parameter (or any named schema), as a plain unquoted string. */
export function exampleValue(param: ExampleParam | Parameter, lookup?: FormatLookup): string {
  const name = baseName(param);
  return valueFor(name, param.schema, lookup, 0) ?? fallbackValue(name, param.schema);
}

/** The example value when one is known from the schema or the table; undefined for free text. */
export function knownExampleValue(param: ExampleParam | Parameter, lookup?: FormatLookup): string | undefined {
  return valueFor(baseName(param), param.schema, lookup, 0);
}

function baseName(param: ExampleParam | Parameter): string {
  return param.family || param.name;
}

/** Convenience: a FormatLookup over a model's `formats` record. */
export function lookupIn(formats: Record<string, FormatDef> | undefined): FormatLookup | undefined {
  if (!formats) return undefined;
  return (name) => formatDef(formats, name);
}

function valueFor(name: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | undefined {
  if (schema.enum && schema.enum.length > 0) {
    // The table's value when the enum allows it (ostype l26, status running), else the default, else the first.
    const known = NAME_VALUES[name]?.find((v) => schema.enum?.includes(v));
    if (known !== undefined) return known;
    const def = schema.default === undefined ? undefined : String(schema.default);
    return def !== undefined && schema.enum.includes(def) ? def : (schema.enum[0] as string);
  }
  switch (schema.type) {
    // Proxmox booleans travel as 0/1; 1 shows the flag switched on.
    case 'boolean':
      return '1';
    case 'integer':
    case 'number':
      return numberValue(name, schema);
    // One item: the API accepts repeated keys, a single one keeps the example short.
    case 'array':
      return schema.items ? valueFor(name, schema.items, lookup, depth) : undefined;
    default:
      return stringValue(name, schema, lookup, depth);
  }
}

/** Integers and numbers: format value, else the default, else the minimum, else 1 (clamped to the range). */
function numberValue(name: string, schema: SchemaNode): string {
  const inRange = (n: number): boolean =>
    Number.isFinite(n) &&
    (schema.minimum === undefined || n >= schema.minimum) &&
    (schema.maximum === undefined || n <= schema.maximum) &&
    (schema.type !== 'integer' || Number.isInteger(n));
  const candidates: number[] = [];
  const fmt = schema.format?.kind === 'named' ? schema.format.base : undefined;
  if (fmt !== undefined) {
    const v = FORMAT_NAME_VALUES[`${fmt}|${name}`] ?? FORMAT_VALUES[fmt];
    if (v !== undefined) candidates.push(Number(v));
  }
  for (const v of NAME_VALUES[name] ?? []) if (/^-?\d+(\.\d+)?$/.test(v)) candidates.push(Number(v));
  if (typeof schema.default === 'number' || (typeof schema.default === 'string' && schema.default.trim() !== '')) {
    candidates.push(Number(schema.default));
  }
  if (schema.minimum !== undefined) candidates.push(schema.minimum);
  candidates.push(1);
  for (const c of candidates) if (inRange(c)) return String(c);
  // 1 is outside the range: the minimum failed only for a fractional integer bound, so use the maximum.
  if (schema.maximum !== undefined) return String(schema.type === 'integer' ? Math.floor(schema.maximum) : schema.maximum);
  return schema.minimum !== undefined ? String(Math.ceil(schema.minimum)) : '1';
}

interface Candidate {
  value: string;
  /** Curated: kept when the pattern cannot be checked. Generic guesses must match a pattern. */
  curated: boolean;
}

function stringValue(name: string, schema: SchemaNode, lookup: FormatLookup | undefined, depth: number): string | undefined {
  const candidates: Candidate[] = [];
  const curated = (value: string | undefined): void => {
    if (value !== undefined) candidates.push({ value, curated: true });
  };
  const format = schema.format;
  if (format?.kind === 'named') {
    curated(FORMAT_NAME_VALUES[`${format.base}|${name}`]);
    curated(FORMAT_VALUES[format.name] ?? FORMAT_VALUES[format.base] ?? sdnId(format.base) ?? configId(format.base, name));
    const def = lookup?.(format.name) ?? lookup?.(format.base);
    if (def?.kind === 'property-string' && depth < MAX_DEPTH) {
      for (const v of NAME_VALUES[name] ?? []) if (propertyStringError(v, def.keys, lookup, depth) === null) curated(v);
      curated(propertyString(name, def.keys, lookup, depth + 1));
    }
  } else if (format?.kind === 'inline' && depth < MAX_DEPTH) {
    for (const v of NAME_VALUES[name] ?? []) if (propertyStringError(v, format.keys, lookup, depth) === null) curated(v);
    curated(propertyString(name, format.keys, lookup, depth + 1));
  }
  if (typeof schema.default === 'string' && schema.default !== '' && !/\s/.test(schema.default)) curated(schema.default);
  for (const v of NAME_VALUES[name] ?? []) curated(v);
  if (schema.pattern !== undefined) {
    for (const v of PATTERN_GUESSES) candidates.push({ value: v, curated: false });
  }
  for (const c of candidates) {
    if (schema.minLength !== undefined && c.value.length < schema.minLength) continue;
    if (schema.maxLength !== undefined && c.value.length > schema.maxLength) continue;
    const match = matchesPattern(schema, c.value);
    // null: no pattern, or one JavaScript cannot compile (then only curated values are trusted).
    if (match === true || (match === null && (schema.pattern === undefined || c.curated))) return c.value;
  }
  if (schema.pattern === undefined) return undefined;
  const limits = {
    ...(schema.minLength === undefined ? {} : { minLength: schema.minLength }),
    ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
  };
  return samplePattern(schema.pattern, schema.patternSyntax ?? 'perl', limits) ?? undefined;
}

/**
 * When nothing is known: free text gets `example` (repeated or cut to fit the length limits); a
 * pattern that no value could be found for keeps the placeholder `<name>`, which says so honestly.
 */
function fallbackValue(name: string, schema: SchemaNode): string {
  const string = schema.type === 'string' || schema.type === 'any' || (schema.type === 'array' && schema.items?.type !== 'object');
  if (schema.pattern !== undefined || schema.items?.pattern !== undefined || !string) return placeholder(name);
  const min = Math.max(schema.minLength ?? 0, 1);
  const max = Math.max(schema.maxLength ?? Number.POSITIVE_INFINITY, 1);
  return 'example'.repeat(Math.ceil(min / 7)).slice(0, Math.min(max, Math.max(min, 7)));
}

/** pve-sdn-vnet-id → vnet1, pve-sdn-zone-id → zone1, ...: SDN ids are short lowercase words. */
function sdnId(format: string): string | undefined {
  const m = /^pve-sdn-([a-z]+)-id$/.exec(format);
  return m ? `${m[1]}1` : undefined;
}

/** pve-configid names many kinds of ids: derive a plausible one from the parameter name (snapname → snap1). */
function configId(format: string, name: string): string | undefined {
  if (format !== 'pve-configid') return undefined;
  const known = NAME_VALUES[name]?.[0];
  if (known !== undefined && /^[A-Za-z][A-Za-z0-9_-]*$/.test(known)) return known;
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // "id1" or "name1" would only repeat the parameter's name.
  return /^[a-z]/.test(slug) && slug !== 'id' && slug !== 'name' ? `${slug}1` : 'example1';
}

/**
 * A property string: a curated value for the family when it fits the keys, else the default key's
 * value bare, then every required key as `key=value` (aliases are alternative spellings, skipped);
 * when neither exists, the first ordinary key, so the value is never empty.
 */
function propertyString(name: string, keys: PropertyKey[], lookup: FormatLookup | undefined, depth: number): string | undefined {
  for (const candidate of PROPERTY_STRING_VALUES[name] ?? []) {
    if (fitsKeys(candidate, keys)) return candidate;
  }
  const ordinary = keys.filter((k) => k.alias === null);
  if (ordinary.length === 0) return undefined;
  const def = ordinary.find((k) => k.defaultKey);
  const parts: string[] = [];
  const keyValue = (k: PropertyKey): string => valueFor(k.name, k.schema, lookup, depth) ?? fallbackValue(k.name, k.schema);
  if (def) parts.push(keyValue(def));
  for (const k of ordinary) {
    if (k !== def && k.required) parts.push(`${k.name}=${keyValue(k)}`);
  }
  if (parts.length === 0) parts.push(`${(ordinary[0] as PropertyKey).name}=${keyValue(ordinary[0] as PropertyKey)}`);
  return parts.join(',');
}

function fitsKeys(candidate: string, keys: PropertyKey[]): boolean {
  const names = new Set(keys.map((k) => k.name));
  const def = keys.find((k) => k.defaultKey && k.alias === null);
  const given = new Set<string>();
  for (const part of candidate.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (!def) return false;
      given.add(def.name);
    } else {
      const key = part.slice(0, eq);
      if (!names.has(key)) return false;
      given.add(key);
    }
  }
  return keys.every((k) => !k.required || k.alias !== null || given.has(k.name));
}

function placeholder(name: string): string {
  return `<${name}>`;
}
