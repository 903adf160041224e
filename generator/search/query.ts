/**
 * Loading and querying the serialized index: the ONE ranking, used by the search box
 * (site/src/search-ui.ts), by the relevance tests, and by any Node consumer (an MCP server, a CLI)
 * through `search(model, query, { limit, offset })`. No Node or DOM APIs here.
 *
 * A query is read in three ways at once:
 *  - as words: stop words dropped, plurals stemmed, synonyms (vocabulary.json) replaced by the
 *    schema's word (the index holds that word for every document with the synonym), phrases ("cloud init", "shut down") added as their one word, weak words counting less;
 *  - as intent: verbs name the wanted HTTP method ("set" -> PUT, "remove" -> DELETE, "list" -> GET)
 *    and list words ask for a collection, which raises matching documents;
 *  - as a path when it contains "/": the exact path first, then paths containing it.
 * Operation and parameter documents are ranked together by BM25 (MiniSearch) times a prior that
 * holds the intent, the kind of document and whether a path is a collection.
 */
import MiniSearch from 'minisearch';
import {
  compileTerms,
  FIELD_BOOSTS,
  INDEX_FORMAT,
  type IntentMethod,
  indexOptions,
  stem,
  type Terms,
  tokenize,
  type Vocabulary,
} from './terms.js';

export interface SearchHit {
  /** An operation, or one parameter row of an operation. */
  kind: 'operation' | 'parameter';
  method: string;
  path: string;
  /** The operation's summary. */
  summary: string;
  /** Page file relative to the site root, e.g. "api/nodes/_node/qemu/index.html". */
  file: string;
  /** Anchor on that page: the operation ("put") or the parameter's row ("put-onboot"). */
  anchor: string;
  /** Parameter hits: the parameter's name ("onboot", "net[n]") and the first sentence of its description. */
  param?: string;
  text?: string;
  score: number;
  /** The index words the query matched (stemmed, lowercase): what to highlight, and why it matched. */
  matched: string[];
}

export interface SearchResults {
  /** Number of matching documents (all of them, not only this page). */
  total: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  /** Hits to return (default 10); Infinity for all. */
  limit?: number;
  /** Hits to skip first (default 0). */
  offset?: number;
}

export interface LoadableIndex {
  format: number;
  vocabulary: Vocabulary;
  index: unknown;
}

interface OpInfo {
  method: string;
  path: string;
  summary: string;
  file: string;
  anchor: string;
  /** The path does not end in a parameter: a list (for GET) or a create (for POST). */
  collection: boolean;
}

type DocInfo =
  | { kind: 'operation'; op: OpInfo }
  /** One parameter, shared by the operations it recurs on (its row on each). */
  | { kind: 'parameter'; param: string; text: string; targets: { op: OpInfo; anchor: string }[] };

/** A loaded index: what `search` takes. */
export interface SearchModel {
  readonly mini: MiniSearch;
  readonly terms: Terms;
  readonly docs: readonly DocInfo[];
}

export function loadSearchIndex(data: LoadableIndex): SearchModel {
  if (data.format !== INDEX_FORMAT) throw new Error(`search index format ${String(data.format)}, expected ${INDEX_FORMAT}`);
  const terms = compileTerms(data.vocabulary);
  const mini = MiniSearch.loadJS(data.index as Parameters<typeof MiniSearch.loadJS>[0], indexOptions(terms));
  const docs: DocInfo[] = [];
  const ops: OpInfo[] = [];
  for (let id = 0; id < mini.documentCount; id++) {
    const s = mini.getStoredFields(id) ?? {};
    const opIds = s['ops'];
    if (Array.isArray(opIds)) {
      const anchors = Array.isArray(s['anchors']) ? s['anchors'] : [];
      const targets = opIds.map((o, i) => {
        const op = ops[Number(o)];
        if (!op) throw new Error(`search index: parameter document ${id} refers to operation ${String(o)}, not indexed before it`);
        return { op, anchor: String(anchors[i] ?? op.anchor) };
      });
      docs.push({ kind: 'parameter', param: String(s['param']), text: String(s['text'] ?? ''), targets });
    } else {
      const path = String(s['path']);
      const op: OpInfo = {
        method: String(s['method']),
        path,
        summary: String(s['summary'] ?? ''),
        file: String(s['file']),
        anchor: String(s['anchor']),
        collection: !path.endsWith('}'),
      };
      ops[id] = op;
      docs.push({ kind: 'operation', op });
    }
  }
  return { mini, terms, docs };
}

