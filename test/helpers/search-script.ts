/**
 * Runs a built search-index script (`window.X = {...};`) the way a page does, against a bare
 * `window` object, and returns what it assigned: the same payload the site's search loads.
 */
import { INDEX_GLOBAL, type SearchIndexData } from '../../generator/search/terms.js';

export function runIndexScript(script: string): SearchIndexData {
  const window: Record<string, unknown> = {};
  new Function('window', script)(window);
  return window[INDEX_GLOBAL] as SearchIndexData;
}
