/**
 * The search UI with MiniSearch, bundled on its own into assets/search.js (a classic script that
 * sets `window.pveApidocSearch`) and loaded by search.ts only when search is first used, so pages
 * that never search never download it.
 *
 * An ARIA combobox: the input controls the `#search-results` listbox; every result is a link with
 * role="option" and aria-selected, the input's aria-activedescendant follows the selection.
 * Arrow keys move, Enter opens the selected (else the first) result, Escape closes the list.
 * Ranking is shared with the index builder and the relevance tests (generator/search/).
 */
import { loadSearchIndex, searchOperations, type LoadableIndex, type SearchHit } from '../../generator/search/query.js';

export interface SearchUiOptions {
  input: HTMLInputElement;
  results: HTMLElement;
  /** The payload of assets/search-index.js. */
  data: unknown;
  /** Relative URL of the site root from this page ("../../"). */
  root: string;
  /** Hosted site: link to folders; offline bundle: link to explicit index.html files. */
  cleanUrls: boolean;
}

export interface SearchUiApi {
  init(options: SearchUiOptions): void;
  /** For benchmarks and tests: the ranked results of a query, without touching the page. */
  query(text: string, limit?: number): SearchHit[];
}

const MAX_RESULTS = 10;
let index: ReturnType<typeof loadSearchIndex> | null = null;

function query(text: string, limit = MAX_RESULTS): SearchHit[] {
  if (!index) throw new Error('search index not loaded');
  return text.trim() === '' ? [] : searchOperations(index, text, limit);
}

/** Link from the current page to a result: root-relative file, folder form on hosted sites. */
function resultHref(hit: SearchHit, root: string, cleanUrls: boolean): string {
  let file = hit.file;
  if (cleanUrls && /(^|\/)index\.html$/.test(file)) file = file.slice(0, -'index.html'.length);
  return `${root}${file}#${hit.anchor}`;
}

function init(options: SearchUiOptions): void {
  const { input, results } = options;
  if (input.getAttribute('data-search-ready') === '1') return;
  input.setAttribute('data-search-ready', '1');
  index = loadSearchIndex(options.data as LoadableIndex);
  let selected = -1;
  let shown: HTMLAnchorElement[] = [];
  const doc = input.ownerDocument;

  const select = (i: number): void => {
    if (shown.length === 0) i = -1;
    shown.forEach((a, j) => {
      a.setAttribute('aria-selected', j === i ? 'true' : 'false');
    });
    selected = i;
    const current = shown[i];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = (yes: boolean): void => {
    results.hidden = !yes;
    input.setAttribute('aria-expanded', yes ? 'true' : 'false');
    if (!yes) select(-1);
  };
  const render = (): void => {
    const text = input.value;
    results.textContent = '';
    shown = [];
    selected = -1;
    input.removeAttribute('aria-activedescendant');
    // One letter matches nearly everything and nothing in particular: wait for the second.
    if (text.trim().length < 2) {
      open(false);
      return;
    }
    const hits = query(text);
    if (hits.length === 0) {
      const empty = doc.createElement('div');
      empty.className = 'empty';
      empty.textContent = 'No operation matches. Press Enter for the list of all operations.';
      results.appendChild(empty);
    }
    hits.forEach((hit, i) => {
      const a = doc.createElement('a');
      a.id = `search-option-${i}`;
      a.href = resultHref(hit, options.root, options.cleanUrls);
      a.setAttribute('role', 'option');
      a.setAttribute('aria-selected', 'false');
      a.tabIndex = -1;
      const method = doc.createElement('span');
      method.className = `method method-small method-${hit.method.toLowerCase()}`;
      method.textContent = hit.method;
      const path = doc.createElement('code');
      path.textContent = hit.path;
      const summary = doc.createElement('span');
      summary.className = 'summary';
      summary.textContent = hit.summary;
      a.append(method, ' ', path, summary);
      // Keep focus in the input while clicking, so the list does not close before the click lands.
      a.addEventListener('mousedown', (event) => event.preventDefault());
      results.appendChild(a);
      shown.push(a);
    });
    open(true);
  };

  input.addEventListener('input', render);
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '') render();
  });
  input.addEventListener('blur', () => open(false));
  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (results.hidden) {
          if (input.value.trim() === '') return;
          render();
        }
        event.preventDefault();
        if (shown.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        select(selected < 0 ? (step > 0 ? 0 : shown.length - 1) : (selected + step + shown.length) % shown.length);
        break;
      }
      case 'Enter': {
        const target = shown[selected] ?? shown[0];
        if (target && !results.hidden) {
          event.preventDefault();
          open(false);
          target.click();
        }
        // Otherwise the form submits: the all-operations page.
        break;
      }
      case 'Escape':
        if (!results.hidden) {
          event.preventDefault();
          open(false);
        } else if (input.value !== '') {
          event.preventDefault();
          input.value = '';
        }
        break;
    }
  });
  // Whatever was typed while the scripts were loading.
  if (input.value.trim() !== '' && doc.activeElement === input) render();
}

const api: SearchUiApi = { init, query };
window.pveApidocSearch = api;
