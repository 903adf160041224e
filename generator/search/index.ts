/**
 * The search index, built at build time from the normalized model only, serialized into
 * `assets/search-index.js`: a classic script that assigns the index to a global. No fetch(), no
 * module, no worker: it loads from file:// as well as over HTTP, and the page loads it lazily, the
 * first time the search box is used.
 *
 * Two kinds of documents, ranked together: one per operation, and one per parameter of each
 * operation (path parameters left out), so that "start at boot" can land on the `onboot` row of
 * the config call. The vocabulary (vocabulary.json) travels inside the payload, so every consumer
 * of the index ranks with the same words.
 *
 * The output is deterministic: documents are added in model order and MiniSearch serializes its
 * maps in insertion order, so the same model gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { fieldSummary } from '../document/fields.js';
import { formatKeys } from '../model/formats.js';
import type { ApiModel, ApiPath, Operation, Parameter, PropertyKey, SchemaNode } from '../model/types.js';
import {
  compileTerms,
  INDEX_FORMAT,
  INDEX_GLOBAL,
  indexOptions,
  indexTermFn,
  NAME_FIELDS,
  type SearchField,
  type SearchIndexData,
  tokenize,
  type Vocabulary,
} from './terms.js';
import { jsonForScript } from '../text/script-json.js';
import { ScriptIndex } from './script-index.js';
import { readVocabulary } from './vocabulary.js';
import { DIGITS, trimEnd } from '../text/trim.js';

export const SEARCH_INDEX_FILE = 'assets/search-index.js';

/** One indexed unit: an operation or a parameter of one. Unset fields are simply not indexed. */
export type SearchDocument = { id: number } & Partial<Record<SearchField, string>> & {
    method?: string;
    path?: string;
    summary?: string;
    file?: string;
    anchor?: string;
    /** Parameter documents: the ids of their operations' documents and the row anchor on each. */
    ops?: number[];
    anchors?: string[];
    /** Parameter documents: the parameter's name and the first sentence of its description. */
    param?: string;
    text?: string;
  };

export function searchDocuments(model: ApiModel, vocabulary: Vocabulary): SearchDocument[] {
  const ops: SearchDocument[] = [];
  // The same parameter (name, description and keys alike) recurs on several operations, e.g. the
  // create and the two config calls of a VM: one document for all of them keeps the index small;
  // the ranking expands it into one hit per operation.
  const params = new Map<string, { doc: SearchDocument; context: string[] }>();
  const pending: { key: string; opDoc: SearchDocument; p: Parameter }[] = [];
  const names = model.product === 'pve' ? vocabulary.operations : (vocabulary.products[model.product]?.operations ?? {});
  for (const apiPath of model.paths) {
    const itemNames = apiPath.children.flatMap((c) => PARAM_SEGMENT.exec(c.slice(c.lastIndexOf('/') + 1))?.slice(1, 2) ?? []);
    for (const op of apiPath.operations) {
      const opDoc = operationDocument(ops.length, apiPath, op, itemNames, names);
      ops.push(opDoc);
      for (const p of op.parameters) if (p.location !== 'path') pending.push({ key: parameterKey(model, p), opDoc, p });
    }
  }
  const docs = [...ops];
  for (const { key, opDoc, p } of pending) {
    let entry = params.get(key);
    if (!entry) {
      entry = { doc: parameterDocument(docs.length, model, p, vocabulary), context: [] };
      params.set(key, entry);
      docs.push(entry.doc);
    }
    entry.doc.ops?.push(opDoc.id);
    entry.doc.anchors?.push(p.anchor);
    entry.context.push(...words(opDoc.pathWords));
  }
  for (const { doc, context } of params.values()) doc.context = unique(context).join(' ');
  addCompounds(docs);
  return docs;
}

/**
 * What makes two parameters the same searchable unit: name, description, property-string keys and
 * values, and the sentence a hit shows (it may come from verbose_description, which can differ
 * where the description does not).
 */
function parameterKey(model: ApiModel, p: Parameter): string {
  const keys = keysOf(model, p.schema).map((k) => `${k.name}=${k.schema.description ?? ''}`);
  return JSON.stringify([p.name, p.schema.description ?? '', keys, enumWords(p.schema), fieldSummary(p.schema)]);
}

