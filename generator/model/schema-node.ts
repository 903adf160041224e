/**
 * Raw (dereferenced) Proxmox JSON-schema node -> normalized SchemaNode. Keys the model knows are
 * typed; anything else is kept verbatim in `extra` so nothing the schema says is silently dropped.
 */
import { joinPointer } from '../errors.js';
import { isRecord } from './is-record.js';
import type { FormatRef, NamedSchema, PropertyKey, SchemaNode } from './types.js';
import { foldFamilies } from './families.js';
import { deriveTypetext, type RawFormatRegistry, type RawSchema } from './typetext.js';
import { isSupportedPattern } from '../text/pattern.js';
import { type PatternNotation, type SchemaPattern, schemaPattern } from '../text/regex/dialect.js';

/** Keys consumed into typed fields (or deliberately ignored), never copied into `extra`. */
const KNOWN_KEYS = new Set([
  'type',
  'title',
  'description',
  'verbose_description',
  'typetext',
  'default',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'format_description',
  'requires',
  'instance-types',
  'type-property',
  'oneOf',
  'items',
  'properties',
  'additionalProperties',
  'optional',
  'renderer',
  'links',
  'default_key',
  'alias',
  'keyAlias',
  // CLI tab-completion hook: a Perl code reference, meaningless outside the server.
  'completion',
]);

export interface NodeContext {
  registry: RawFormatRegistry | undefined;
  /** How the schema writes patterns: Perl text (PVE, PMG) or `/body/` literals (PBS). */
  patterns: PatternNotation;
  /** Pointers of patterns that cannot run exactly on the linear-time engine (reported by normalize). */
  unrunnable: string[];
}

/** Perl stringifies some numbers and booleans ("0", "1"); the validator already rejected non-numeric ones. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A schema `pattern` as the model keeps it (see generator/text/regex/dialect.ts), or undefined. */
function patternOf(value: unknown, notation: PatternNotation): SchemaPattern | undefined {
  if (typeof value === 'string') return schemaPattern(value, notation);
  // A Perl regex from the reference dump, stringified as (?^:...) — shown without the Perl wrapper.
  if (isRecord(value) && typeof value['x-proxmox-regex'] === 'string') {
    return { pattern: stripPerlWrapper(value['x-proxmox-regex']), syntax: 'perl' };
  }
  return undefined;
}

function stripPerlWrapper(regex: string): string {
  let out = regex;
  while (out.startsWith('(?^:') && out.endsWith(')')) out = out.slice(4, -1);
  return out;
}

export function normalizeNode(raw: unknown, pointer: string, ctx: NodeContext): SchemaNode {
  if (!isRecord(raw)) return { pointer, type: 'any', synopsis: '<any>' };
  const node: SchemaNode = {
    pointer,
    type: typeName(raw['type']),
    synopsis: '',
  };
  const typetext = text(raw['typetext']);
  const pattern = patternOf(raw['pattern'], ctx.patterns);
  node.synopsis = typetext ?? deriveTypetext(forTypetext(raw, pattern), ctx.registry);
  if (typetext !== undefined) node.typetext = typetext;
  assign(node, 'title', text(raw['title']));
  assign(node, 'description', text(raw['description']));
  assign(node, 'verboseDescription', text(raw['verbose_description']));
  if (raw['default'] !== undefined && raw['default'] !== null) node.default = raw['default'];
  // String() throws on an object whose own `toString` is not a function: non-strings are shown as JSON.
  if (Array.isArray(raw['enum'])) node.enum = raw['enum'].map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null')));
  assign(node, 'minimum', toNumber(raw['minimum']));
  assign(node, 'maximum', toNumber(raw['maximum']));
  assign(node, 'minLength', toNumber(raw['minLength']));
  assign(node, 'maxLength', toNumber(raw['maxLength']));
  assign(node, 'pattern', pattern?.pattern);
  // Perl is the default: only the other dialects are written down.
  if (pattern !== undefined && pattern.syntax !== 'perl') node.patternSyntax = pattern.syntax;
  if (pattern !== undefined && !isSupportedPattern(pattern.pattern, pattern.syntax)) ctx.unrunnable.push(joinPointer(pointer, 'pattern'));
  assign(node, 'format', formatRef(raw['format'], joinPointer(pointer, 'format'), ctx));
  assign(node, 'formatDescription', text(raw['format_description']));
  assign(node, 'requires', text(raw['requires']));
  if (Array.isArray(raw['instance-types'])) node.instanceTypes = raw['instance-types'].map(String);
  assign(node, 'typeProperty', text(raw['type-property']));
  if (Array.isArray(raw['oneOf'])) {
    node.oneOf = raw['oneOf'].map((alt, i) => normalizeNode(alt, joinPointer(pointer, 'oneOf', i), ctx));
    // `type-property` sits on the node that holds the oneOf (e.g. "protocol" on SDN fabrics), not
    // on each variant: every variant is selected by that same property.
    const selector = node.typeProperty;
    if (selector !== undefined) for (const alt of node.oneOf) alt.typeProperty ??= selector;
  }
  if (raw['items'] !== undefined) node.items = normalizeNode(raw['items'], joinPointer(pointer, 'items'), ctx);
  if (isRecord(raw['properties'])) node.properties = namedSchemas(raw['properties'], joinPointer(pointer, 'properties'), ctx);
  const additional = raw['additionalProperties'];
  if (isRecord(additional)) node.additionalProperties = normalizeNode(additional, joinPointer(pointer, 'additionalProperties'), ctx);
  else if (additional !== undefined) node.additionalProperties = isTrue(additional);
  if (raw['optional'] !== undefined) node.optional = isTrue(raw['optional']);
  assign(node, 'renderer', text(raw['renderer']));
  if (Array.isArray(raw['links'])) {
    node.links = raw['links'].filter(isRecord).map((l) => ({ rel: String(l['rel'] ?? ''), href: String(l['href'] ?? '') }));
  }
  // No prototype: an unknown key named "__proto__" is kept like any other.
  const extra = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(raw).sort()) {
    if (!KNOWN_KEYS.has(key)) extra[key] = JSON.stringify(raw[key]) ?? 'undefined';
  }
  if (Object.keys(extra).length > 0) node.extra = extra;
  return node;
}

