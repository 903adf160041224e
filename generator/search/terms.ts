/**
 * How text becomes search terms — the ONE place that decides it, shared by the index builder
 * (generator/search/index.ts, at build time in Node) and the search box (site/src/search-ui.ts, in
 * the browser). Both import this file, so a word is always processed the same way on both sides.
 * Keep it free of Node and DOM APIs (it is compiled for both) and of ES2021+ library calls.
 *
 * Pipeline for every token: lowercase -> drop stop words -> light plural stemming -> synonyms.
 *
 * Synonyms: each group maps words users type to the word the schema uses (the canonical term,
 * first in the group). At index time a document containing a synonym gets both the word itself
 * and its canonical term (so prefix search on a half-typed "contai" still finds "container"); at
 * query time a complete synonym is replaced by its canonical term. "vm" therefore finds the
 * /qemu paths and the "vm_*" method names alike, and "ct" finds "lxc". Add a group only when it
 * measurably helps the tuning half of test/search/queries.ts, and keep the held-out half honest.
 * Measured on the tuning half (74 queries, top 3 / MRR@10): all groups 98.6% / 0.914; without
 * any 94.6% / 0.833; without qemu 97.3% / 0.885, lxc 95.9% / 0.881, delete 97.3% / 0.901,
 * create 97.3% / 0.903, list 98.6% / 0.898. An "interface"/"iface" group made no difference and
 * was dropped, as was a field of method words ("create add" for POST).
 */
import type { Options, SearchOptions } from 'minisearch';

/** The indexed text fields of a search document, and how much a match in each one counts. */
export const FIELD_BOOSTS = {
  /** Literal path segments ("nodes qemu status start"; path parameters are left out). */
  pathWords: 3,
  /** The schema's method name ("vm_start"). */
  name: 2,
  summary: 2,
  /** Parameter names, including the keys of property strings ("net macaddr bridge"). */
  params: 1.5,
  /** Glued identifiers split ("vmlist" -> "vm list") and split ones glued ("host-name" -> "hostname"). */
  compounds: 1,
  /** The top-level section ("nodes", "cluster"). */
  section: 0.5,
  description: 0.5,
  /** Parameter descriptions. */
  paramText: 0.2,
} as const;

export type SearchField = keyof typeof FIELD_BOOSTS;
export const SEARCH_FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

/** What the results list needs; nothing else is stored in the index. */
export const STORE_FIELDS = ['method', 'path', 'summary', 'file', 'anchor'] as const;

export interface StoredResult {
  method: string;
  path: string;
  summary: string;
  /** Page file relative to the site root, e.g. "api/nodes/_node/qemu/index.html". */
  file: string;
  /** Anchor id of the operation on that page, e.g. "post". */
  anchor: string;
}

/** Groups of words meaning the same thing here; the first word is the one the schema uses. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Plurals of words of three letters or less are listed, the stemmer leaves short words alone.
  ['qemu', 'vm', 'vms', 'kvm'],
  ['lxc', 'container', 'ct', 'cts'],
  ['delete', 'remove', 'destroy', 'del', 'rm'],
  ['create', 'add', 'new'],
  // Many list operations are summarized as "X index."
  ['list', 'index'],
];

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'on',
  'in',
  'for',
  'and',
  'or',
  'by',
  'from',
  'with',
  'is',
  'are',
  'be',
  'it',
  'its',
  'this',
  'that',
  'as',
  'at',
  'how',
  'do',
  'i',
  'my',
]);

const CANONICAL: Record<string, string> = Object.create(null) as Record<string, string>;
for (const group of SYNONYM_GROUPS) {
  const canonical = stem(group[0] ?? '');
  for (const word of group.slice(1)) CANONICAL[stem(word)] = canonical;
}

/**
 * A light plural stemmer (Harman's "S" stemmer): "rules" -> "rule", "entries" -> "entry",
 * "interfaces" -> "interface", "status" and "access" stay. Short words are left alone ("dns").
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Splits text into raw tokens: runs of letters and digits. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

function base(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  return stem(lower);
}

/** Index time: the stemmed word, plus its canonical synonym when it has one. */
export function indexTerm(term: string): string | string[] | null {
  const word = base(term);
  if (word === null) return null;
  const canonical = CANONICAL[word];
  return canonical ? [word, canonical] : word;
}

/** Query time: the stemmed word, or its canonical synonym. */
export function queryTerm(term: string): string | null {
  const word = base(term);
  if (word === null) return null;
  return CANONICAL[word] ?? word;
}

/** Ranking options; used unchanged by the browser and by the relevance tests. */
export const SEARCH_OPTIONS: SearchOptions = {
  boost: { ...FIELD_BOOSTS },
  processTerm: queryTerm,
  tokenize,
  // Every term may be a prefix (results while typing, "snap" -> "snapshot"), typos are forgiven
  // from five letters on: one edit up to 7 letters, two from 8 ("snapshto" -> "snapshot").
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
  weights: { fuzzy: 0.3, prefix: 0.4 },
  combineWith: 'OR',
  boostDocument: (_id, _term, stored) => documentPrior(String(stored?.['method']), String(stored?.['path'])),
};

/**
 * Query-independent prior: when a query names no verb, users mostly want to read, and a list
 * (collection) before one item: GET slightly over the rest, collections slightly over items.
 */
export function documentPrior(method: string, path: string): number {
  return (method === 'GET' ? 1.1 : 1) * (path.endsWith('}') ? 0.92 : 1);
}

/** MiniSearch constructor options; the same object must be passed when the index is loaded. */
export const INDEX_OPTIONS: Options = {
  idField: 'id',
  fields: SEARCH_FIELDS,
  storeFields: [...STORE_FIELDS],
  tokenize,
  processTerm: indexTerm,
  searchOptions: SEARCH_OPTIONS,
};

/** The global the index script assigns to (a classic script, so it also loads from file://). */
export const INDEX_GLOBAL = '__pveApidocSearch';
/** Format version of the index script's payload; bump on incompatible changes. */
export const INDEX_FORMAT = 1;
