/**
 * The only script every page loads (kept tiny: search code and its index load lazily, on first
 * use). Pages work fully without it; it adds copy buttons and the search box behaviour.
 */
import './style.css';
import { addCopyButtons } from './copy';
import { initSearch } from './search';
import { initTryIt } from './try-it-loader';

function ready(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
}

ready(() => {
  addCopyButtons(document);
  initSearch(document);
  initTryIt(document);
});
