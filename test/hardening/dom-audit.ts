/**
 * What a built page may contain, checked on the live DOM in Chromium after the page's own script
 * ran. Schema text must only ever become text: any element, attribute or URL scheme outside this
 * list means some schema text was interpreted as markup, whether or not the CSP then blocked it.
 * The function is serialized into the page, so it must be self-contained.
 */

export interface DomFinding {
  what: string;
  detail: string;
}

/** Everything the templates, the sanitized Markdown renderer and site/src create. */
const ALLOWED_ELEMENTS = [
  'html',
  'head',
  'meta',
  'title',
  'link',
  'script',
  'body',
  'header',
  'nav',
  'main',
  'footer',
  'article',
  'section',
  'form',
  'label',
  'input',
  'button',
  'div',
  'span',
  'a',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'strong',
  'em',
  'del',
  'br',
  'hr',
  'blockquote',
  'kbd',
  'mark',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
  'small',
  'select',
  'option',
  // The path-tree sidebar and the identifier line breaks of the reading layout.
  'aside',
  'wbr',
];

/** Attributes our own markup uses; `data-*` and `aria-*` are allowed by prefix. */
const ALLOWED_ATTRIBUTES = [
  'id',
  'class',
  'href',
  'src',
  'rel',
  'title',
  'lang',
  'charset',
  'name',
  'content',
  'http-equiv',
  'defer',
  'type',
  'role',
  'for',
  'placeholder',
  'autocomplete',
  'spellcheck',
  'hidden',
  'action',
  'method',
  'scope',
  'tabindex',
  'disabled',
  'checked',
  'start',
  'align',
  'value',
  'readonly',
  'open',
  'selected',
  'colspan',
  'rowspan',
  'datetime',
  'download',
];

export function auditDom(options: { origin: string; allowedElements: string[]; allowedAttributes: string[] }): DomFinding[] {
  const findings: DomFinding[] = [];
  const add = (what: string, el: Element, detail = ''): void => {
    findings.push({ what, detail: `${el.outerHTML.slice(0, 160)}${detail ? ' — ' + detail : ''}` });
  };
  const w = window as unknown as Record<string, unknown>;
  if (w['__pwned'] !== undefined) findings.push({ what: 'marker global set', detail: String(w['__pwned']) });
  const safeUrl = (value: string): boolean => {
    let url: URL;
    try {
      url = new URL(value, document.baseURI);
    } catch {
      return true; // an unparsable relative reference goes nowhere
    }
    if (url.protocol === 'mailto:') return true;
    if (url.protocol === 'http:' || url.protocol === 'https:') return true;
    return false;
  };
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') add('foreign (SVG/MathML) element', el);
    if (!options.allowedElements.includes(tag)) add(`unexpected element <${tag}>`, el);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('data-') || name.startsWith('aria-')) continue;
      // main.js keeps the sticky header's height in a CSS variable on <html> (anchors land below it).
      if (name === 'style' && tag === 'html' && /^--header-h: ?[\d.]+px;?$/.test(attr.value.trim())) continue;
      if (!options.allowedAttributes.includes(name)) add(`unexpected attribute ${name}`, el);
    }
    if (tag === 'a' && el.hasAttribute('href') && !safeUrl(el.getAttribute('href')!)) add('unsafe link target', el);
    if ((tag === 'a' || tag === 'link') && el.hasAttribute('href')) {
      const url = new URL(el.getAttribute('href')!, document.baseURI);
      // Only links may leave the site; nothing that loads may.
      const inlineIcon = el.getAttribute('rel') === 'icon' && url.protocol === 'data:';
      if (tag === 'link' && url.origin !== options.origin && el.getAttribute('rel') !== 'canonical' && !inlineIcon)
        add('link to another origin', el);
    }
    if (tag === 'script') {
      const src = el.getAttribute('src');
      if (!src) add('inline script', el);
      else if (new URL(src, document.baseURI).origin !== options.origin) add('script from another origin', el);
    }
    if (tag === 'meta') {
      const equiv = (el.getAttribute('http-equiv') ?? '').toLowerCase();
      if (equiv && equiv !== 'content-security-policy') add('unexpected meta http-equiv', el);
    }
    if (tag === 'form' && !el.classList.contains('search')) add('form from schema text', el);
    if (tag === 'input' && el.getAttribute('type') === 'checkbox' && !el.hasAttribute('disabled')) add('enabled checkbox', el);
    // Our own inputs: the search box, the path-tree filter (sidebar) and the parameter filter.
    const ownInput = el.id === 'search-input' || el.closest('aside.sidebar') !== null || el.classList.contains('param-filter-input');
    if (tag === 'input' && !ownInput && el.getAttribute('type') !== 'checkbox') add('unexpected input', el);
  }
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  if (!/script-src 'self'/.test(csp) || /unsafe-inline|unsafe-eval/.test(csp)) findings.push({ what: 'missing or weak CSP', detail: csp });
  // The CSP must come before anything it governs.
  const headChildren = Array.from(document.head.children);
  const cspIndex = headChildren.findIndex((el) => el.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  const firstLoad = headChildren.findIndex((el) => el.tagName === 'SCRIPT' || el.tagName === 'LINK' || el.tagName === 'STYLE');
  if (cspIndex < 0 || (firstLoad >= 0 && firstLoad < cspIndex))
    findings.push({ what: 'CSP meta does not precede scripts and styles', detail: csp });
  // Bidi controls and C0/C1 controls must never reach the page as raw characters (Trojan Source).
  const raw = document.documentElement.outerHTML;
  const bad = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.exec(raw);
  if (bad)
    findings.push({
      what: 'raw control character',
      detail: `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(raw.slice(Math.max(0, bad.index - 60), bad.index + 20))}`,
    });
  return findings;
}

export const AUDIT_OPTIONS = { allowedElements: ALLOWED_ELEMENTS, allowedAttributes: ALLOWED_ATTRIBUTES };
