/**
 * A path node's `text` is HTML to the official viewer (its tree renders it as markup): PBS labels
 * its root "&#x200b;Management API (HTTP)", the zero-width space only there to sort it first.
 * Our pages escape every label, so the reference has to be decoded here, once, as the schema is
 * read into the model; left as it is, every PBS breadcrumb showed the literal "&#x200b;".
 */

import { trimBoth } from '../text/trim.js';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Zero-width characters at either end carry no text (a sort key, a stray BOM); one unit tested. */
const EDGE_INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff]$/;
const isEdgeInvisible = (unit: string): boolean => EDGE_INVISIBLE.test(unit);

/** HTML character references decoded (numeric ones and the common names); anything else stays as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name]! : whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    // Not a character: NUL, surrogates, beyond Unicode. Left as written rather than guessed.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

/** The label shown for a path node: its decoded `text`, or the path's last segment when it has none. */
export function pathLabel(text: string | undefined, path: string): string {
  const label = text === undefined ? '' : trimBoth(decodeEntities(text), isEdgeInvisible);
  return label || (path.split('/').pop() ?? path) || path;
}
