/**
 * The search box, part of the small script every page loads. It only wires the keyboard shortcuts
 * and, the first time the box is focused or typed into, loads two classic scripts next to each
 * other in assets/: the index (`search-index.js`, URL from <body data-search-index>) and the UI
 * with MiniSearch (`search.js`, same folder and version). Classic scripts, not fetch() or modules,
 * so that this works from file:// too. A search submitted while they load waits for them and then
 * lists every match; if they fail to load, the form submits to the all-operations page, which
 * works without JavaScript and, when they do load there, runs the search its `?q=` names.
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
  let state: 'idle' | 'loading' | 'failed' = 'idle';
  let submitted = false;
  const start = (): void => {
    if (state !== 'idle') return;
    state = 'loading';
    loadSearch(
      root,
      input,
      results,
      () => submitted,
      () => {
        if (state === 'failed') return;
        state = 'failed';
        // Enter was pressed while loading: the all-operations page, as without JavaScript.
        if (submitted) input.form?.submit();
      },
    );
  };
  input.addEventListener('focus', start);
  input.addEventListener('input', start);
  // Enter before the index has loaded: keep the query and list its matches once it has.
  input.form?.addEventListener('submit', (event) => {
    if (input.getAttribute('data-search-ready') === '1' || state === 'failed' || input.value.trim().length < 2) return;
    event.preventDefault();
    submitted = true;
    start();
  });
  // operations/?q=…: what the form sent (from a page whose scripts had not loaded) is searched here.
  const asked = new URLSearchParams(root.location.search).get('q')?.trim() ?? '';
  if (asked !== '' && input.value === '') {
    input.value = asked;
    submitted = true;
    start();
  } else if (root.activeElement === input) start();
}

function loadSearch(root: Document, input: HTMLInputElement, results: HTMLElement, submitted: () => boolean, failed: () => void): void {
  const body = root.body;
  const indexUrl = body.getAttribute('data-search-index');
  if (!indexUrl) {
    failed();
    return;
  }
  const uiUrl = indexUrl.replace(/search-index\.js(?=[?#]|$)/, 'search.js');
  let pending = 2;
  const loaded = (): void => {
    if (--pending > 0) return;
    const ui = window.pveApidocSearch;
    const data = window.__pveApidocSearch;
    if (!ui || !data) {
      failed();
      return;
    }
    ui.init({
      input,
      results,
      data,
      root: body.getAttribute('data-root') || './',
      cleanUrls: body.getAttribute('data-clean-urls') === '1',
      submitted: submitted(),
    });
  };
  for (const src of [indexUrl, uiUrl]) {
    const script = root.createElement('script');
    script.src = src;
    script.async = false;
    script.addEventListener('load', loaded);
    script.addEventListener('error', failed, { once: true });
    root.head.appendChild(script);
  }
}
