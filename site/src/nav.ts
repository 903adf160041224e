/**
 * The sidebar's path tree. The page carries only its own branch (server-rendered, long lists cut
 * around the page's way); this adds disclosure buttons and the filter box to it, and loads the
 * whole tree only when one of them needs more than the branch has: a collapsed entry opened, a
 * "… N more" entry followed, the filter used. The whole tree is assets/nav-tree.js, a classic
 * script that sets a global (so it loads from file:// too); once it is there, the sidebar is
 * rebuilt from it with the same markup and the same entries open, each sub-list built when it is
 * first shown (a 20,000-path API is 20,000 entries of data, not of DOM). Also the drawer
 * behaviour of the header's "Paths" button on phones.
 */

/** [segment, file relative to the site root, children?] as written by generator/render/nav.ts. */
type NavNode = [string, string, NavNode[]?];

declare global {
  interface Window {
    pveApidocNav?: NavNode[];
  }
}

/** One path of the whole tree; its list item exists once its parent's list has been shown. */
interface Entry {
  text: string;
  file: string;
  /** Full path ("/nodes/{node}/qemu"); lower case in `key`, for the filter. */
  path: string;
  key: string;
  parent: Entry | null;
  kids: Entry[];
  li: HTMLLIElement | null;
  button: HTMLButtonElement | null;
  list: HTMLUListElement | null;
  /** Filter state: the entry matches or has a match below (`show`), has a match below (`below`). */
  show: boolean;
  below: boolean;
}

/** What asked for the whole tree, so that the rebuilt sidebar opens and focuses the same place. */
interface Want {
  /** URL of an entry to open. */
  open?: string;
  /** URL of an entry to focus: its disclosure button when `open`, else its link. */
  focus?: string | undefined;
  /** Focus the sibling after (1) or before (-1) that entry instead. */
  step?: 1 | -1;
}

