/** Builders for hand-made model nodes in unit tests: each fills the fields a test does not care about. */
import type { FormatRef, PropertyKey, SchemaNode } from '../../generator/model/types.js';

export function schema(type: string, extra: Partial<SchemaNode> = {}): SchemaNode {
  return { pointer: '', type, synopsis: `<${type}>`, ...extra };
}

/** A named format reference, with `-list` / `-opt` read off the name as the normalizer does. */
export function named(name: string): FormatRef {
  const list = name.endsWith('-list');
  const opt = name.endsWith('-opt');
  return { kind: 'named', name, base: list ? name.slice(0, -5) : opt ? name.slice(0, -4) : name, list, opt };
}

export function key(name: string, s: SchemaNode, opts: Partial<PropertyKey> = {}): PropertyKey {
  return { name, defaultKey: false, required: false, alias: null, keyAlias: null, schema: s, ...opts };
}
