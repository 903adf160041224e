/**
 * A schema node as a documented field, once for every output: its type synopsis, default,
 * constraints in words, notes and nested fields (property-string keys, variants, object
 * properties, array items) to a fixed depth. The HTML tables and the Markdown tables are two
 * layouts of this one tree.
 */
import { propertyStringKeys } from '../model/formats.js';
import { summarize } from '../model/normalize.js';
import type { ApiModel, NamedSchema, PropertyKey, SchemaNode } from '../model/types.js';
import { describeConstraints, type Direction } from './constraints.js';
import { FIELD_DEPTH } from './limits.js';
import type { Note } from './notes.js';
import type { Phrase } from './phrase.js';
import { impliedType, isImpliedType } from './shape.js';

/** "required", "optional" or "" (not applicable: returned fields, variants). */
export type Presence = 'required' | 'optional' | '';

export interface FieldDoc {
  name: string;
  presence: Presence;
  node: SchemaNode;
  /** The one-line synopsis, or `<type>` when the schema gives none. */
  type: string;
  /** The default as shown (strings verbatim, anything else as JSON), or null. */
  default: string | null;
  /** The schema's description (Markdown written by the schema author), or "". */
  description: string;
  /**
   * The description's first sentence (Markdown, one line), or "": what a folded parameter row
   * shows beside its name, so that a reader scanning 88 rows learns what each does without opening it.
   */
  summary: string;
  constraints: Phrase[];
  notes: Note[];
  nested: Nested | null;
}

export type Nested =
  | { kind: 'property-keys'; fields: FieldDoc[] }
  | { kind: 'variants'; fields: FieldDoc[] }
  | { kind: 'properties'; fields: FieldDoc[] }
  | { kind: 'items'; item: FieldDoc };

export function fieldDoc(
  name: string,
  presence: Presence,
  node: SchemaNode,
  model: ApiModel,
  depth: number,
  notes: Note[] = [],
  direction: Direction = 'request',
): FieldDoc {
  const description = fieldDescription(node);
  const doc: FieldDoc = {
    name,
    presence,
    node,
    type: shownType(node),
    default: defaultText(node),
    description,
    summary: summaryOf(description),
    constraints: describeConstraints(node, direction, model.product === 'pbs'),
    notes: [
      ...(node.title && node.title !== name ? [{ kind: 'title', title: node.title } as const] : []),
      ...notes,
      ...nodeNotes(node, model),
    ],
    nested: null,
  };
  if (depth <= FIELD_DEPTH) doc.nested = nested(node, model, depth, direction);
  return doc;
}

/**
 * The synopsis, and for a bare array without an official typetext its items' type too: a returns
 * section that lists an item's fields directly would otherwise never say that the items are objects.
 * A node without a type whose structure makes it an object or an array (document/shape.ts) shows
 * that, not the `<string>` Perl's typetext rules would give it.
 */
function shownType(node: SchemaNode): string {
  const implied = node.typetext === undefined && isImpliedType(node) ? impliedType(node) : null;
  const type = implied ? `<${implied}>` : node.synopsis || `<${node.type}>`;
  const item = impliedType(node) === 'array' ? node.items : undefined;
  if (type !== '<array>' || node.typetext !== undefined || !item) return type;
  const itemType = impliedType(item);
  return ['', 'any', 'array'].includes(itemType) ? type : `<array of ${itemType}>`;
}

/**
 * `verbose_description` adds to `description` (it often repeats it first): both are shown, the
 * short text first, unless the long one already begins with it.
 */
export function fieldDescription(node: SchemaNode): string {
  const short = node.description?.trim() ?? '';
  const long = node.verboseDescription?.trim() ?? '';
  if (!long || long === short) return short;
  if (!short || long.startsWith(short)) return long;
  return `${short}\n\n${long}`;
}

/**
 * What a folded row shows beside a field's name (FieldDoc.summary): the first sentence of the
 * field's description, by the one rule operations use for their summary (model/normalize.ts).
 * Exported for the search index, whose parameter hits show the same sentence.
 */
export function fieldSummary(node: SchemaNode): string {
  return summaryOf(fieldDescription(node));
}

function summaryOf(description: string): string {
  return description ? summarize(description) : '';
}

function defaultText(node: SchemaNode): string | null {
  if (node.default === undefined) return null;
  return typeof node.default === 'string' ? node.default : (JSON.stringify(node.default) ?? String(node.default));
}

/** Notes that follow from the node itself (after the caller's own notes). */
function nodeNotes(node: SchemaNode, model: ApiModel): Note[] {
  const notes: Note[] = [];
  if (node.requires) notes.push({ kind: 'requires', other: node.requires });
  if (node.extra) for (const [key, value] of Object.entries(node.extra)) notes.push({ kind: 'extra', key, value });
  if (isImpliedType(node)) notes.push({ kind: 'implied-type', type: impliedType(node), by: impliedBy(node) });
  if (impliedType(node) === 'object' && typeof node.additionalProperties === 'boolean') {
    notes.push({ kind: 'additional-properties', allowed: node.additionalProperties });
  }
  if (node.format?.kind === 'list') notes.push({ kind: 'list-format' });
  const format = node.format;
  if (format?.kind === 'named' && !model.hasFormatRegistry && !propertyStringKeys(node, model)) {
    if (looksLikePropertyString(node)) notes.push({ kind: 'format-keys-unpublished', format: format.name });
    else if (describedByNameOnly(node)) notes.push({ kind: 'format-unknown', format: format.name });
  }
  return notes;
}

