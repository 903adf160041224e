/**
 * Folding on path pages: optional parameters, key tables, nested returned fields and long
 * descriptions are closed <details> in the first view. Chromium opens a <details> itself when
 * find-in-page (Ctrl-F) matches inside it; this adds the rest:
 * - a link to an anchor inside folded content (#post-param-net-n) opens everything around it and
 *   then scrolls to it, on load and on every hash change;
 * - text selected inside folded content (window.find, a search that selects) opens it;
 * - a filter on methods with many parameters (by name, type and first sentence).
 */

export function initFolding(root: Document): void {
  const reveal = (always: boolean): void => {
    const id = decodeHash(root.location.hash);
    if (!id) return;
    const target = root.getElementById(id);
    if (!target) return;
    // On load, scroll again as well: the browser scrolled before the header's real height was known.
    if (openAround(target) || always) target.scrollIntoView();
  };
  window.addEventListener('hashchange', () => reveal(false));
  reveal(true);
  // window.find() and other programmatic selections do not open <details>; open what holds the selection.
  root.addEventListener('selectionchange', () => {
    const node = root.getSelection()?.anchorNode;
    const element = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
    if (element) openAround(element);
  });
  for (const box of Array.from(root.querySelectorAll<HTMLElement>('.param-filter'))) initParamFilter(box);
}

function decodeHash(hash: string): string {
  if (hash.length < 2) return '';
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

/** Opens the element (when it is a <details>) and every closed <details> around it; true if any opened. */
function openAround(element: Element): boolean {
  let opened = false;
  // A folded parameter's block holds its <details> (the permalink sits outside the summary).
  const own = element.querySelector(':scope > details');
  if (own instanceof HTMLDetailsElement && !own.open) {
    own.open = true;
    opened = true;
  }
  for (let el: Element | null = element; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement && !el.open) {
      // The element itself opens only when it is the target, not when text in its summary is selected.
      if (el === element || !el.querySelector(':scope > summary')?.contains(element)) {
        el.open = true;
        opened = true;
      }
    }
  }
  return opened;
}

/**
 * What the filter matches in a row: its name, its type and the first sentence of its description
 * (a folded row's name line shows those; an open row's type line and first paragraph hold them).
 */
function filterText(param: HTMLElement): string {
  const part = (selector: string): string => param.querySelector(selector)?.textContent ?? '';
  const type = part('.param-type') || part('.param-body > .type');
  const gist = part('.param-gist') || part('.param-body > p:not([class])');
  return `${param.dataset['name'] ?? ''}\n${type}\n${gist}`.toLowerCase();
}

function initParamFilter(box: HTMLElement): void {
  const section = box.closest('.params');
  const input = box.querySelector<HTMLInputElement>('input');
  const count = box.querySelector<HTMLElement>('.param-filter-count');
  if (!section || !input) return;
  box.hidden = false;
  const params = Array.from(section.querySelectorAll<HTMLElement>('.param[data-name]'));
  const groups = Array.from(section.querySelectorAll<HTMLElement>('.param-group'));
  // Read once, on first use: name, type and first sentence of each row, lower case.
  let texts: string[] | null = null;
  input.addEventListener('input', () => {
    const term = input.value.trim().toLowerCase();
    texts ??= params.map(filterText);
    let shown = 0;
    for (const [i, param] of params.entries()) {
      const match = !term || (texts[i] ?? '').includes(term);
      param.hidden = !match;
      if (match) shown++;
    }
    for (const group of groups) group.hidden = !group.querySelector('.param:not([hidden])');
    if (count) count.textContent = term ? `${shown} of ${params.length}` : '';
  });
}