/**
 * The ranking's tunable numbers, in one place (tuned on the tuning half of test/search/queries.ts).
 * Exported for the relevance report; not an option, so every consumer ranks alike.
 */
export const RANKING = {
  /** A parameter document against an operation document. */
  parameter: 1.1,
  /** Documents of the method the query's verb names, and of other methods when it names one. */
  intentMatch: 3,
  intentOther: 1,
  /** No verb: reading is the likelier wish, and a parameter is something one sets. */
  plainGet: 1.45,
  plainParamPut: 1.1,
  /** A list word ("list", "all", "which") and a GET on a collection. */
  collection: 1.35,
  /** A plural noun and a GET on a collection. */
  plural: 1.5,
  /** An item path (ends in a parameter) without a list word: the list comes first. */
  item: 0.92,
  /** A weak word ("config", "status"). */
  weak: 0.3,
  /** A phrase's words beside the phrase's one word. */
  phraseWord: 1,
  /** Exponent of the share of the query's words a document matches. */
  coverage: 2.7,
  prefixWeight: 0.4,
  fuzzyWeight: 0.3,
} as const;

interface QueryTerm {
  term: string;
  boost: number;
  /** May match longer words (results while typing, "snap" -> "snapshot"). */
  prefix: boolean;
  /** Typos forgiven (edit distance), or false. */
  fuzzy: number | false;
}

interface Analysis {
  terms: QueryTerm[];
  methods: Set<IntentMethod>;
  collection: boolean;
  plural: boolean;
}

export function analyzeQuery(terms: Terms, query: string): Analysis {
  const raw = tokenize(query.toLowerCase());
  const methods = new Set<IntentMethod>();
  let collection = false;
  let plural = false;
  for (const word of raw) {
    for (const m of terms.intents.get(word) ?? []) methods.add(m);
    if (terms.collection.has(word)) collection = true;
    // "containers", "snapshots": a plural noun asks for a list too, if less surely.
    else if (!terms.stop.has(word) && !terms.weak.has(word) && stem(word) !== word) plural = true;
  }
  const out: QueryTerm[] = [];
  const add = (term: string, boost: number, typed: boolean): void => {
    const existing = out.find((t) => t.term === term);
    if (existing) {
      existing.boost = Math.max(existing.boost, boost);
      return;
    }
    out.push({
      term,
      boost,
      prefix: typed && term.length >= 2,
      fuzzy: typed ? (term.length >= 7 ? 2 : term.length >= 5 ? 1 : false) : false,
    });
  };
  const stems = raw.map(stem);
  const inPhrase = new Set<number>();
  for (const phrase of terms.phrases) {
    for (let i = 0; i + phrase.words.length <= stems.length; i++) {
      if (phrase.words.every((w, j) => stems[i + j] === w)) {
        add(phrase.canonical, 1, false);
        for (let j = 0; j < phrase.words.length; j++) inPhrase.add(i + j);
      }
    }
  }
  raw.forEach((word, i) => {
    if (terms.stop.has(word)) return;
    const stemmed = stems[i] ?? word;
    const weight = (terms.weak.has(stemmed) ? RANKING.weak : 1) * (inPhrase.has(i) ? RANKING.phraseWord : 1);
    const canonical = terms.canonical.get(stemmed);
    if (canonical && canonical !== stemmed) add(canonical, weight, false);
    else add(stemmed, weight, true);
    // "net0", "scsi1", "mp0": a member of a numbered family; the index knows the family ("net").
    const family = /^(\D{2,})\d+$/.exec(stemmed)?.[1];
    if (family) add(family, weight, false);
  });
  return { terms: out, methods, collection, plural };
}

