/**
 * The search UI with MiniSearch, bundled on its own into assets/search.js (a classic script that
 * sets `window.pveApidocSearch`) and loaded by search.ts only when search is first used, so pages
 * that never search never download it.
 *
 * An ARIA combobox: the input controls the `#search-results` listbox; every result is a link with
 * role="option" and aria-selected, the input's aria-activedescendant follows the selection.
 * Arrow keys move, Enter opens the selected (else the best) result, Escape closes the list. The
 * first RESULTS_SHOWN results show while typing; the last option, "Show all N results", and the
 * Search button list every match (until these scripts load, the button submits to the
 * all-operations page instead). Each result says why it matched: the matched words are marked,
 * and words that matched out of sight (a label, a key) are named.
 * Ranking is shared with the index builder, the relevance tests and Node consumers
 * (generator/search/query.ts).
 */
import { loadSearchIndex, type SearchHit, type SearchModel, search } from '../../generator/search/query.js';
import { type SearchIndexData, stem, tokenize } from '../../generator/search/terms.js';
import { unseenWords } from './search-why.js';

export interface SearchUiOptions {
  input: HTMLInputElement;
  results: HTMLElement;
  /** The payload of assets/search-index.js. */
  data: unknown;
  /** Relative URL of the site root from this page ("../../"). */
  root: string;
  /** The form was submitted (or the page opened with ?q=) before the scripts loaded: list every match. */
  submitted?: boolean;
  /** Hosted site: link to folders; offline bundle: link to explicit index.html files. */
  cleanUrls: boolean;
}

export interface SearchUiApi {
  init(options: SearchUiOptions): void;
  /** For benchmarks and tests: the ranked results of a query, without touching the page. */
  query(text: string, limit?: number): SearchHit[];
}

const RESULTS_SHOWN = 10;
let index: SearchModel | null = null;

function query(text: string, limit = RESULTS_SHOWN): SearchHit[] {
  if (!index) throw new Error('search index not loaded');
  return search(index, text, { limit }).hits;
}

/** Link from the current page to an anchor of a result's page: root-relative file, folder form on hosted sites. */
function resultHref(hit: SearchHit, anchor: string, root: string, cleanUrls: boolean): string {
  let file = hit.file;
  if (cleanUrls && /(^|\/)index\.html$/.test(file)) file = file.slice(0, -'index.html'.length);
  return `${root}${file}#${anchor}`;
}

/** What one hit matched (index words), what its lines have marked so far, and the synonyms table. */
interface Marks {
  matched: ReadonlySet<string>;
  marked: Set<string>;
  /** A word as written -> the schema's word it stands for ("vm" -> "qemu"), as the index reads it. */
  canonical: ReadonlyMap<string, string>;
  /** The schema's word -> the word the query said for it ("qemu" -> "vm"), for the "matches …" line. */
  said: ReadonlyMap<string, string>;
}

/**
 * Appends `text` to `parent`, each word the hit matched wrapped in <mark> and noted in `marked`.
 * A word matches as itself or as the schema's word it stands for, so "VMs" in a label is marked for
 * a "qemu" match and the "matches …" line never names the index's internal word.
 */
function appendMarked(doc: Document, parent: HTMLElement, text: string, marks: Marks): void {
  for (const part of text.split(/([\p{L}\p{N}]+)/u)) {
    if (part === '') continue;
    const word = stem(part.toLowerCase());
    // Both forms count as shown: "backup" marked here also answers the "vzdump" it stands for.
    const forms = [word, marks.canonical.get(word)].filter((w): w is string => w !== undefined && marks.matched.has(w));
    if (forms.length > 0) {
      const mark = doc.createElement('mark');
      mark.textContent = part;
      parent.appendChild(mark);
      for (const w of forms) marks.marked.add(w);
    } else parent.appendChild(doc.createTextNode(part));
  }
}

/**
 * Appends schema text: a `code span` becomes <code> (never a raw backtick), the rest plain, the
 * matched words marked in both.
 */
function appendText(doc: Document, parent: HTMLElement, text: string, marks: Marks): void {
  text.split(/`([^`]*)`/).forEach((part, i) => {
    if (i % 2 === 0) appendMarked(doc, parent, part.replace(/`/g, ''), marks);
    else if (part !== '') {
      const code = doc.createElement('code');
      appendMarked(doc, code, part, marks);
      parent.appendChild(code);
    }
  });
}

/** One listbox option: a link, keyboard-selected through the input. */
function option(doc: Document, id: string, href: string, className: string, hitKey: string): HTMLAnchorElement {
  const a = doc.createElement('a');
  a.id = id;
  a.href = href;
  a.setAttribute('role', 'option');
  a.setAttribute('aria-selected', 'false');
  a.tabIndex = -1;
  a.className = className;
  // What the option stands for, "PUT /path" or "PUT /path — onboot" (tests and tools read it).
  a.dataset['hit'] = hitKey;
  // Keep focus in the input while clicking, so the list does not close before the click lands.
  a.addEventListener('mousedown', (event) => event.preventDefault());
  return a;
}

/**
 * One result: the operation (an option linking to its section) and, inside the same group, the
 * parameter rows that matched (options linking to their rows). Returns the group and its options.
 */
