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
import { HTTP_METHODS, type HttpMethod } from '../model/types.js';
import MiniSearch, { type SearchResult } from 'minisearch';
import { porterStem } from './porter.js';
import {
  compileTerms,
  FIELD_BOOSTS,
  INDEX_FORMAT,
  indexOptions,
  indexTermFn,
  NAME_FIELDS,
  stem,
  type Terms,
  tokenize,
  type SearchIndexData,
} from './terms.js';

/** A parameter row listed under its operation's result. */
export interface ParameterHit {
  /** The parameter's name ("onboot", "net[n]") and the first sentence of its description. */
  param: string;
  text: string;
  /** Its row's anchor on the operation's page ("put-onboot"). */
  anchor: string;
  /** The index words its document matched. */
  matched: string[];
}

interface ParameterMatch extends ParameterHit {
  score: number;
  /** Matched by its own words (name, label, description, keys), not only by its operation's path. */
  own: boolean;
}

/**
 * One operation, with the parameter rows that matched listed inside it: a search never lists an
 * operation twice.
 */
export interface SearchHit {
  /**
   * How it was found: by the operation's own words, or mostly by one of its parameters (then
   * `anchor`, `param` and `text` are that parameter's, the best of `params`).
   */
  kind: 'operation' | 'parameter';
  method: string;
  path: string;
  /** The operation's summary. */
  summary: string;
  /** What the interface and the documentation call the operation (vocabulary.json), when it has a name there. */
  label?: string;
  /** Page file relative to the site root, e.g. "api/nodes/_node/qemu/index.html". */
  file: string;
  /** Anchor on that page: the operation ("put") or, for a parameter hit, the parameter's row ("put-onboot"). */
  anchor: string;
  /** The operation's own anchor ("put"). */
  operationAnchor: string;
  /** Parameter hits: the parameter's name ("onboot", "net[n]") and the first sentence of its description. */
  param?: string;
  text?: string;
  /** Its parameters that matched, best first (at most three); each links to its row. */
  params: ParameterHit[];
  score: number;
  /** The index words the query matched (stemmed, lowercase): what to highlight, and why it matched. */
  matched: string[];
}

export interface SearchResults {
  /** Number of matching operations (all of them, not only this page). */
  total: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  /** Hits to return (default 10); Infinity for all. */
  limit?: number;
  /** Hits to skip first (default 0). */
  offset?: number;
}

interface OpInfo {
  method: HttpMethod;
  path: string;
  summary: string;
  label: string | undefined;
  file: string;
  anchor: string;
  /** Its document's id (a parameter hit borrows the operation's own match). */
  doc: number;
  /** The path has items below it ("/nodes/{node}/network" has "/{iface}"): a list (GET) or a create (POST). */
  collection: boolean;
  /** The path ends in a parameter: one item. */
  item: boolean;
  /** The documents of its parameters (an operation hit borrows their best match). */
  params: number[];
  /** Its literal path segments as index words, each a set of its forms ("nodes" -> node). */
  segments: Set<string>[];
  /** An item path whose collection has a POST: a create asks for that one, not this. */
  itemOfCreatable: boolean;
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

export function loadSearchIndex(data: SearchIndexData): SearchModel {
  if (data.format !== INDEX_FORMAT) throw new Error(`search index format ${String(data.format)}, expected ${INDEX_FORMAT}`);
  const terms = compileTerms(data.vocabulary);
  const mini = MiniSearch.loadJS(data.index as Parameters<typeof MiniSearch.loadJS>[0], indexOptions(terms));
  const docs: DocInfo[] = [];
  const ops: OpInfo[] = [];
  const termFn = indexTermFn(terms);
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
      for (const t of targets) t.op.params.push(id);
      docs.push({ kind: 'parameter', param: String(s['param']), text: String(s['text'] ?? ''), targets });
    } else {
      const path = String(s['path']);
      const method = HTTP_METHODS.find((m) => m === s['method']);
      if (!method) throw new Error(`search index: operation document ${id} has method ${String(s['method'])}`);
      const op: OpInfo = {
        method,
        path,
        summary: String(s['summary'] ?? ''),
        label: typeof s['olabel'] === 'string' ? s['olabel'] : undefined,
        file: String(s['file']),
        anchor: String(s['anchor']),
        doc: id,
        params: [],
        collection: false,
        item: path.endsWith('}'),
        segments: pathSegments(path, termFn),
        itemOfCreatable: false,
      };
      ops[id] = op;
      docs.push({ kind: 'operation', op });
    }
  }
  const parents = new Set(ops.flatMap((op) => (op?.item ? [op.path.slice(0, op.path.lastIndexOf('/'))] : [])));
  const creatable = new Set(ops.flatMap((op) => (op?.method === 'POST' ? [op.path] : [])));
  for (const op of ops) {
    if (!op) continue;
    op.collection = parents.has(op.path);
    op.itemOfCreatable = op.item && creatable.has(op.path.slice(0, op.path.lastIndexOf('/')));
  }
  return { mini, terms, docs };
}