/** Typetext derivation shows the pattern as the model keeps it (a string, without PBS's slashes). */
function forTypetext(raw: Record<string, unknown>, pattern: SchemaPattern | undefined): RawSchema {
  if (raw['pattern'] === undefined || raw['pattern'] === pattern?.pattern) return raw;
  return { ...raw, pattern: pattern?.pattern };
}

function typeName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' | ');
  return 'any';
}

function assign<K extends keyof SchemaNode>(node: SchemaNode, key: K, value: SchemaNode[K] | undefined): void {
  if (value !== undefined) node[key] = value;
}

function namedSchemas(raw: Record<string, unknown>, pointer: string, ctx: NodeContext): NamedSchema[] {
  return foldFamilies(raw)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, key, family, familyRange }) => {
      const named: NamedSchema = { name, schema: normalizeNode(raw[key], joinPointer(pointer, key), ctx) };
      // Only a named base is a family: an empty one (a key spelled "[n]") is not, as for parameters.
      if (family) named.family = family;
      if (familyRange) named.familyRange = familyRange;
      return named;
    });
}

function formatRef(raw: unknown, pointer: string, ctx: NodeContext): FormatRef | undefined {
  if (typeof raw === 'string') {
    const list = raw.endsWith('-list');
    const opt = raw.endsWith('-opt');
    const base = list ? raw.slice(0, -5) : opt ? raw.slice(0, -4) : raw;
    return { kind: 'named', name: raw, base, list, opt };
  }
  if (!isRecord(raw)) return undefined;
  if (isWholeSchema(raw)) {
    // proxmox-schema (PBS): the format is the property string's own schema.
    if (raw['type'] === 'array' && raw['items'] !== undefined) {
      const list: Extract<FormatRef, { kind: 'list' }> = {
        kind: 'list',
        item: normalizeNode(raw['items'], joinPointer(pointer, 'items'), ctx),
      };
      const min = toNumber(raw['minLength']);
      const max = toNumber(raw['maxLength']);
      if (min !== undefined) list.minLength = min;
      if (max !== undefined) list.maxLength = max;
      return list;
    }
    const properties = isRecord(raw['properties']) ? raw['properties'] : {};
    const defaultKey = text(raw['default_key']);
    return { kind: 'inline', keys: propertyKeys(properties, joinPointer(pointer, 'properties'), ctx, defaultKey) };
  }
  return { kind: 'inline', keys: propertyKeys(raw, pointer, ctx) };
}

/**
 * A Perl format is a map from key to key schema; a proxmox-schema format is a schema itself, with
 * a string `type` (in a key map, a key named "type" has a schema object as its value).
 */
function isWholeSchema(raw: Record<string, unknown>): boolean {
  return typeof raw['type'] === 'string';
}

/**
 * The keys of a property string, default key first, then required, then optional, each by name.
 * `defaultKeyName`: proxmox-schema names the default key on the object schema instead of
 * flagging it on the key.
 */
export function propertyKeys(raw: Record<string, unknown>, pointer: string, ctx: NodeContext, defaultKeyName?: string): PropertyKey[] {
  const keys = Object.keys(raw).map((name): PropertyKey => {
    const schema = raw[name];
    const r = isRecord(schema) ? schema : {};
    return {
      name,
      defaultKey: isTrue(r['default_key']) || name === defaultKeyName,
      // An alias only names another key (volume= for file=, virtio= for model+macaddr): never required itself.
      required: !isTrue(r['optional']) && typeof r['alias'] !== 'string',
      alias: text(r['alias']) ?? null,
      keyAlias: text(r['keyAlias']) ?? null,
      schema: normalizeNode(schema, joinPointer(pointer, name), ctx),
    };
  });
  typeAliases(keys);
  const rank = (k: PropertyKey): number => (k.defaultKey ? 0 : k.required ? 1 : 2);
  return keys.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * An alias key's schema is usually just `{alias: "file"}` (plus a description): its value is the
 * aliased key's value, so it takes that key's type, synopsis, format and constraints. What the
 * alias says itself (its description) wins.
 */
function typeAliases(keys: PropertyKey[]): void {
  const byName = new Map(keys.map((k) => [k.name, k]));
  for (const key of keys) {
    if (key.alias === null || key.schema.type !== 'any') continue;
    const target = byName.get(key.alias);
    if (!target || target.alias !== null) continue;
    const own = key.schema;
    const { pointer: _pointer, description: _description, verboseDescription: _verbose, extra: _extra, ...typed } = target.schema;
    key.schema = { ...typed, pointer: own.pointer };
    if (own.description !== undefined) key.schema.description = own.description;
    if (own.verboseDescription !== undefined) key.schema.verboseDescription = own.verboseDescription;
    if (own.extra) key.schema.extra = own.extra;
  }
}
