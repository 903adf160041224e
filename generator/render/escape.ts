/** HTML escaping for untrusted schema text. Also neutralises bidi controls that could disguise text. */
import { codePointHex, HAS_INVISIBLE, INVISIBLE } from '../text/visible.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

// Bidirectional override/isolate characters (Trojan Source): shown as visible code points instead.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]!).replace(BIDI, visibleCodePoint);
}

// Bidi controls plus the C0/C1 control characters HTML does not allow in documents: one class with
// the Markdown export (text/visible.ts), so both show the same `<U+XXXX>`.

function visibleCodePoint(c: string): string {
  return `&lt;U+${codePointHex(c)}&gt;`;
}

/**
 * Applied to every finished page: text that reached the HTML through another escaper (Handlebars'
 * own `{{...}}`, marked's text escaping) may still carry bidi or control characters. Our templates
 * contain none, so replacing them anywhere in the page is safe in text and attribute values alike.
 */
export function neutralizeInvisible(html: string): string {
  // Nearly every page has none: a test is cheaper than a replace that finds nothing (PVE 9.1: 443 pages, 12 M characters).
  return HAS_INVISIBLE.test(html) ? html.replace(INVISIBLE, visibleCodePoint) : html;
}

/**
 * Real schema strings are short (PVE 9.1: descriptions up to 1.7 K characters, defaults 72); a
 * hostile 1 MB string repeated in a page's description, default and enum would make pages no
 * browser can open. Longer text is cut, visibly, at these sizes.
 */
export const MAX_SHOWN = { text: 64 * 1024, code: 4 * 1024 } as const;

export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = cutEnd(text, max);
  return `${text.slice(0, end)} … [${text.length - end} more characters not shown]`;
}

/** Where to cut `text` to at most `max` code units: `max`, or one less so as never to split a surrogate pair. */
export function cutEnd(text: string, max: number): number {
  return /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
}

/** Only these URL schemes may appear in links that come from schema text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^https?:/i.test(trimmed)) {
    // Schema prose holds placeholders such as http://username:password@host:port/ that look like
    // links but are not URLs; they stay text rather than become broken links.
    return URL.canParse(trimmed) ? trimmed : null;
  }
  if (/^mailto:/i.test(trimmed)) return trimmed;
  // `//host`, `/\host` and `\\host` (browsers read `\` as `/` and drop tabs and line breaks)
  // name another host: on the hosted site another site, offline `file://host/...`. Not kept.
  if (/^[/\\]{2}/.test(trimmed.replace(/[\t\n\r]/g, ''))) return null;
  // Relative links and anchors: no scheme at all (a colon before any / ? # would be a scheme).
  if (!/^[^/?#]*:/.test(trimmed)) return trimmed;
  return null;
}
