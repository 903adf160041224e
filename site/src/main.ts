/**
 * The only script every page loads (kept small: search code and its index load lazily, on first
 * use). Pages work fully without it; it adds the full path tree, folding help, example tabs, copy
 * buttons and the search box behaviour.
 */
import './style.css';
import { addCopyButtons } from './copy';
import { initFolding } from './fold';
import { initNav } from './nav';
import { initSearch } from './search';
import { initTryIt } from './try-it-loader';
import { initExampleTabs } from './tabs';

function ready(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
  else fn();
}

/**
 * Anchor targets must land below the sticky header, whose height depends on the screen and on
 * what wraps: CSS has a fixed estimate, and this keeps --header-h at the real height.
 */
function trackHeaderHeight(root: Document): void {
  const header = root.querySelector<HTMLElement>('.site-header');
  if (!header) return;
  const set = (): void => root.documentElement.style.setProperty('--header-h', `${Math.ceil(header.getBoundingClientRect().height)}px`);
  set();
  if ('ResizeObserver' in window) new ResizeObserver(set).observe(header);
}

document.documentElement.classList.add('js');
ready(() => {
  trackHeaderHeight(document);
  initNav(document);
  initExampleTabs(document);
  addCopyButtons(document);
  initSearch(document);
  initTryIt(document);
  initFolding(document);
});