const words = (text: string | undefined): string[] => tokenize(text ?? '').map((t) => t.toLowerCase());

const PARAM_SEGMENT = /^\{([^}]+)\}$/;

/**
 * `itemNames`: for a collection such as /nodes/{node}/network, the parameter naming one item ("iface").
 * `names`: what the product's interface calls its operations (vocabulary.json, per product).
 * The operation's own parameters are documents of their own, not words of the operation.
 */
function operationDocument(
  id: number,
  apiPath: ApiPath,
  op: Operation,
  itemNames: string[],
  names: Record<string, string>,
): SearchDocument {
  const key = `${op.method} ${apiPath.path}`;
  const literalSegments = apiPath.path.split('/').filter((s) => s !== '' && !s.startsWith('{'));
  return {
    id,
    method: op.method,
    path: apiPath.path,
    summary: op.summary,
    file: apiPath.file,
    anchor: op.anchor,
    name: op.name,
    // Unset when there is none: nothing indexed, nothing stored.
    ...(Object.hasOwn(names, key) ? { olabel: names[key] } : {}),
    section: apiPath.section,
    description: op.description,
    params: itemNames.join(' '),
    pathWords: literalSegments.join(' '),
    compounds: '',
  };
}

function parameterDocument(id: number, model: ApiModel, p: Parameter, vocabulary: Vocabulary): SearchDocument {
  const keys = keysOf(model, p.schema).filter((k) => k.alias === null);
  const description = p.schema.description ?? '';
  const base = p.family ?? p.name;
  return {
    id,
    ops: [],
    anchors: [],
    param: p.name,
    text: shortened(fieldSummary(p.schema)),
    pname: unique([base, p.name, trimEnd(p.name, DIGITS)]).join(' '),
    plabel: label(vocabulary, p.name, base),
    pkeys: keys.map((k) => k.name).join(' '),
    ptext: description,
    pkeytext: keys.map((k) => k.schema.description ?? '').join(' '),
    penum: enumWords(p.schema),
    context: '',
    compounds: '',
  };
}

/**
 * The values a parameter takes, when the schema lists them ("reboot shutdown" for the node's
 * `command`): a task names the value ("shut down the host"), not the parameter. Long lists
 * (keyboard layouts, time zones) say little about the parameter and are left out.
 */
function enumWords(schema: SchemaNode): string {
  const values = schema.enum ?? schema.items?.enum ?? [];
  return values.length > 0 && values.length <= MAX_ENUM ? values.join(' ') : '';
}

const MAX_ENUM = 16;

/** The web interface's name for a parameter: by name, family base, or name without its number ("efidisk0"). */
function label(vocabulary: Vocabulary, name: string, base: string): string {
  const own = (key: string): string | undefined => (Object.hasOwn(vocabulary.labels, key) ? vocabulary.labels[key] : undefined);
  return own(name) ?? own(base) ?? own(trimEnd(name, DIGITS)) ?? '';
}

/** A result line's width: longer sentences are shortened for display (the page has them whole). */
const MAX_TEXT = 110;

/**
 * The sentence as a search result shows it: cut to MAX_TEXT characters at a word boundary. Which
 * sentence is the document layer's decision (fieldSummary, the parameter row's own); only the
 * width of a result line is decided here.
 */