function impliedBy(node: SchemaNode): 'items' | 'properties' | 'additionalProperties' {
  return node.items ? 'items' : node.properties !== undefined ? 'properties' : 'additionalProperties';
}

/** A named format whose synopsis shows key=value pairs is a property string. */
function looksLikePropertyString(node: SchemaNode): boolean {
  return /\[,?[a-z0-9_-]+=/i.test(node.synopsis) || /^\[[a-z0-9_-]+=\]/i.test(node.synopsis);
}

/**
 * A named format that the schema says nothing else about (the viewer dump gives e.g.
 * `pve-qm-hostpci` with no typetext): without a registry we cannot tell what the value looks like,
 * and we say so rather than leave the reader guessing.
 */
function describedByNameOnly(node: SchemaNode): boolean {
  return node.typetext === undefined && node.synopsis === '<string>' && !node.formatDescription && !node.pattern && !node.enum;
}

function nested(node: SchemaNode, model: ApiModel, depth: number, direction: Direction): Nested | null {
  if (node.oneOf?.length) {
    return {
      kind: 'variants',
      fields: node.oneOf.map((alt, i) => fieldDoc(variantLabel(alt, node, i), '', alt, model, depth + 1, [], direction)),
    };
  }
  const keys = propertyStringKeys(node, model);
  if (keys && keys.length > 0) return { kind: 'property-keys', fields: keyDocs(keys, model, depth + 1, direction) };
  const format = node.format;
  // A list property string (proxmox-schema): its element is documented like an array's.
  if (format?.kind === 'list') return { kind: 'items', item: fieldDoc('[item]', '', format.item, model, depth + 1, [], direction) };
  const fields = (node.properties ?? []).map((p) => propertyDoc(p, '', model, depth + 1, direction));
  // A map: every other key holds a value of this schema (`tokens` of a user: comment, expire, privsep).
  if (typeof node.additionalProperties === 'object') {
    fields.push(fieldDoc('[any other key]', '', node.additionalProperties, model, depth + 1, [{ kind: 'map-value' }], direction));
  }
  if (fields.length > 0) return { kind: 'properties', fields };
  // An array's element schema is always shown: its type, enum, format and range are the array's contents.
  if (node.items) return { kind: 'items', item: fieldDoc('[item]', '', node.items, model, depth + 1, [], direction) };
  return null;
}

function variantLabel(alt: SchemaNode, parent: SchemaNode, index: number): string {
  return alt.instanceTypes?.length
    ? `when ${alt.typeProperty ?? parent.typeProperty ?? 'type'} = ${alt.instanceTypes.join(' | ')}`
    : `variant ${index + 1}`;
}

/**
 * Real keys first, then the aliases (keys that only name another key, e.g. net's model names
 * `virtio=MAC`), each group in model order. A key alias is explained once, on the first such row;
 * the others say which key they stand for.
 */
function keyDocs(keys: PropertyKey[], model: ApiModel, depth: number, direction: Direction): FieldDoc[] {
  const isAlias = (k: PropertyKey): boolean => k.alias !== null || k.keyAlias !== null;
  const explained = new Set<string>();
  return [...keys.filter((k) => !isAlias(k)), ...keys.filter(isAlias)].map((key) => {
    const notes: Note[] = [];
    if (key.defaultKey) notes.push({ kind: 'default-key', key: key.name });
    if (key.alias) notes.push({ kind: 'alias', of: key.alias });
    if (key.keyAlias && !explained.has(key.keyAlias)) {
      explained.add(key.keyAlias);
      notes.push({ kind: 'key-alias', alias: key.keyAlias });
    }
    return fieldDoc(key.name, key.required ? 'required' : 'optional', key.schema, model, depth, notes, direction);
  });
}

function propertyDoc(prop: NamedSchema, prefix: string, model: ApiModel, depth: number, direction: Direction): FieldDoc {
  const name = prefix + prop.name;
  const notes: Note[] = prop.familyRange ? [{ kind: 'family-members', name, range: prop.familyRange }] : [];
  notes.push(...instanceTypesNotes(prop.schema));
  return fieldDoc(prop.name, prop.schema.optional ? 'optional' : '', prop.schema, model, depth, notes, direction);
}

/**
 * A type-dependent parameter or returned field (`instance-types`, SDN fabrics' `area` for
 * `protocol` = ospf): the note that says when it applies. Variants carry the same in their label.
 */
export function instanceTypesNotes(node: SchemaNode): Note[] {
  return node.instanceTypes?.length ? [{ kind: 'instance-types', selector: node.typeProperty ?? 'type', types: node.instanceTypes }] : [];
}

/**
 * The element of an array of objects, whose fields every output lists in the array's place (the
 * returns of a listing: "Each item: properties"), or null. Its own description, constraints and
 * notes are then said beside that list, not in a row of their own.
 */
export function flatItem(field: FieldDoc): FieldDoc | null {
  const n = field.nested;
  return n?.kind === 'items' && n.item.nested?.kind === 'properties' ? n.item : null;
}

/** Every field of the tree, depth first (the field itself first). */
export function* walkFields(field: FieldDoc): Generator<FieldDoc> {
  yield field;
  const n = field.nested;
  if (!n) return;
  if (n.kind === 'items') yield* walkFields(n.item);
  else for (const f of n.fields) yield* walkFields(f);
}
