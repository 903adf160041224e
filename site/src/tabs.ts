/**
 * Example tabs: each operation's examples (curl with a token, curl with a ticket, pvesh,
 * JavaScript, Python) become one tab list; the kind last chosen is remembered (localStorage) and
 * shown on every operation and page. Without JavaScript the examples stay stacked.
 */
const STORE_KEY = 'pve-apidoc-example';

export function initExampleTabs(root: Document): void {
  const sections = Array.from(root.querySelectorAll<HTMLElement>('section.examples'));
  if (sections.length === 0) return;
  const tabSets: { select(kind: string): boolean }[] = [];
  const choose = (kind: string): void => {
    for (const set of tabSets) set.select(kind);
    try {
      window.localStorage.setItem(STORE_KEY, kind);
    } catch {
      // Storage may be off (private mode, file:// policies): the choice then lasts for this page.
    }
  };
  let uid = 0;
  // One tab list per set of examples: the section's own figures, or, where an operation shows a
  // typical and a minimal request, each variant's figures (the example response joins the typical set).
  const containers = sections.flatMap((section) => {
    const variants = Array.from(section.querySelectorAll<HTMLElement>(':scope .example-variant'));
    return variants.length
      ? variants.map((v) => ({ section: v, extra: v.dataset.variant === 'typical' ? responseOf(section) : [] }))
      : [{ section, extra: [] }];
  });
  for (const { section, extra } of containers) {
    const figures = [...Array.from(section.querySelectorAll<HTMLElement>(':scope > figure.example')), ...extra];
    if (figures.length < 2) continue;
    const list = root.createElement('div');
    list.className = 'example-tabs';
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Example language');
    const tabs: HTMLButtonElement[] = [];
    figures.forEach((figure, i) => {
      const kind = exampleKind(figure);
      const tab = root.createElement('button');
      tab.type = 'button';
      tab.className = 'example-tab';
      tab.setAttribute('role', 'tab');
      tab.id = `example-tab-${++uid}`;
      tab.textContent = figure.querySelector('figcaption')?.textContent ?? kind;
      tab.dataset.kind = kind;
      // The code block is the panel (<figure> does not take the tabpanel role).
      const panel = figure.querySelector('pre') ?? figure;
      if (!panel.id) panel.id = `${figure.id}-panel`;
      tab.setAttribute('aria-controls', panel.id);
      panel.setAttribute('role', 'tabpanel');
      // Focusable, as tab panels are, and so that keyboard users can scroll wide code.
      panel.tabIndex = 0;
      panel.setAttribute('aria-labelledby', tab.id);
      tab.addEventListener('click', () => choose(kind));
      tab.addEventListener('keydown', (event) => {
        const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        event.preventDefault();
        const next = tabs[(i + step + tabs.length) % tabs.length]!;
        choose(next.dataset.kind ?? '');
        next.focus();
      });
      tabs.push(tab);
      list.appendChild(tab);
    });
    section.insertBefore(list, figures[0]!);
    section.classList.add('has-tabs');
    const select = (kind: string): boolean => {
      const index = Math.max(
        0,
        tabs.findIndex((t) => t.dataset.kind === kind),
      );
      tabs.forEach((tab, i) => {
        const on = i === index;
        tab.setAttribute('aria-selected', String(on));
        tab.tabIndex = on ? 0 : -1;
        figures[i]!.hidden = !on;
      });
      return tabs[index]?.dataset.kind === kind;
    };
    tabSets.push({ select });
  }
  let saved = '';
  try {
    saved = window.localStorage.getItem(STORE_KEY) ?? '';
  } catch {
    saved = '';
  }
  for (const set of tabSets) set.select(saved);
}

function responseOf(section: HTMLElement): HTMLElement[] {
  return Array.from(section.querySelectorAll<HTMLElement>(':scope > figure.example-response'));
}

/** The example's kind from its id ("get-curl-token", "get-typical-curl-token" -> "curl-token"), the same on every operation. */
function exampleKind(figure: HTMLElement): string {
  const section = figure.closest('.operation');
  const prefix = section?.id ? `${section.id}-` : '';
  const kind = figure.id.startsWith(prefix) ? figure.id.slice(prefix.length) : figure.id;
  return kind.startsWith('typical-') ? kind.slice('typical-'.length) : kind;
}
