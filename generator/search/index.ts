/**
 * The search index, built at build time from the normalized model only: one MiniSearch document
 * per operation, serialized into `assets/search-index.js`, a classic script that assigns the index
 * to a global. No fetch(), no module, no worker: it loads from file:// as well as over HTTP, and
 * the page loads it lazily, the first time the search box is used.
 *
 * The output is deterministic: documents are added in model order and MiniSearch serializes its
 * maps in insertion order, so the same model gives the same bytes.
 */
import MiniSearch from 'minisearch';
import type { ApiModel, ApiPath, FormatRef, Operation, Parameter, SchemaNode } from '../model/types.js';
import { INDEX_FORMAT, INDEX_GLOBAL, INDEX_OPTIONS, METHOD_WORDS, type SearchField, type StoredResult } from './terms.js';

export const SEARCH_INDEX_FILE = 'assets/search-index.js';

export type SearchDocument = { id: number } & StoredResult & Record<SearchField, string>;

/** The payload of the index script. */
export interface SearchIndexData {
  format: number;
  /** MiniSearch's own serialization (MiniSearch#toJSON), loaded with MiniSearch.loadJS. */
  index: unknown;
}

export function searchDocuments(model: ApiModel): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const apiPath of model.paths) {
    const itemNames = apiPath.children.flatMap((c) => (PARAM_SEGMENT.exec(c.slice(c.lastIndexOf('/') + 1))?.slice(1, 2) ?? []));
    for (const op of apiPath.operations) docs.push(searchDocument(docs.length, model, apiPath, op, itemNames));
  }
  return docs;
}

const PARAM_SEGMENT = /^\{([^}]+)\}$/;

/** `itemNames`: for a collection such as /nodes/{node}/network, the parameter naming one item ("iface"). */
function searchDocument(id: number, model: ApiModel, apiPath: ApiPath, op: Operation, itemNames: string[]): SearchDocument {
  const literalSegments = apiPath.path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
  return {
    id,
    method: op.method,
    path: apiPath.path,
    summary: op.summary,
    file: apiPath.file,
    anchor: op.anchor,
    // Indexed text.
    name: op.name,
    verb: METHOD_WORDS[op.method] ?? '',
    section: apiPath.section,
    description: op.description,
    params: unique([...op.parameters.flatMap((p) => [p.family ?? p.name, ...formatKeyNames(model, p.schema)]), ...itemNames]).join(' '),
    paramText: op.parameters.map(paramText).join(' '),
    pathWords: literalSegments.join(' '),
  };
}

function paramText(p: Parameter): string {
  return p.schema.description ?? '';
}

function formatKeyNames(model: ApiModel, schema: SchemaNode): string[] {
  const names = keysOf(model, schema.format);
  if (schema.items) names.push(...keysOf(model, schema.items.format));
  return names;
}

function keysOf(model: ApiModel, format: FormatRef | undefined): string[] {
  if (!format) return [];
  if (format.kind === 'inline') return format.keys.map((k) => k.name);
  const def = model.formats[format.base] ?? model.formats[format.name];
  return def?.kind === 'property-string' ? def.keys.map((k) => k.name) : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export function createSearchIndex(docs: SearchDocument[]): MiniSearch<SearchDocument> {
  const search = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  search.addAll(docs);
  return search;
}

export function searchIndexData(model: ApiModel): SearchIndexData {
  return { format: INDEX_FORMAT, index: createSearchIndex(searchDocuments(model)).toJSON() };
}

/** The index as a classic script: `window.__pveApidocSearch = {...};`. */
export function searchIndexScript(model: ApiModel): string {
  const json = JSON.stringify(searchIndexData(model))
    // Keep the script safe to inline or concatenate: no "</script" and no JS line terminators.
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `/* pve-apidoc search index: ${model.title} */\nwindow.${INDEX_GLOBAL}=${json};\n`;
}