/** The prior of a hit for one query (see RANKING). */
function prior(kind: SearchHit['kind'], op: OpInfo, a: Analysis): number {
  let p = kind === 'parameter' ? RANKING.parameter : 1;
  const method = op.method as IntentMethod;
  if (a.methods.size > 0) p *= a.methods.has(method) ? RANKING.intentMatch : RANKING.intentOther;
  else if (kind === 'operation' && method === 'GET') p *= RANKING.plainGet;
  else if (kind === 'parameter' && method === 'PUT') p *= RANKING.plainParamPut;
  if (kind === 'operation') {
    if (op.collection && method === 'GET' && (a.collection || a.plural)) p *= a.collection ? RANKING.collection : RANKING.plural;
    else if (!op.collection && !a.collection) p *= RANKING.item;
  }
  return p;
}

/** Ranked hits for a query, best first; `total` counts every match. */
export function search(model: SearchModel, query: string, options: SearchOptions = {}): SearchResults {
  const limit = options.limit ?? 10;
  const offset = Math.max(0, options.offset ?? 0);
  const trimmed = query.trim();
  if (trimmed === '') return { total: 0, hits: [] };
  const analysis = analyzeQuery(model.terms, trimmed);
  if (analysis.terms.length === 0) return { total: 0, hits: [] };
  const qt = analysis.terms;
  const results = model.mini.search(qt.map((t) => t.term).join(' '), {
    tokenize: (text) => text.split(' '),
    processTerm: (t) => t,
    boost: { ...FIELD_BOOSTS },
    prefix: (_t, i) => qt[i]?.prefix ?? false,
    fuzzy: (_t, i) => qt[i]?.fuzzy ?? false,
    boostTerm: (_t, i) => qt[i]?.boost ?? 1,
    weights: { prefix: RANKING.prefixWeight, fuzzy: RANKING.fuzzyWeight },
    combineWith: 'OR',
  });
  const weightOf = new Map(qt.map((t) => [t.term, t.boost]));
  const totalWeight = qt.reduce((sum, t) => sum + t.boost, 0);
  const hits: SearchHit[] = [];
  for (const r of results) {
    const doc = model.docs[r.id as number];
    if (!doc) continue;
    // Documents that match more of what was asked come first: a strong match of one word of a
    // task ("start" of "start at boot") must not beat a fair match of all of them.
    const covered = r.queryTerms.reduce((sum, t) => sum + (weightOf.get(t) ?? 0), 0) / totalWeight;
    const score = r.score * covered ** RANKING.coverage;
    if (doc.kind === 'operation') hits.push(toHit(doc.op, doc.op.anchor, score * prior('operation', doc.op, analysis), r.terms));
    else {
      for (const t of doc.targets) {
        const hit = toHit(t.op, t.anchor, score * prior('parameter', t.op, analysis), r.terms);
        hit.kind = 'parameter';
        hit.param = doc.param;
        hit.text = doc.text;
        hits.push(hit);
      }
    }
  }
  // Stable: equal scores keep index (model) order.
  const order = hits.map((h, i) => ({ h, i }));
  order.sort((x, y) => y.h.score - x.h.score || x.i - y.i);
  const ranked = trimmed.includes('/')
    ? byPath(
        order.map((x) => x.h),
        trimmed,
      )
    : order.map((x) => x.h);
  const end = limit === Infinity ? ranked.length : offset + limit;
  return { total: ranked.length, hits: ranked.slice(offset, end) };
}

function toHit(op: OpInfo, anchor: string, score: number, matched: string[]): SearchHit {
  return { kind: 'operation', method: op.method, path: op.path, summary: op.summary, file: op.file, anchor, score, matched };
}

/**
 * A query containing "/" is also taken as a path or a piece of one, as the official viewer's
 * filter does: the exact path ranks first, then paths containing it, then the rest by score;
 * within a path tier, operations before their parameters.
 */
function byPath(hits: SearchHit[], query: string): SearchHit[] {
  const needle = pathKey(query);
  if (needle === '' || needle === '/') return hits;
  const tier = (h: SearchHit): number => {
    const key = pathKey(h.path);
    const t = key === needle ? 4 : key.includes(needle) ? 2 : 0;
    return t + (t > 0 && h.kind === 'operation' ? 1 : 0);
  };
  return hits
    .map((h, i) => ({ h, i, t: tier(h) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.h);
}

/** A path for comparison: lowercase, any "{param}" as "{}", no trailing slash. */
function pathKey(path: string): string {
  return path
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
}
