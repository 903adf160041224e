/**
 * Schema text quoted in a diagnostic goes to a terminal: an escape sequence (ESC, the 8-bit CSI,
 * OSC ... BEL) in a key or value could retitle the window, rewrite the screen or worse, and bidi
 * controls could make the line read differently from what it says. Such characters are shown as
 * \uXXXX, and so are line breaks: a diagnostic is one line.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
