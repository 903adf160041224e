/**
 * Questions every reader asks of a named format, answered once. `model.formats` is built with a
 * null prototype, but a model that crossed a worker thread or was reloaded from model.json has an
 * ordinary one again, so lookups take own keys only: a format named "constructor" or "__proto__"
 * must never find Object.prototype's members.
 */
import type { ApiModel, FormatDef, FormatRef, PropertyKey, SchemaNode } from './types.js';

export function formatDef(formats: Record<string, FormatDef>, name: string): FormatDef | undefined {
  return Object.hasOwn(formats, name) ? formats[name] : undefined;
}

/** The keys of a property-string format: inline, or named via the registry (full name, then the name without -list/-opt). */
export function formatKeys(model: ApiModel, format: FormatRef | undefined): PropertyKey[] | null {
  if (!format) return null;
  if (format.kind === 'inline') return format.keys;
  if (format.kind === 'list') return null;
  const def = formatDef(model.formats, format.name) ?? formatDef(model.formats, format.base);
  return def?.kind === 'property-string' ? def.keys : null;
}

/** The keys of the property string a schema node carries, if known. */
export function propertyStringKeys(node: SchemaNode, model: ApiModel): PropertyKey[] | null {
  return formatKeys(model, node.format);
}
