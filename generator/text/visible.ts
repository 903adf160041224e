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