/** A path's literal segments ("nodes", "qemu", "status") as the index's words for each. */
function pathSegments(path: string, termFn: ReturnType<typeof indexTermFn>): Set<string>[] {
  return path
    .split('/')
    .filter((s) => s !== '' && !s.startsWith('{'))
    .map((segment) => new Set(tokenize(segment).flatMap((t) => [termFn(t, 'pathWords') ?? []].flat())));
}

/**
 * The ranking's tunable numbers, in one place (tuned on the tuning half of harness/search-queries.ts).
 * Not an option and not exported: every consumer ranks alike.
 */
const RANKING = {
  /** A parameter document against an operation document. */
  parameter: 0.8,
  /** Documents of the method the query's verb names, and of other methods when it names one. */
  intentMatch: 4,
  intentOther: 0.75,
  /** No verb: reading is the likelier wish, and a parameter is something one sets. */
  plainGet: 1.45,
  plainParamPut: 1.25,
  /** Whether a create or update verb asks for the parameter rows of both (1) or only its own method's (0). */
  paramSetting: 1,
  /** A list word ("list", "all", "which") and a GET on a collection. */
  collection: 1.35,
  /** A plural noun and a GET on a collection. */
  plural: 1.5,
  /** An item path (ends in a parameter) without a list word: the list comes first. */
  item: 0.92,
  /** A weak word ("config", "status"). */
  weak: 0.3,
  /** A word that names a method ("add", "remove"), as a search word. */
  verb: 0.5,
  /** A word found in prose only, never in a name (see search). */
  prose: 0.5,
  /** Two typed words written together, as one word ("ip set" -> "ipset"). */
  glued: 1,
  /** A phrase's words beside the phrase's one word. */
  phraseWord: 0.5,
  /** The share of its operation's score a parameter hit adds. */
  opShare: 0.5,
  /** The share of its best parameter's score an operation hit adds. */
  paramShare: 0.5,
  /** An operation found by a parameter: the share of that parameter's score it ranks by. */
  groupParam: 1,
  /** A parameter is listed under its operation when it scores this share of the best one. */
  listParam: 0.6,
  /** A create (POST) on an item path whose collection has a create of its own. */
  itemCreate: 0.7,
  /** How much an operation gains when the query names all of its path (scaled by the share named, squared). */
  pathFit: 0.5,
  /** Exponent of the share of the query's words a document matches. */
  coverage: 2.7,
  prefixWeight: 0.4,
  /** A match of a word's root ("migrat" of "migrated") against one of the word itself. */
  root: 0.3,
  /** A synonym as typed ("vm"), beside the schema's word it stands for ("qemu"). */
  said: 0.3,
  /** The same for a word the index also knows as it is. */
  knownPrefixWeight: 0.15,
  fuzzyWeight: 0.3,
} as const;

interface QueryTerm {
  term: string;
  boost: number;
  /** May match longer words (results while typing, "snap" -> "snapshot"). */
  prefix: boolean;
  /** Typos forgiven (edit distance), or false. */
  fuzzy: number | false;
  /**
   * Other forms that count as this word, for less: its root ("migrat" for "migrated": other forms
   * of the word) and, for a synonym, the word as typed (prose says "VM" where paths say "qemu").
   */
  alts: { term: string; weight: number }[];
  /** Two typed words written together ("ip set" -> "ipset"): stands for them, not a word of its own. */
  covers?: string[];
  /** A verb that names a method ("add", "migrate"): already damped, not damped again as prose. */
  verb: boolean;
}

