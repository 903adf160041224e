/** HTML escaping for untrusted schema text. Also neutralises bidi controls that could disguise text. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;' };

// Bidirectional override/isolate characters (Trojan Source): shown as visible code points instead.
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return text
    .replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]!)
    .replace(BIDI, (c) => `&lt;U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}&gt;`);
}

/** Only these URL schemes may appear in links that come from schema text. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  // Relative links and anchors: no scheme at all (a colon before any / ? # would be a scheme).
  if (!/^[^/?#]*:/.test(trimmed)) return trimmed;
  return null;
}
