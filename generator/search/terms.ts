/**
 * How text becomes search terms — the ONE place that decides it, shared by the index builder
 * (generator/search/index.ts, at build time in Node) and the ranking (generator/search/query.ts,
 * in the browser and in Node). Keep it free of Node and DOM APIs (it is compiled for both) and of
 * ES2021+ library calls.
 *
 * Pipeline for every token: lowercase -> drop stop words -> light plural stemming -> synonyms.
 * The words themselves (synonyms, stop words, ...) are data: vocabulary.json, shipped inside the
 * index, compiled here into lookup tables.
 */
import type { Options } from 'minisearch';
import { porterStem } from './porter.js';

import { HTTP_METHODS, type HttpMethod } from '../model/types.js';

/** The shape of vocabulary.json (see its $comment). */
export interface Vocabulary {
  synonyms: string[][];
  labels: Record<string, string>;
  /** What the web interface and the documentation call an operation, keyed "METHOD /path" (Proxmox VE). */
  operations: Record<string, string>;
  /** The same for the other products, each its own table (their paths mean other things). */
  products: Partial<Record<'pmg' | 'pbs', { operations: Record<string, string> }>>;
  intents: Record<HttpMethod, string[]>;
  collection: string[];
  weak: string[];
  stop: string[];
}

/** The vocabulary the ranking needs: all of it but the labels, which only the indexer reads (plabel, olabel). */
export type IndexVocabulary = Omit<Vocabulary, 'labels' | 'operations' | 'products'>;

/** The payload of the index script, as the indexer writes it and every consumer loads it. */
export interface SearchIndexData {
  format: number;
  vocabulary: IndexVocabulary;
  /** MiniSearch's own serialization (MiniSearch#toJSON), loaded with MiniSearch.loadJS. */
  index: unknown;
}

/**
 * The indexed text fields and how much a match in each counts. Operation documents fill the
 * `op*`-less fields, parameter documents the `p*` ones and `context`; a field a document lacks
 * simply does not match.
 */
export const FIELD_BOOSTS = {
  // Operations.
  /** Literal path segments ("nodes qemu status start"; path parameters are left out). */
  pathWords: 4,
  /** The schema's method name ("vm_start"). */
  name: 2,
  summary: 2,
  /** What the web interface and the documentation call it (vocabulary.json operations). */
  olabel: 2,
  /** For a collection, the name of the parameter that names one item ("iface" for /network). */
  params: 0.8,
  /** Glued identifiers split ("vmlist" -> "vm list"). */
  compounds: 1,
  /** Adjacent identifier words glued ("host-name" -> "hostname"). */
  glued: 0.5,
  /** The top-level section ("nodes", "cluster"). */
  section: 0.5,
  description: 0.5,
  // Parameters.
  /** The parameter's name, its family base ("net" for net[n]) and its glued/split forms. */
  pname: 2,
  /** What the web interface and the admin guide call it (vocabulary.json labels). */
  plabel: 4,
  /** Property-string key names ("bridge tag macaddr"). */
  pkeys: 1.2,
  /** The parameter's description. */
  ptext: 1,
  /** Descriptions of its property-string keys. */
  pkeytext: 0.4,
  /** The values it takes, when the schema lists a few. */
  penum: 1,
  /** Where it belongs: the operation's path words and method name. */
  context: 0.6,
} as const;

export type SearchField = keyof typeof FIELD_BOOSTS;
const SEARCH_FIELDS = Object.keys(FIELD_BOOSTS) as SearchField[];

/**
 * Stored per document (what the results list needs; nothing else is stored). Operations store
 * method/path/summary/file/anchor and their label (olabel, when they have one); parameters store `ops` (the ids of the operations' documents it
 * belongs to), `anchors` (its row on each), `param` (its name) and `text` (its first sentence).
 */
const STORE_FIELDS = ['method', 'path', 'summary', 'olabel', 'file', 'anchor', 'ops', 'anchors', 'param', 'text'] as const;

