/**
 * Search box placeholder: the full-text search (lazy index, listbox results) is built in its own
 * module; until it loads, the form submits to the all-operations page, which works without JS.
 */
export function initSearch(root: Document): void {
  const input = root.getElementById('search-input') as HTMLInputElement | null;
  if (!input) return;
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if ((event.key === '/' && !typing) || (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
}