function shortened(sentence: string): string {
  if (sentence.length <= MAX_TEXT) return sentence;
  const cut = sentence.slice(0, MAX_TEXT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}

/**
 * Identifiers glue words together in both directions: "vmlist", "onboot", "cpulimit" (a user
 * types "cpu limit"), and "get-host-name" (a user types "hostname"). The `compounds` field gets,
 * for each identifier token of `name`, `pathWords`, `params`, `pname` and `pkeys`:
 *  - its split into two words the corpus uses on their own ("vmlist" -> "vm list"), when the
 *    token itself never occurs in prose (prose words such as "timeout" or "remove" are real words,
 *    not glued identifiers) and both parts have at least 3 letters or are a known short word;
 *  - in `glued`, for `name` and `pathWords`, each adjacent pair written together ("host-name" ->
 *    "hostname"); a field of its own with a low weight, as most pairs ("statusstart") are noise.
 * Derived from the corpus alone, so it adapts to any schema; nothing here is query-specific.
 */
function addCompounds(docs: SearchDocument[]): void {
  const identifiers = (d: SearchDocument): string[] => [
    ...words(d.name),
    ...words(d.pathWords),
    ...words(d.params),
    ...words(d.pname),
    ...words(d.pkeys),
  ];
  const vocabulary = new Set<string>();
  const prose = new Set<string>();
  for (const d of docs) {
    for (const t of [...identifiers(d), ...words(d.summary)]) vocabulary.add(t);
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
    const glued: string[] = [];
    for (const field of ['name', 'pathWords'] as const) {
      const tokens = words(d[field]);
      for (let i = 0; i + 1 < tokens.length; i++) glued.push(`${tokens[i]}${tokens[i + 1]}`);
    }
    for (const token of identifiers(d)) {
      const parts = split(token);
      if (parts) out.push(parts);
    }
    d.compounds = unique(out).join(' ');
    if (glued.length > 0) d.glued = unique(glued).join(' ');
  }
}

const SHORT_WORDS = new Set(['vm', 'ct', 'ip', 'fs', 'id', 'os', 'on']);
const splitPart = (part: string): boolean => part.length >= 3 || SHORT_WORDS.has(part);

function keysOf(model: ApiModel, schema: SchemaNode): PropertyKey[] {
  return [...(formatKeys(model, schema.format) ?? []), ...(schema.items ? (formatKeys(model, schema.items.format) ?? []) : [])];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function createSearchIndex(docs: SearchDocument[], vocabulary: Vocabulary): ScriptIndex<SearchDocument> {
  const terms = compileTerms(vocabulary);
  const search = new ScriptIndex<SearchDocument>({ ...indexOptions(terms), processTerm: memoized(indexTermFn(terms)) });
  search.addAll(docs);
  return search;
}

type ProcessTerm = ReturnType<typeof indexTermFn>;

/**
 * The term function remembers its answers while one index is built: PVE 9.1 has 34,895 tokens
 * of 3,798 distinct words, and each answer costs a Porter stem and a small array. Per field kind,
 * as the answer differs between name fields and prose (terms.ts NAME_FIELDS). MiniSearch only
 * reads the arrays it gets back, so one may be handed out many times.
 */
function memoized(processTerm: ProcessTerm): ProcessTerm {
  const names = new Map<string, ReturnType<ProcessTerm>>();
  const prose = new Map<string, ReturnType<ProcessTerm>>();
  return (term, field) => {
    const memo = field === undefined || NAME_FIELDS.has(field) ? names : prose;
    let processed = memo.get(term);
    if (processed === undefined) {
      processed = processTerm(term, field);
      memo.set(term, processed);
    }
    return processed;
  };
}

/** The vocabulary the ranking reads, as the index carries it (the labels went into the documents). */
function rankingVocabulary(vocabulary: Vocabulary): SearchIndexData['vocabulary'] {
  const { labels: _labels, operations: _operations, products: _products, ...ranking } = vocabulary;
  return ranking;
}

export function searchIndexData(model: ApiModel, vocabulary: Vocabulary = readVocabulary()): SearchIndexData {
  return {
    format: INDEX_FORMAT,
    vocabulary: rankingVocabulary(vocabulary),
    index: createSearchIndex(searchDocuments(model, vocabulary), vocabulary).toJSON(),
  };
}

/**
 * The index as a classic script: `window.__pveApidocSearch = {...};`. Nothing from the schema or
 * the options enters it except inside the JSON (string literals): the header comment is fixed text
 * (it once carried the title, and `--title '*\/alert(1)/*'` ran as script). The same bytes as
 * `jsonForScript(searchIndexData(model))`, serialized once, straight from the index (script-index.ts).
 */
export function searchIndexScript(model: ApiModel, vocabulary: Vocabulary = readVocabulary()): string {
  const index = createSearchIndex(searchDocuments(model, vocabulary), vocabulary).toScriptJson();
  const data = `{"format":${INDEX_FORMAT},"vocabulary":${jsonForScript(rankingVocabulary(vocabulary))},"index":${index}}`;
  return `/* pve-apidoc search index */\nwindow.${INDEX_GLOBAL}=${data};\n`;
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