/**
 * The fields that hold names rather than prose. A synonym's schema word is indexed beside the
 * word only in these: "VM" in a container's description is not the "qemu" of a path.
 */
export const NAME_FIELDS: ReadonlySet<string> = new Set([
  'pathWords',
  'name',
  'olabel',
  'params',
  'compounds',
  'glued',
  'section',
  'pname',
  'plabel',
  'pkeys',
  'penum',
]);

/** The lookup tables compiled from a vocabulary. */
export interface Terms {
  /** stemmed word -> canonical (stemmed) word */
  canonical: Map<string, string>;
  /** phrases (as arrays of stemmed words) -> canonical word */
  phrases: { words: string[]; canonical: string }[];
  stop: Set<string>;
  weak: Set<string>;
  /** lowercase word -> methods it asks for */
  intents: Map<string, HttpMethod[]>;
  /** Verb phrases ("set up", "turn off"): their words together ask for these methods, not their own. */
  intentPhrases: { words: string[]; methods: HttpMethod[] }[];
  collection: Set<string>;
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

export function compileTerms(vocabulary: IndexVocabulary): Terms {
  const stop = new Set(vocabulary.stop);
  const canonical = new Map<string, string>();
  const phrases: Terms['phrases'] = [];
  for (const group of vocabulary.synonyms) {
    const head = stem(group[0] ?? '');
    for (const entry of group.slice(1)) {
      const words = tokenize(entry.toLowerCase());
      if (words.length === 1) canonical.set(stem(words[0] ?? ''), head);
      else if (words.length > 1) phrases.push({ words: words.map(stem), canonical: head });
    }
  }
  // Longest phrases first, so "virtual machines" wins over a shorter one.
  phrases.sort((a, b) => b.words.length - a.words.length);
  const intents = new Map<string, HttpMethod[]>();
  const intentPhrases: Terms['intentPhrases'] = [];
  for (const method of HTTP_METHODS) {
    for (const entry of vocabulary.intents[method]) {
      const words = tokenize(entry);
      if (words.length === 1) intents.set(entry, [...(intents.get(entry) ?? []), method]);
      else {
        const known = intentPhrases.find((p) => p.words.join(' ') === words.join(' '));
        if (known) known.methods.push(method);
        else intentPhrases.push({ words, methods: [method] });
      }
    }
  }
  return {
    canonical,
    phrases,
    stop,
    weak: new Set(vocabulary.weak.map(stem)),
    intents,
    intentPhrases,
    collection: new Set(vocabulary.collection),
  };
}

/**
 * Index time: the stemmed word, its canonical synonym when it has one (in name fields only), and
 * its root (Porter) when that differs, so that "migrated" in a query meets "migration" here; null
 * for a stop word.
 */
export function indexTermFn(terms: Terms): (term: string, field?: string) => string | string[] | null {
  return (term, field) => {
    const lower = term.toLowerCase();
    if (terms.stop.has(lower)) return null;
    const word = stem(lower);
    const canonical = terms.canonical.get(word);
    const root = porterStem(word);
    const out = [word];
    if (canonical && canonical !== word && (field === undefined || NAME_FIELDS.has(field))) out.push(canonical);
    if (root !== word && root !== canonical) out.push(root);
    return out.length === 1 ? word : out;
  };
}

/** MiniSearch constructor options; the same options must be passed when the index is loaded. */
export function indexOptions(terms: Terms): Options {
  return {
    idField: 'id',
    fields: SEARCH_FIELDS,
    storeFields: [...STORE_FIELDS],
    tokenize,
    processTerm: indexTermFn(terms),
  };
}

/** The global the index script assigns to (a classic script, so it also loads from file://). */
export const INDEX_GLOBAL = '__pveApidocSearch';
/** Format version of the index script's payload; bump on incompatible changes. */
export const INDEX_FORMAT = 5;
