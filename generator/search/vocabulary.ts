/**
 * The search vocabulary (vocabulary.json beside this file's source): its shape, and reading it at
 * build time. The table is data, edited without touching code; the build ships it inside the
 * search index, so the browser and every Node consumer rank with the same words. Node only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointerToken } from '../errors.js';
import { packageRoot } from '../paths.js';
import { HTTP_METHODS, type HttpMethod } from '../model/types.js';
import type { Vocabulary } from './terms.js';

const VOCABULARY_FILE = join('generator', 'search', 'vocabulary.json');

/** The shipped vocabulary, read once per process: every build (each version, each dev rebuild) uses it. */
const cache = new Map<string, Vocabulary>();

/** Reads and checks the vocabulary; a malformed file fails with the JSON pointer of the fault. */
export function readVocabulary(file = join(packageRoot(), VOCABULARY_FILE)): Vocabulary {
  let vocabulary = cache.get(file);
  if (!vocabulary) {
    vocabulary = checkVocabulary(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
    cache.set(file, vocabulary);
  }
  return vocabulary;
}

export function checkVocabulary(raw: unknown, where: string): Vocabulary {
  const fail = (pointer: string, what: string): never => {
    throw new Error(`${where}:${pointer} - ${what}`);
  };
  const obj = (v: unknown, pointer: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(pointer, 'expected an object');
  const words = (v: unknown, pointer: string): string[] => {
    if (!Array.isArray(v)) return fail(pointer, 'expected an array of words');
    return v.map((w, i) =>
      typeof w === 'string' && /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u.test(w)
        ? w.toLowerCase()
        : fail(`${pointer}/${i}`, 'expected a word or phrase'),
    );
  };
  const root = obj(raw, '');
  const synonyms = Array.isArray(root['synonyms']) ? root['synonyms'] : fail('/synonyms', 'expected an array of groups');
  const texts = (value: unknown, pointer: string): Record<string, string> => {
    const raw = obj(value, pointer);
    const out: Record<string, string> = {};
    for (const key of Object.keys(raw).sort()) {
      const text = raw[key];
      out[key] = typeof text === 'string' ? text : fail(`${pointer}/${pointerToken(key)}`, 'expected a string');
    }
    return out;
  };
  const operationTexts = (value: unknown, pointer: string): Record<string, string> => {
    const table = texts(value, pointer);
    for (const key of Object.keys(table)) {
      const [method = '', path = '', ...rest] = key.split(' ');
      const known = (HTTP_METHODS as readonly string[]).includes(method);
      if (!known || !path.startsWith('/') || rest.length > 0) fail(`${pointer}/${pointerToken(key)}`, 'expected a key "METHOD /path"');
    }
    return table;
  };
  const labels = texts(root['labels'], '/labels');
  const operations = operationTexts(root['operations'], '/operations');
  const products: Vocabulary['products'] = {};
  const productsRaw = obj(root['products'] ?? {}, '/products');
  for (const key of Object.keys(productsRaw)) {
    if (key !== 'pmg' && key !== 'pbs') return fail(`/products/${pointerToken(key)}`, 'expected "pmg" or "pbs"');
    const product = obj(productsRaw[key], `/products/${key}`);
    products[key] = { operations: operationTexts(product['operations'], `/products/${key}/operations`) };
  }
  const intentsRaw = obj(root['intents'], '/intents');
  const intents = {} as Record<HttpMethod, string[]>;
  for (const m of HTTP_METHODS) intents[m] = words(intentsRaw[m] ?? [], `/intents/${m}`);
  return {
    synonyms: synonyms.map((g, i) => {
      const group = words(g, `/synonyms/${i}`);
      return group.length >= 2 ? group : fail(`/synonyms/${i}`, 'a group needs at least two entries');
    }),
    labels,
    operations,
    products,
    intents,
    collection: words(root['collection'], '/collection'),
    weak: words(root['weak'], '/weak'),
    stop: words(root['stop'], '/stop'),
  };
}