function renderHit(
  doc: Document,
  hit: SearchHit,
  id: string,
  link: (anchor: string) => string,
  words: Pick<Marks, 'canonical' | 'said'>,
): { group: HTMLElement; options: HTMLAnchorElement[] } {
  const marks: Marks = { ...words, matched: new Set(hit.matched), marked: new Set<string>() };
  const { marked } = marks;
  const opKey = `${hit.method} ${hit.path}`;
  const group = doc.createElement('div');
  group.setAttribute('role', 'group');
  group.className = 'hit-group';
  const a = option(doc, id, link(hit.operationAnchor), 'hit', opKey);
  group.setAttribute('aria-labelledby', id);
  const method = doc.createElement('span');
  method.className = `method method-small method-${hit.method.toLowerCase()}`;
  method.textContent = hit.method;
  const path = doc.createElement('code');
  path.className = 'path';
  appendMarked(doc, path, hit.path, marks);
  a.append(method, ' ', path);
  const summary = doc.createElement('span');
  summary.className = 'summary';
  appendText(doc, summary, hit.summary, marks);
  a.appendChild(summary);
  group.appendChild(a);
  const options = [a];
  hit.params.forEach((p, j) => {
    const row = option(doc, `${id}-${j}`, link(p.anchor), 'hit hit-param', `${opKey} — ${p.param}`);
    const name = doc.createElement('code');
    name.className = 'param';
    appendMarked(doc, name, p.param, marks);
    row.appendChild(name);
    if (p.text) {
      const text = doc.createElement('span');
      text.className = 'summary';
      appendText(doc, text, p.text, marks);
      row.append(' ', text);
    }
    group.appendChild(row);
    options.push(row);
  });
  // An operation found by what the interface calls it ("Backup now"): its label says why, with the
  // words marked; shown only when it names a word the lines of the result do not.
  if (hit.label && unseenWords(hit.matched, marked).length > 0) {
    const label = doc.createElement('span');
    label.className = 'label';
    const before = marked.size;
    appendMarked(doc, label, hit.label, marks);
    if (marked.size > before) summary.after(label);
  }
  // Words that matched where the list does not show them (a label, a property-string key, a
  // description further on): name them, so every result says why it is there.
  const unseen = unseenWords(hit.matched, marked);
  if (unseen.length > 0) {
    const why = doc.createElement('span');
    why.className = 'why';
    // A synonym and its schema word both say the typed word once.
    why.textContent = `matches ${[...new Set(unseen.map((w) => marks.said.get(w) ?? w))].join(', ')}`;
    (a.querySelector('.label') ?? summary).after(why);
  }
  return { group, options };
}

function init(options: SearchUiOptions): void {
  const { input, results } = options;
  if (input.getAttribute('data-search-ready') === '1') return;
  input.setAttribute('data-search-ready', '1');
  index = loadSearchIndex(options.data as SearchIndexData);
  let selected = -1;
  let shown: HTMLAnchorElement[] = [];
  const doc = input.ownerDocument;
  const form = input.form;

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
  /** Shows the results of the box's text: the first RESULTS_SHOWN, or all of them; returns how many match. */
  const render = (all = false): number => {
    const text = input.value;
    results.textContent = '';
    shown = [];
    selected = -1;
    input.removeAttribute('aria-activedescendant');
    // One letter matches nearly everything and nothing in particular: wait for the second.
    if (text.trim().length < 2 || !index) {
      open(false);
      return 0;
    }
    const { total, hits } = search(index, text, { limit: all ? Infinity : RESULTS_SHOWN });
    const { canonical } = index.terms;
    const said = new Map<string, string>();
    for (const word of tokenize(text.toLowerCase())) {
      const schemaWord = canonical.get(stem(word));
      if (schemaWord !== undefined && !said.has(schemaWord)) said.set(schemaWord, word);
    }
    results.classList.toggle('search-results-all', all);
    if (hits.length === 0) {
      const empty = doc.createElement('div');
      empty.className = 'empty';
      empty.textContent = 'No operation or parameter matches. Press Enter for the list of all operations.';
      results.appendChild(empty);
    } else if (all) {
      const head = doc.createElement('div');
      head.className = 'count';
      head.textContent = `All ${total} results`;
      results.appendChild(head);
    }
    hits.forEach((hit, i) => {
      const link = (anchor: string): string => resultHref(hit, anchor, options.root, options.cleanUrls);
      const { group, options: opts } = renderHit(doc, hit, `search-option-${i}`, link, { canonical, said });
      results.appendChild(group);
      shown.push(...opts);
    });
    if (!all && total > hits.length) {
      const more = doc.createElement('a');
      more.id = 'search-option-all';
      more.className = 'more';
      more.href = '#';
      more.setAttribute('role', 'option');
      more.setAttribute('aria-selected', 'false');
      more.tabIndex = -1;
      more.textContent = `Show all ${total} results`;
      more.addEventListener('mousedown', (event) => event.preventDefault());
      more.addEventListener('click', (event) => {
        event.preventDefault();
        render(true);
        // The first result the short list did not show.
        select(shown.findIndex((o) => o.id === `search-option-${RESULTS_SHOWN}`));
      });
      results.appendChild(more);
      shown.push(more);
    }
    open(true);
    return total;
  };

  input.addEventListener('input', () => render());
  input.addEventListener('focus', () => {
    if (input.value.trim() !== '') render();
  });
  input.addEventListener('blur', () => open(false));
  // The Search button: every match, in the list (the all-operations page is the fallback when
  // these scripts are not there, or when nothing matches).
  form?.addEventListener('submit', (event) => {
    if (input.value.trim().length < 2 || !index) return;
    // Focus first: the box's focus handler shows the short list, which the full one then replaces.
    input.focus();
    if (render(true) > 0) event.preventDefault();
  });
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
          if (target.id !== 'search-option-all') open(false);
          target.click();
        }
        // Otherwise the form submits: the full list in the box, or the all-operations page.
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
  // Whatever was typed, or submitted, while the scripts were loading.
  if (options.submitted && input.value.trim().length >= 2) {
    input.focus();
    render(true);
  } else if (input.value.trim() !== '' && doc.activeElement === input) render();
}

const api: SearchUiApi = { init, query };
window.pveApidocSearch = api;
