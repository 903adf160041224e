/**
 * Loading and querying the serialized index. Shared by the browser (site/src/search-ui.ts) and the
 * relevance tests, so the tests rank exactly as the search box does. No Node or DOM APIs here.
 */
import MiniSearch from 'minisearch';
import { INDEX_FORMAT, INDEX_OPTIONS, type StoredResult } from './terms.js';

export interface SearchHit extends StoredResult {
  score: number;
}

export interface LoadableIndex {
  format: number;
  index: unknown;
}

export function loadSearchIndex(data: LoadableIndex): MiniSearch {
  if (data.format !== INDEX_FORMAT) throw new Error(`search index format ${String(data.format)}, expected ${INDEX_FORMAT}`);
  return MiniSearch.loadJS(data.index as Parameters<typeof MiniSearch.loadJS>[0], INDEX_OPTIONS);
}

/**
 * The top `limit` operations for a query, best first (ranked by INDEX_OPTIONS.searchOptions).
 * A query containing "/" is also taken as a path or a piece of one, as the official viewer's
 * filter does: the exact path ranks first, then paths containing it, then the rest by score.
 */
export function searchOperations(index: MiniSearch, query: string, limit = 20): SearchHit[] {
  const results = index.search(query);
  const needle = query.includes('/') ? pathKey(query.trim()) : '';
  const tier = (path: string): number => {
    if (needle === '' || needle === '/') return 0;
    const key = pathKey(path);
    return key === needle ? 2 : key.includes(needle) ? 1 : 0;
  };
  const ranked = needle
    ? results
        .map((r, i) => ({ r, i, t: tier(String(r['path'])) }))
        .sort((a, b) => b.t - a.t || a.i - b.i)
        .map((x) => x.r)
    : results;
  const hits: SearchHit[] = [];
  for (const r of ranked) {
    hits.push({
      method: String(r['method']),
      path: String(r['path']),
      summary: String(r['summary'] ?? ''),
      file: String(r['file']),
      anchor: String(r['anchor']),
      score: r.score,
    });
    if (hits.length >= limit) break;
  }
  return hits;
}

/** A path for comparison: lowercase, any "{param}" as "{}", no trailing slash. */
function pathKey(path: string): string {
  return path
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
}