interface Analysis {
  terms: QueryTerm[];
  /** The query's words as index words (for the path fit). */
  words: string[];
  methods: Set<HttpMethod>;
  collection: boolean;
  plural: boolean;
}

export function analyzeQuery(terms: Terms, query: string): Analysis {
  const raw = tokenize(query.toLowerCase());
  const methods = new Set<HttpMethod>();
  let collection = false;
  let plural = false;
  // "set up ldap": the phrase asks for a create, and its words say nothing else.
  const inIntentPhrase = new Set<number>();
  for (const phrase of terms.intentPhrases) {
    for (let i = 0; i + phrase.words.length <= raw.length; i++) {
      if (phrase.words.every((w, j) => raw[i + j] === w)) {
        for (const m of phrase.methods) methods.add(m);
        for (let j = 0; j < phrase.words.length; j++) inIntentPhrase.add(i + j);
      }
    }
  }
  raw.forEach((word, i) => {
    if (!inIntentPhrase.has(i)) for (const m of terms.intents.get(word) ?? []) methods.add(m);
    if (terms.collection.has(word)) collection = true;
    // "containers", "snapshots": a plural noun asks for a list too, if less surely.
    else if (!terms.stop.has(word) && !terms.weak.has(word) && stem(word) !== word) plural = true;
  });
  const out: QueryTerm[] = [];
  const add = (term: string, boost: number, typed: boolean, last = false, verb = false): void => {
    const existing = out.find((t) => t.term === term);
    if (existing) {
      existing.boost = Math.max(existing.boost, boost);
      return;
    }
    out.push({
      term,
      boost,
      verb,
      alts: [],
      // Any typed word may be the start of a longer one ("snap" -> "snapshot"); the last one even
      // from two letters (it is being typed), weak words never (they match enough already).
      prefix: typed && boost > RANKING.weak && (term.length >= 3 || last),
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
    // A verb that names a method is mostly said by the method prior; as a word it counts less.
    const verb = terms.intents.has(word) || inIntentPhrase.has(i);
    const weight =
      Math.min(terms.weak.has(stemmed) ? RANKING.weak : 1, verb ? RANKING.verb : 1) * (inPhrase.has(i) ? RANKING.phraseWord : 1);
    const canonical = terms.canonical.get(stemmed);
    if (canonical && canonical !== stemmed) {
      add(canonical, weight, false, false, verb);
      const t = out.find((x) => x.term === canonical);
      if (t && RANKING.said > 0 && !t.alts.some((a) => a.term === stemmed)) t.alts.push({ term: stemmed, weight: RANKING.said });
    } else {
      add(stemmed, weight, true, i === raw.length - 1, verb);
      const root = porterStem(stemmed);
      const t = out.find((x) => x.term === stemmed);
      if (t && root !== stemmed) t.alts.push({ term: root, weight: RANKING.root });
    }
    // "net0", "scsi1", "mp0": a member of a numbered family; the index knows the family ("net").
    const family = /^(\D{2,})\d+$/.exec(stemmed)?.[1];
    if (family) add(family, weight, false);
  });
  // "ip set", "sys log", "host name": two words the schema writes as one identifier.
  for (let i = 0; i + 1 < raw.length; i++) {
    const a = raw[i] ?? '';
    const b = raw[i + 1] ?? '';
    if (terms.stop.has(a) || terms.stop.has(b) || inPhrase.has(i) || inPhrase.has(i + 1)) continue;
    const glued = stem(a + b);
    const parts = [stems[i] ?? a, stems[i + 1] ?? b].map((w) => terms.canonical.get(w) ?? w);
    if (out.some((t) => t.term === glued)) continue;
    out.push({ term: glued, boost: RANKING.glued, prefix: false, fuzzy: false, covers: parts, verb: false, alts: [] });
  }
  // Verbs and list words ("list", "show") say what to do, not which path: the path fit leaves them out.
  const words = out.filter((t) => !t.verb && !terms.collection.has(t.term)).flatMap((t) => [t.term, ...t.alts.map((x) => x.term)]);
  return { terms: out, words, methods, collection, plural };
}

/** The prior of a hit for one query (see RANKING). */
function prior(kind: SearchHit['kind'], op: OpInfo, a: Analysis): number {
  let p = kind === 'parameter' ? RANKING.parameter : 1;
  const method = op.method;
  // A parameter is set by a create as well as by an update: "add a serial port to a vm" and
  // "set the serial port" ask for the same rows, and the update of the thing named comes first.
  const setting = kind === 'parameter' && RANKING.paramSetting > 0 && (method === 'PUT' || method === 'POST');
  const asked = a.methods.has(method) || (setting && (a.methods.has('PUT') || a.methods.has('POST')));
  if (a.methods.size > 0) p *= asked ? RANKING.intentMatch : RANKING.intentOther;
  else if (kind === 'operation' && method === 'GET') p *= RANKING.plainGet;
  if (kind === 'parameter' && method === 'PUT' && (a.methods.size === 0 || setting)) p *= RANKING.plainParamPut;
  if (kind === 'operation') {
    if (op.collection && method === 'GET' && (a.collection || a.plural)) p *= a.collection ? RANKING.collection : RANKING.plural;
    else if (op.item && !a.collection) p *= RANKING.item;
  }
  // "add a user": the create is the POST on the collection, not one on an item below it.
  if (method === 'POST' && a.methods.has('POST') && op.itemOfCreatable) p *= RANKING.itemCreate;
  // "list nodes" is GET /nodes more than /cluster/config/nodes: the share of the path the query names.
  if (op.segments.length > 0 && RANKING.pathFit > 0 && kind === 'operation' && method === 'GET' && (a.collection || a.plural)) {
    const named = op.segments.filter((forms) => a.words.some((w) => forms.has(w))).length;
    p *= 1 + RANKING.pathFit * (named / op.segments.length) ** 2;
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
  // A word the index knows is mostly meant as it is ("free" is not "freeze", "ha" not "hardware"):
  // its longer words count little (a first, exact pass finds which words the index knows). Each
  // word's root also matches, for less ("migrated" -> "migration"). A word that matched nothing may be the start of a longer one
  // (being typed: "snaps", "migr"), and only a word that matched nothing even so gets a forgiving
  // pass for typos ("snapshto"): edit distance is the slow part and adds noise to a word that matched.
  const run = (prefixes: boolean, known: ReadonlySet<string>, forgiving: ReadonlySet<string>) =>
    model.mini.search(
      {
        combineWith: 'OR',
        queries: qt.flatMap((t) => {
          const own = {
            queries: [t.term],
            prefix: prefixes && t.prefix,
            fuzzy: forgiving.has(t.term) ? t.fuzzy : false,
            boostTerm: () => t.boost,
            weights: { prefix: known.has(t.term) ? RANKING.knownPrefixWeight : RANKING.prefixWeight, fuzzy: RANKING.fuzzyWeight },
          };
          return [own, ...t.alts.map((a) => ({ queries: [a.term], boostTerm: () => t.boost * a.weight }))];
        }),
      },
      { tokenize: (text) => [text], processTerm: (t) => t, boost: { ...FIELD_BOOSTS } },
    );
  const matched = (rs: SearchResult[]): Set<string> => {
    const found = new Set<string>();
    for (const r of rs) for (const t of r.queryTerms) found.add(t);
    return found;
  };
  const none = new Set<string>();
  let results = run(false, none, none);
  const known = matched(results);
  // A word the API names things with (in a path, a method or parameter name, a label, a value)
  // says what is wanted; a word found only in prose ("single", "hung", "running") is the task's
  // English and counts less. Derived from the index, for any schema.
  let damped = false;
  {
    const named = new Set<string>();
    for (const r of results) {
      for (const [term, fields] of Object.entries(r.match)) if (fields.some((f) => NAME_FIELDS.has(f))) named.add(term);
    }
    for (const t of qt) {
      if (!t.covers && !t.verb && known.has(t.term) && !named.has(t.term)) {
        t.boost *= RANKING.prose;
        damped = true;
      }
    }
  }
  if (damped || qt.some((t) => t.prefix)) results = run(true, known, none);
  const found = matched(results);
  const typos = new Set(qt.flatMap((t) => (t.fuzzy !== false && !found.has(t.term) ? [t.term] : [])));
  if (typos.size > 0) results = run(true, known, typos);

  // Coverage counts a word once, whichever of its forms matched.
  const groupOf = new Map<string, number>();
  qt.forEach((t, i) => {
    if (t.covers) return;
    groupOf.set(t.term, i);
    for (const a of t.alts) if (!groupOf.has(a.term)) groupOf.set(a.term, i);
  });
  const coversOf = new Map<string, number[]>();
  for (const t of qt)
    if (t.covers)
      coversOf.set(
        t.term,
        t.covers.map((w) => groupOf.get(w) ?? -1),
      );
  const totalWeight = qt.reduce((sum, t) => sum + (t.covers ? 0 : t.boost), 0);
  // One entry per hit, kept as numbers until the page is cut: a common word matches most of the
  // index, and a parameter document stands for every operation it recurs on.
  const scores: number[] = [];
  const resultOf: number[] = [];
  const targets: number[] = [];
  // A parameter row is found by its own words and by its operation's: "rename vm" is the `name`
  // row of the VM's config call because "vm" matches the operation. So a parameter hit adds a share
  // of its operation's score, and counts the words either of them matched.
  const byDoc = new Map<number, SearchResult>();
  for (const r of results) byDoc.set(r.id as number, r);
  const coverage = (a: readonly string[], b: readonly string[] | undefined): number => {
    const groups = new Set<number>();
    const note = (t: string): void => {
      const glued = coversOf.get(t);
      if (glued) for (const g of glued) groups.add(g);
      else groups.add(groupOf.get(t) ?? -1);
    };
    for (const t of a) note(t);
    if (b) for (const t of b) note(t);
    let covered = 0;
    for (const g of groups) covered += qt[g]?.boost ?? 0;
    return (covered / totalWeight) ** RANKING.coverage;
  };
  results.forEach((r, ri) => {
    const doc = model.docs[r.id as number];
    if (!doc) return;
    // Documents that match more of what was asked come first: a strong match of one word of a
    // task ("start" of "start at boot") must not beat a fair match of all of them.
    if (doc.kind === 'operation') {
      // ... and an operation, by its parameters' words: the HA resource create's `sid` says
      // "vm:100". Its best parameter adds a share of its score (its coverage stays its own: counting
      // the parameter's words too ranked worse on the tuning half).
      let best: SearchResult | undefined;
      for (const id of doc.op.params) {
        const p = byDoc.get(id);
        if (p && (!best || p.score > best.score)) best = p;
      }
      const score = (r.score + RANKING.paramShare * (best?.score ?? 0)) * coverage(r.queryTerms, undefined);
      scores.push(score * prior('operation', doc.op, analysis));
      resultOf.push(ri);
      targets.push(-1);
    } else {
      doc.targets.forEach((t, ti) => {
        const own = byDoc.get(t.op.doc);
        const score = (r.score + RANKING.opShare * (own?.score ?? 0)) * coverage(r.queryTerms, own?.queryTerms);
        scores.push(score * prior('parameter', t.op, analysis));
        resultOf.push(ri);
        targets.push(ti);
      });
    }
  });
  const tiers = trimmed.includes('/') ? pathTiers(model, results, resultOf, targets, trimmed) : null;
  // One result per operation: its own match and its parameters' matches are gathered under it,
  // and it ranks by the better of its own score and its best parameter's (weighed down: what the
  // operation's summary, label and path say is what it is; a parameter's description says less).
  const groups = new Map<number, Group>();
  scores.forEach((score, i) => {
    const r = results[resultOf[i] ?? -1];
    const doc = r ? model.docs[r.id as number] : undefined;
    if (!r || !doc) return;
    const target = doc.kind === 'parameter' ? doc.targets[targets[i] ?? -1] : undefined;
    const op = doc.kind === 'operation' ? doc.op : target?.op;
    if (!op) return;
    let g = groups.get(op.doc);
    if (!g) {
      g = { op, own: 0, ownTerms: [], params: [], tier: 0, first: i };
      groups.set(op.doc, g);
    }
    g.tier = Math.max(g.tier, tiers?.[i] ?? 0);
    if (doc.kind === 'operation') {
      g.own = score;
      g.ownTerms = r.terms;
    } else if (target) {
      // A parameter matched only by where it belongs (its operation's path words) says nothing of its own: not listed.
      const own = Object.values(r.match).some((fields) => fields.some((f) => f !== 'context'));
      g.params.push({ param: doc.param, text: doc.text, anchor: target.anchor, score, matched: r.terms, own });
    }
  });
  const ranked = [...groups.values()].map((g) => {
    g.params.sort((x, y) => y.score - x.score);
    const best = g.params[0];
    const viaParam = best ? best.score * RANKING.groupParam : 0;
    return { g, score: Math.max(g.own, viaParam), viaParam: viaParam > g.own };
  });
  // Stable: equal scores keep index (model) order.
  ranked.sort((x, y) => y.g.tier - x.g.tier || y.score - x.score || x.g.first - y.g.first);
  const end = limit === Infinity ? ranked.length : offset + limit;
  const hits = ranked.slice(offset, end).map(({ g, score, viaParam }) => toHit(g, score, viaParam));
  return { total: ranked.length, hits };
}

interface Group {
  op: OpInfo;
  /** The operation's own score (0: found only by its parameters) and the words it matched. */
  own: number;
  ownTerms: string[];
  params: ParameterMatch[];
  tier: number;
  /** Its first entry's position: ties keep index order. */
  first: number;
}

/**
 * The parameters listed under an operation's result: those that match nearly as well as its best
 * (a share of the best one's score), at most MAX_PARAMS; the rest matched by the operation's words alone.
 */
function listedParams(g: Group, score: number): ParameterMatch[] {
  return g.params.filter((p) => p.own && p.score >= score * RANKING.listParam).slice(0, MAX_PARAMS);
}

const MAX_PARAMS = 3;

function toHit(g: Group, score: number, viaParam: boolean): SearchHit {
  const { op } = g;
  const params = listedParams(g, score);
  const matched = [...new Set([...g.ownTerms, ...params.flatMap((p) => p.matched)])];
  const hit: SearchHit = {
    kind: 'operation',
    method: op.method,
    path: op.path,
    summary: op.summary,
    file: op.file,
    anchor: op.anchor,
    operationAnchor: op.anchor,
    params: params.map(({ param, text, anchor, matched }) => ({ param, text, anchor, matched })),
    score,
    matched,
  };
  if (op.label !== undefined) hit.label = op.label;
  const best = params[0];
  if (viaParam && best) {
    hit.kind = 'parameter';
    hit.anchor = best.anchor;
    hit.param = best.param;
    hit.text = best.text;
  }
  return hit;
}

/**
 * A query containing "/" is also taken as a path or a piece of one, as the official viewer's
 * filter does: the exact path ranks first, then paths containing it, then the rest by score;
 * within a path tier, operations before their parameters. Returns each entry's tier.
 */
function pathTiers(model: SearchModel, results: SearchResult[], resultOf: number[], targets: number[], query: string): number[] | null {
  const needle = pathKey(query);
  if (needle === '' || needle === '/') return null;
  return resultOf.map((ri, i) => {
    const doc = model.docs[results[ri]?.id as number];
    if (!doc) return 0;
    const op = doc.kind === 'operation' ? doc.op : doc.targets[targets[i] ?? -1]?.op;
    if (!op) return 0;
    const key = pathKey(op.path);
    const t = key === needle ? 4 : key.includes(needle) ? 2 : 0;
    return t + (t > 0 && doc.kind === 'operation' ? 1 : 0);
  });
}

/** A path for comparison: lowercase, any "{param}" as "{}", no trailing slash. */
function pathKey(path: string): string {
  return path
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
}
