/**
 * Text that others display (a PR comment, a terminal, a file an LLM reads): control characters
 * (ESC, BEL, CR, the C1 range, DEL) and bidi controls are written as visible `\uXXXX`, so schema
 * text cannot move a cursor, retitle a window or make a line read differently from what it says.
 * Line feeds and tabs are kept: this is for whole documents, not one-line diagnostics.
 */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function showControls(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What a reader of a page cannot see: bidi controls and the C0/C1 control characters HTML does not
 * allow in documents (all but tab, line feed, form feed and carriage return). The pages show each
 * as `<U+XXXX>` (render/escape.ts) and the Markdown export writes the same text, so a PBS pattern
 * such as `[^\x00-\x1F\x7F]` given with raw bytes reads the same in both.
 */
export const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;
/**
 * The same class, not global: `test` keeps no lastIndex between calls. Written out again, not
 * built from INVISIBLE's source: no code compiles a regex from text (test/hardening/bounded-patterns.test.ts).
 */
export const HAS_INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;

/** `<U+202E>` for each such character: plain text, for a format to escape as its own text. */
export function visibleCodePoints(text: string): string {
  // Nearly every text has none: a test is cheaper than a replace that finds nothing.
  return HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, (c) => `<U+${codePointHex(c)}>`) : text;
}

export function codePointHex(c: string): string {
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}
