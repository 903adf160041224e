/**
 * Schema nodes -> view data for tables: the type synopsis, constraints in words, defaults, and
 * nested fields (object properties, array items, property-string keys) to any depth.
 * All strings that end in "Html" are safe HTML; everything from the schema is escaped here.
 */
import type { ApiModel, FormatDef, PropertyKey, SchemaNode } from '../model/types.js';
import { propertyStringKeys } from '../model/formats.js';
import { describeConstraints, renderPhrase } from '../document/constraints.js';
import { clipText, escapeHtml, MAX_SHOWN } from './escape.js';
import type { MarkdownRenderer } from './markdown.js';

export interface FieldView {
  name: string;
  /** "required", "optional" or "" (not applicable). */
  presence: string;
  typeHtml: string;
  defaultHtml: string;
  constraintsHtml: string[];
  descriptionHtml: string;
  notesHtml: string[];
  /** Nested fields (object properties or property-string keys); null when there are none. */
  fields: FieldView[] | null;
  /** A caption for the nested table ("Property string keys", "Each item"). */
  fieldsCaption: string;
}

export interface SchemaViewContext {
  model: ApiModel;
  md: MarkdownRenderer;
}

export function code(text: unknown): string {
  return `<code>${escapeHtml(clipText(text === undefined || text === null ? '' : String(text), MAX_SHOWN.code))}</code>`;
}

export function typeHtml(node: SchemaNode): string {
  return code(node.synopsis || `<${node.type}>`);
}

export function defaultHtml(node: SchemaNode): string {
  if (node.default === undefined) return '';
  const value = typeof node.default === 'string' ? node.default : JSON.stringify(node.default);
  return code(value);
}

export function constraintsHtml(node: SchemaNode, ctx: SchemaViewContext): string[] {
  void ctx;
  return describeConstraints(node).map((phrase) => renderPhrase(phrase, escapeHtml, code));
}

/** A sentence on a named format that we cannot expand, so the reader knows why no sub-table appears. */
export function formatNoteHtml(node: SchemaNode, model: ApiModel): string | null {
  const format = node.format;
  if (format?.kind !== 'named' || propertyStringKeys(node, model)) return null;
  if (!looksLikePropertyString(node)) return null;
  if (!model.hasFormatRegistry) {
    return `Property string of format ${code(format.name)}: this schema does not publish its keys (build from the reference dump or pass <code>--formats</code> to list them).`;
  }
  return null;
}

/**
 * A named format that the schema says nothing else about (the viewer dump gives e.g.
 * `pve-qm-hostpci` with no typetext): without a registry we cannot tell what the value looks like,
 * and we say so rather than leave the reader guessing.
 */
export function unknownFormatNoteHtml(node: SchemaNode, model: ApiModel): string | null {
  const format = node.format;
  if (format?.kind !== 'named' || model.hasFormatRegistry || node.typetext !== undefined) return null;
  if (node.synopsis !== '<string>' || node.formatDescription || node.pattern || node.enum) return null;
  return `The schema describes format ${code(format.name)} only by name; if it is a property string, build from the reference dump or with <code>--formats</code> to list its keys.`;
}

/** A named format whose synopsis shows key=value pairs is a property string. */
function looksLikePropertyString(node: SchemaNode): boolean {
  return /\[,?[a-z0-9_-]+=/i.test(node.synopsis) || /^\[[a-z0-9_-]+=\]/i.test(node.synopsis);
}

export function propertyKeyFields(keys: PropertyKey[], ctx: SchemaViewContext, depth: number): FieldView[] {
  return keys.map((key) => {
    const notes: string[] = [];
    if (key.defaultKey) notes.push(`Default key: the value may be given without ${code(key.name + '=')}.`);
    if (key.alias) notes.push(`Alias for ${code(key.alias)}.`);
    if (key.keyAlias)
      notes.push(`Key alias: written as ${code('<' + key.keyAlias + '>=<value>')} (the ${escapeHtml(key.keyAlias)} value is the key).`);
    return fieldView(key.name, key.required ? 'required' : 'optional', key.schema, ctx, depth + 1, notes);
  });
}

export function fieldView(
  name: string,
  presence: string,
  node: SchemaNode,
  ctx: SchemaViewContext,
  depth: number,
  notes: string[] = [],
): FieldView {
  const view: FieldView = {
    name,
    presence,
    typeHtml: typeHtml(node),
    defaultHtml: defaultHtml(node),
    constraintsHtml: constraintsHtml(node, ctx),
    descriptionHtml: ctx.md.block(node.verboseDescription ?? node.description),
    notesHtml: [...notes],
    fields: null,
    fieldsCaption: '',
  };
  if (node.title && node.title !== name) view.notesHtml.unshift(`<strong>${escapeHtml(node.title)}</strong>`);
  if (node.requires) view.notesHtml.push(`Only valid together with ${code(node.requires)}.`);
  if (node.extra) {
    for (const [key, value] of Object.entries(node.extra)) view.notesHtml.push(`${code(key)}: ${code(value)}`);
  }
  const formatNote = formatNoteHtml(node, ctx.model) ?? unknownFormatNoteHtml(node, ctx.model);
  if (formatNote) view.notesHtml.push(formatNote);
  // Depth cap: real returns nest 4-5 levels; the cap only guards against pathological input.
  if (depth > 12) return view;
  const keys = propertyStringKeys(node, ctx.model);
  if (keys && keys.length > 0) {
    view.fields = propertyKeyFields(keys, ctx, depth);
    view.fieldsCaption = 'Property string keys (key=value, separated by commas)';
  } else if (node.properties && node.properties.length > 0) {
    view.fields = node.properties.map((p) => fieldView(p.name, p.schema.optional ? 'optional' : '', p.schema, ctx, depth + 1));
    view.fieldsCaption = 'Properties';
  } else if (node.items && (node.items.properties?.length || propertyStringKeys(node.items, ctx.model))) {
    view.fields = [fieldView('[item]', '', node.items, ctx, depth + 1)];
    view.fieldsCaption = 'Each item';
  }
  return view;
}
