/**
 * The sidebar's path tree. The page carries only its own branch; the whole tree comes from
 * assets/nav-tree.js (a classic script that sets a global, so it loads from file:// too) and is
 * rendered here with the same markup, the current page marked and its ancestors open. Adds the
 * filter box and, on phones, the drawer behaviour of the header's "Paths" button.
 */

/** [segment, file relative to the site root, children?] as written by generator/render/nav.ts. */
type NavNode = [string, string, NavNode[]?];

declare global {
  interface Window {
    pveApidocNav?: NavNode[];
  }
}

interface Rendered {
  li: HTMLLIElement;
  /** The disclosure of an entry with children: its button and the list it shows. */
  toggle: { button: HTMLButtonElement; list: HTMLUListElement } | null;
  /** Full path, lower case, for the filter. */
  key: string;
  children: Rendered[];
}

export function initNav(root: Document): void {
  const sidebar = root.getElementById('sidebar');
  const holder = sidebar?.querySelector<HTMLElement>('.nav-tree');
  if (!sidebar || !holder) return;
  initDrawer(root, sidebar);
  const data = window.pveApidocNav;
  if (!Array.isArray(data)) return;
  const body = root.body;
  const base = body.getAttribute('data-root') || './';
  const clean = body.getAttribute('data-clean-urls') === '1';
  const current = body.getAttribute('data-file') || '';
  const href = (file: string): string => base + (clean ? file.replace(/(^|\/)index\.html$/, '$1') : file);

  let currentLink: HTMLAnchorElement | null = null;
  const build = (
    nodes: NavNode[],
    parentPath: string,
    into: HTMLElement,
  ): { list: HTMLUListElement; items: Rendered[]; hasCurrent: boolean } => {
    const list = root.createElement('ul');
    const items: Rendered[] = [];
    let hasCurrent = false;
    for (const [text, file, kids] of nodes) {
      const path = parentPath ? `${parentPath}/${text}` : text;
      const li = root.createElement('li');
      const a = root.createElement('a');
      a.href = href(file);
      a.textContent = text;
      a.title = path;
      const isCurrent = file === current;
      if (isCurrent) {
        a.setAttribute('aria-current', 'page');
        currentLink = a;
        hasCurrent = true;
      }
      let toggle: Rendered['toggle'] = null;
      let children: Rendered[] = [];
      if (kids?.length) {
        // A disclosure button beside the link (a link inside <summary> would nest two controls).
        const button = root.createElement('button');
        button.type = 'button';
        button.className = 'nav-twisty';
        button.setAttribute('aria-label', `Sub-paths of ${path}`);
        li.append(button, a);
        const sub = build(kids, path, li);
        children = sub.items;
        toggle = { button, list: sub.list };
        const open = sub.hasCurrent || isCurrent;
        if (open) hasCurrent = true;
        setOpen(toggle, open);
        button.addEventListener('click', () => setOpen(toggle!, button.getAttribute('aria-expanded') !== 'true'));
      } else li.appendChild(a);
      list.appendChild(li);
      items.push({ li, toggle, key: path.toLowerCase(), children });
    }
    into.appendChild(list);
    return { list, items, hasCurrent };
  };
  const fragment = root.createElement('div');
  const { items } = build(data, '', fragment);
  holder.replaceChildren(...Array.from(fragment.childNodes));
  holder.classList.add('nav-full');
  addFilter(root, holder, items);
  // Bring the current entry into the sidebar's view without scrolling the page itself.
  const link = currentLink as HTMLAnchorElement | null;
  if (link) {
    const box = sidebar.getBoundingClientRect();
    const at = link.getBoundingClientRect();
    if (at.bottom > box.bottom || at.top < box.top) sidebar.scrollTop += at.top - box.top - box.height / 3;
  }
}

function setOpen(toggle: NonNullable<Rendered['toggle']>, open: boolean): void {
  toggle.button.setAttribute('aria-expanded', String(open));
  toggle.list.hidden = !open;
}

const isOpen = (toggle: NonNullable<Rendered['toggle']>): boolean => toggle.button.getAttribute('aria-expanded') === 'true';

function addFilter(root: Document, holder: HTMLElement, items: Rendered[]): void {
  const label = root.createElement('label');
  label.className = 'nav-filter';
  const text = root.createElement('span');
  text.className = 'visually-hidden';
  text.textContent = 'Filter the paths';
  const input = root.createElement('input');
  input.type = 'search';
  input.placeholder = 'Filter paths';
  input.autocomplete = 'off';
  input.spellcheck = false;
  label.append(text, input);
  holder.parentElement?.insertBefore(label, holder);
  // The open state before filtering, restored when the box is emptied.
  const saved = new Map<NonNullable<Rendered['toggle']>, boolean>();
  const all: Rendered[] = [];
  const collect = (list: Rendered[]): void => {
    for (const item of list) {
      all.push(item);
      collect(item.children);
    }
  };
  collect(items);
  const apply = (terms: string[], list: Rendered[]): boolean => {
    let any = false;
    for (const item of list) {
      const self = terms.every((t) => item.key.includes(t));
      const below = apply(terms, item.children);
      item.li.hidden = !(self || below);
      if (item.toggle) setOpen(item.toggle, below);
      any ||= self || below;
    }
    return any;
  };
  input.addEventListener('input', () => {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) {
      for (const item of all) {
        item.li.hidden = false;
        if (item.toggle) setOpen(item.toggle, saved.get(item.toggle) ?? isOpen(item.toggle));
      }
      saved.clear();
      return;
    }
    if (saved.size === 0) for (const item of all) if (item.toggle) saved.set(item.toggle, isOpen(item.toggle));
    apply(terms, items);
  });
}

/** Phones: the sidebar is a drawer; the header's "Paths" link (a jump to the tree without JavaScript) toggles it. */
function initDrawer(root: Document, sidebar: HTMLElement): void {
  const toggle = root.querySelector<HTMLAnchorElement>('.nav-toggle');
  if (!toggle) return;
  toggle.setAttribute('role', 'button');
  toggle.setAttribute('aria-expanded', 'false');
  const set = (open: boolean): void => {
    root.body.classList.toggle('nav-open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', (event) => {
    // Wide screens show the sidebar beside the content: the link just jumps to it.
    if (getComputedStyle(sidebar).position !== 'fixed' && !root.body.classList.contains('nav-open')) return;
    event.preventDefault();
    const open = !root.body.classList.contains('nav-open');
    set(open);
    if (open) sidebar.querySelector<HTMLElement>('input, a')?.focus();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && root.body.classList.contains('nav-open')) {
      set(false);
      toggle.focus();
    }
  });
  sidebar.addEventListener('click', (event) => {
    if ((event.target as HTMLElement | null)?.closest('a')) set(false);
  });
}
