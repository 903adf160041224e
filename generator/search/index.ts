/**
 * The search index, built at build time from the normalized model only: one MiniSearch document
 * per operation, serialized into `assets/search-index.js`, a classic script that assigns the index
 * to a global. No fetch(), no module, no worker: it loads from file:// as well as over HTTP, and
 * the page loads it lazily, the first time the search box is used.
 *
 * The output is deterministic: documents are added in model order and MiniSearch serializes its
 * maps in insertion order, so the same model gives the same bytes.
 */
import { formatKeys } from '../model/formats.js';
import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import type { ApiModel, ApiPath, FormatRef, Operation, Parameter, SchemaNode } from '../model/types.js';
import { INDEX_FORMAT, INDEX_GLOBAL, INDEX_OPTIONS, tokenize, type SearchField, type StoredResult } from './terms.js';

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
    const itemNames = apiPath.children.flatMap((c) => PARAM_SEGMENT.exec(c.slice(c.lastIndexOf('/') + 1))?.slice(1, 2) ?? []);
    for (const op of apiPath.operations) docs.push(searchDocument(docs.length, model, apiPath, op, itemNames));
  }
  addCompounds(docs);
  return docs;
}

/**
 * Identifiers glue words together in both directions: "vmlist", "startall", "rrddata" (a user
 * types "vm list"), and "get-host-name" (a user types "hostname"). The `compounds` field gets,
 * for each identifier token of `name`, `pathWords` and `params`:
 *  - its split into two words the corpus uses on their own ("vmlist" -> "vm list"), when the
 *    token itself never occurs in prose (prose words such as "timeout" or "remove" are real words,
 *    not glued identifiers) and both parts have at least 3 letters or are a known short word;
 *  - for `name` and `pathWords`, each adjacent pair written together ("host-name" -> "hostname").
 * Derived from the corpus alone, so it adapts to any schema; nothing here is query-specific.
 */
function addCompounds(docs: SearchDocument[]): void {
  const words = (text: string): string[] => tokenize(text).map((t) => t.toLowerCase());
  const vocabulary = new Set<string>();
  const prose = new Set<string>();
  for (const d of docs) {
    for (const t of [...words(d.name), ...words(d.pathWords), ...words(d.params), ...words(d.summary)]) vocabulary.add(t);
    for (const t of [...words(d.summary), ...words(d.description)]) prose.add(t);
  }
  const splitCache = new Map<string, string | null>();
  const split = (token: string): string | null => {
    let parts = splitCache.get(token);
    if (parts === undefined) {
      parts = null;
      if (!prose.has(token)) {
        for (let i = 2; i <= token.length - 2 && parts === null; i++) {
          const a = token.slice(0, i);
          const b = token.slice(i);
          if (splitPart(a) && splitPart(b) && vocabulary.has(a) && vocabulary.has(b)) parts = `${a} ${b}`;
        }
      }
      splitCache.set(token, parts);
    }
    return parts;
  };
  for (const d of docs) {
    const out: string[] = [];
    for (const field of ['name', 'pathWords'] as const) {
      const tokens = words(d[field]);
      for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]}${tokens[i + 1]}`);
    }
    for (const token of [...words(d.name), ...words(d.pathWords), ...words(d.params)]) {
      const parts = split(token);
      if (parts) out.push(parts);
    }
    d.compounds = unique(out).join(' ');
  }
}

const SHORT_WORDS = new Set(['vm', 'ct', 'ip', 'fs', 'id', 'os']);
const splitPart = (part: string): boolean => part.length >= 3 || SHORT_WORDS.has(part);

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
    section: apiPath.section,
    description: op.description,
    params: unique([...op.parameters.flatMap((p) => [p.family ?? p.name, ...formatKeyNames(model, p.schema)]), ...itemNames]).join(' '),
    paramText: op.parameters.map(paramText).join(' '),
    pathWords: literalSegments.join(' '),
    compounds: '',
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
  return (formatKeys(model, format) ?? []).map((k) => k.name);
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

/**
 * The index as a classic script: `window.__pveApidocSearch = {...};`. Nothing from the schema or
 * the options enters it except inside the JSON (string literals): the header comment is fixed text
 * (it once carried the title, and `--title '*\/alert(1)/*'` ran as script).
 */
export function searchIndexScript(model: ApiModel): string {
  return `/* pve-apidoc search index */\nwindow.${INDEX_GLOBAL}=${jsonForScript(searchIndexData(model))};\n`;
}

/** JSON that is safe anywhere in a script: no "</script" or "<!--", no JS line terminators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The index as an output file. Its cache-busting version also covers the search UI script
 * (`assets/search.js`), which the page derives from the index URL: a new UI or a new index both
 * change the `?v=` of both.
 */
export function searchIndexAsset(
  model: ApiModel,
  assetVersions: Record<string, string>,
): { file: string; content: string; version: string } {
  const content = searchIndexScript(model);
  const version = createHash('sha256')
    .update(content)
    .update(assetVersions['search.js'] ?? '')
    .digest('hex')
    .slice(0, 10);
  return { file: SEARCH_INDEX_FILE, content, version };
}