export function initNav(root: Document): void {
  const sidebar = root.getElementById('sidebar');
  const holder = sidebar?.querySelector<HTMLElement>('.nav-tree');
  if (!sidebar || !holder) return;
  initDrawer(root, sidebar);
  const body = root.body;
  const base = body.getAttribute('data-root') || './';
  const clean = body.getAttribute('data-clean-urls') === '1';
  const current = body.getAttribute('data-file') || '';
  const href = (file: string): string => base + (clean ? file.replace(/(^|\/)index\.html$/, '$1') : file);
  // Entries are matched with the branch's links by absolute URL (the branch links relatively).
  const absolute = (file: string): string => new URL(href(file), root.baseURI).href;
  const src = holder.getAttribute('data-tree');

  let loading: Promise<NavNode[] | null> | null = null;
  const load = (): Promise<NavNode[] | null> =>
    (loading ??= new Promise((resolve) => {
      const ready = (): void => resolve(Array.isArray(window.pveApidocNav) ? window.pveApidocNav : null);
      if (Array.isArray(window.pveApidocNav) || !src) return ready();
      const script = root.createElement('script');
      script.src = src;
      script.addEventListener('load', ready);
      script.addEventListener('error', ready);
      root.head.appendChild(script);
    }));

  // The whole tree, once rendered.
  let top: Entry[] | null = null;
  const built: Entry[] = [];

  const renderList = (list: Entry[], open: Set<string>): HTMLUListElement => {
    const ul = root.createElement('ul');
    for (const entry of list) ul.appendChild(renderItem(entry, open));
    return ul;
  };
  const renderItem = (entry: Entry, open: Set<string>): HTMLLIElement => {
    const li = root.createElement('li');
    const a = root.createElement('a');
    a.href = href(entry.file);
    a.textContent = entry.text;
    a.title = entry.path;
    if (entry.file === current) a.setAttribute('aria-current', 'page');
    entry.li = li;
    built.push(entry);
    if (entry.kids.length) {
      const button = twisty(root, entry.path);
      button.addEventListener('click', () => setOpen(entry, !expanded(button), open));
      li.append(button, a);
      entry.button = button;
      setOpen(entry, open.has(absolute(entry.file)), open);
    } else li.appendChild(a);
    return li;
  };
  /** Shows or hides an entry's sub-list, building it the first time. */
  const setOpen = (entry: Entry, open: boolean, opened: Set<string> = new Set()): void => {
    if (!entry.button || !entry.li) return;
    if (open && !entry.list) {
      entry.list = renderList(entry.kids, opened);
      entry.li.appendChild(entry.list);
    }
    entry.button.setAttribute('aria-expanded', String(open));
    if (entry.list) entry.list.hidden = !open;
  };

  /** Replaces the branch by the whole tree, with what is open in the branch open. */
  const whole = (data: NavNode[], want: Want): void => {
    if (top) return;
    const open = new Set<string>();
    for (const button of Array.from(holder.querySelectorAll<HTMLButtonElement>('.nav-twisty[aria-expanded="true"]'))) {
      const link = button.nextElementSibling;
      if (link instanceof HTMLAnchorElement) open.add(link.href);
    }
    if (want.open) open.add(want.open);
    const entries = (nodes: NavNode[], parent: Entry | null): Entry[] =>
      nodes.map(([text, file, kids]) => {
        const path = parent ? `${parent.path}/${text}` : text;
        const entry: Entry = {
          text,
          file,
          path,
          key: path.toLowerCase(),
          parent,
          kids: [],
          li: null,
          button: null,
          list: null,
          show: true,
          below: false,
        };
        entry.kids = kids ? entries(kids, entry) : [];
        return entry;
      });
    top = entries(data, null);
    holder.replaceChildren(renderList(top, open));
    holder.classList.add('nav-full');
    // Built entries only: the one to focus was in the branch, so it is built again now.
    let target = want.focus ? built.find((e) => absolute(e.file) === want.focus) : undefined;
    if (target && want.step) {
      const siblings = target.parent?.kids ?? top;
      target = siblings[siblings.indexOf(target) + want.step];
    }
    if (target) (want.open ? target.button : target.li?.querySelector<HTMLAnchorElement>(':scope > a'))?.focus();
  };

  /** Loads the whole tree for `want`; without it (the script failed), `fallback` runs instead. */
  const need = (want: Want, fallback: () => void): void => {
    void load().then((data) => (data ? whole(data, want) : fallback()));
  };

  // The branch: each link titled with its full path (not in the HTML: a fifth of a page's bytes),
  // and a disclosure button on each entry with sub-paths, open where the branch lists them.
  const paths = new Map<Element, string>();
  for (const a of Array.from(holder.querySelectorAll<HTMLAnchorElement>('li > a'))) {
    const above = a.parentElement?.parentElement?.parentElement?.querySelector(':scope > a');
    const path = above && paths.has(above) ? `${paths.get(above)}/${a.textContent ?? ''}` : (a.textContent ?? '');
    paths.set(a, path);
    if (!a.parentElement?.classList.contains('nav-more')) a.title = path;
  }
  for (const li of Array.from(holder.querySelectorAll<HTMLLIElement>('li[data-sub]'))) {
    const a = li.querySelector<HTMLAnchorElement>(':scope > a');
    if (!a) continue;
    const sub = li.querySelector<HTMLUListElement>(':scope > ul');
    const button = twisty(root, a.title);
    li.insertBefore(button, a);
    button.setAttribute('aria-expanded', String(sub !== null));
    button.addEventListener('click', () => {
      if (sub) {
        const open = !expanded(button);
        button.setAttribute('aria-expanded', String(open));
        sub.hidden = !open;
      } else need({ open: a.href, focus: a.href }, () => a.click());
    });
  }
  // "… N more": the rest of the list, here instead of on the page it links to.
  for (const more of Array.from(holder.querySelectorAll<HTMLAnchorElement>('li.nav-more > a'))) {
    more.addEventListener('click', (event) => {
      if (!src) return;
      event.preventDefault();
      // Focus the first entry this reveals: the one after the last shown (or before the first).
      const item = more.parentElement;
      const after = item?.previousElementSibling;
      const shown = (after ?? item?.nextElementSibling)?.querySelector<HTMLAnchorElement>(':scope > a');
      need({ focus: shown?.href, step: after ? 1 : -1 }, () => {
        window.location.href = more.href;
      });
    });
  }

  addFilter(root, holder, {
    prefetch: () => void load(),
    filter: (terms) =>
      void load().then((data) => {
        if (!data) return;
        whole(data, {});
        if (top) applyFilter(terms());
      }),
  });

  // The open state before filtering, restored when the box is emptied.
  let saved: Map<Entry, boolean> | null = null;
  const applyFilter = (terms: string[]): void => {
    if (!top) return;
    if (terms.length === 0) {
      for (const entry of built) {
        if (entry.li) entry.li.hidden = false;
        if (entry.button) setOpen(entry, saved?.get(entry) ?? false);
      }
      saved = null;
      return;
    }
    if (!saved) saved = new Map(built.filter((e) => e.button).map((e) => [e, e.button ? expanded(e.button) : false]));
    const mark = (list: Entry[]): boolean => {
      let any = false;
      for (const entry of list) {
        entry.below = mark(entry.kids);
        entry.show = entry.below || terms.every((t) => entry.key.includes(t));
        any ||= entry.show;
      }
      return any;
    };
    // Top down, so that a list opened for a match is built before its entries are shown or hidden.
    const paint = (list: Entry[]): void => {
      for (const entry of list) {
        if (entry.li) entry.li.hidden = !entry.show;
        if (!entry.button) continue;
        if (entry.below || entry.list) setOpen(entry, entry.below);
        if (entry.list) paint(entry.kids);
      }
    };
    mark(top);
    paint(top);
  };

  // Bring the current entry into the sidebar's view without scrolling the page itself.
  const link = holder.querySelector<HTMLAnchorElement>('a[aria-current="page"]');
  if (link) {
    const box = sidebar.getBoundingClientRect();
    const at = link.getBoundingClientRect();
    if (at.bottom > box.bottom || at.top < box.top) sidebar.scrollTop += at.top - box.top - box.height / 3;
  }
}

/** A disclosure button beside an entry's link (a link inside <summary> would nest two controls). */
function twisty(root: Document, path: string): HTMLButtonElement {
  const button = root.createElement('button');
  button.type = 'button';
  button.className = 'nav-twisty';
  button.setAttribute('aria-label', `Sub-paths of ${path}`);
  return button;
}

const expanded = (button: HTMLButtonElement): boolean => button.getAttribute('aria-expanded') === 'true';

/** The filter box above the tree: the whole tree starts loading when it gets focus. */
function addFilter(root: Document, holder: HTMLElement, on: { prefetch: () => void; filter: (terms: () => string[]) => void }): void {
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
  input.addEventListener('focus', on.prefetch);
  // The terms are read when the tree is there, so that typing while it loads filters by the last value.
  input.addEventListener('input', () => on.filter(() => input.value.toLowerCase().split(/\s+/).filter(Boolean)));
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
