/**
 * The search box, part of the small script every page loads. It only wires the keyboard shortcuts
 * and, the first time the box is focused or typed into, loads two classic scripts next to each
 * other in assets/: the index (`search-index.js`, URL from <body data-search-index>) and the UI
 * with MiniSearch (`search.js`, same folder and version). Classic scripts, not fetch() or modules,
 * so that this works from file:// too. Until they have loaded — or if they fail to — the form
 * submits to the all-operations page, which works without JavaScript.
 */
import type { SearchUiApi } from './search-ui';

declare global {
  interface Window {
    /** Set by assets/search.js. */
    pveApidocSearch?: SearchUiApi;
    /** Set by assets/search-index.js. */
    __pveApidocSearch?: unknown;
  }
}

export function initSearch(root: Document): void {
  const input = root.getElementById('search-input') as HTMLInputElement | null;
  const results = root.getElementById('search-results');
  if (!input || !results) return;
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    loadSearch(root, input, results);
  };
  input.addEventListener('focus', start);
  input.addEventListener('input', start);
  if (root.activeElement === input) start();
}

function loadSearch(root: Document, input: HTMLInputElement, results: HTMLElement): void {
  const body = root.body;
  const indexUrl = body.getAttribute('data-search-index');
  if (!indexUrl) return;
  const uiUrl = indexUrl.replace(/search-index\.js(?=[?#]|$)/, 'search.js');
  let pending = 2;
  const loaded = (): void => {
    if (--pending > 0) return;
    const ui = window.pveApidocSearch;
    const data = window.__pveApidocSearch;
    if (!ui || !data) return;
    ui.init({
      input,
      results,
      data,
      root: body.getAttribute('data-root') || './',
      cleanUrls: body.getAttribute('data-clean-urls') === '1',
    });
  };
  for (const src of [indexUrl, uiUrl]) {
    const script = root.createElement('script');
    script.src = src;
    script.async = false;
    script.addEventListener('load', loaded);
    root.head.appendChild(script);
  }
}
