/**
 * Tool results are bounded: a long text (a 300-parameter operation's Markdown) is cut into pages
 * of at most PAGE_BYTES, at a paragraph or line break where one is near, and the client asks for
 * the next page with the cursor it was given. Lists are paged by item count and bytes alike.
 *
 * A cursor is opaque to the client: base64url of the query it belongs to and the offset. A cursor
 * given with other arguments than the ones it came from is refused rather than misread.
 */
import { ToolInputError } from './catalog.js';

/** Upper bound of one result's text, in UTF-8 bytes (about 6000 tokens). */
export const PAGE_BYTES = 24_000;

export interface Page {
  text: string;
  /** Present when there is more. */
  nextCursor?: string;
}

export function encodeCursor(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: key, o: offset }), 'utf8').toString('base64url');
}

/** The offset a cursor carries, 0 without one; refused when it belongs to another query. */
export function decodeCursor(cursor: string | undefined, key: string): number {
  if (cursor === undefined || cursor === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ToolInputError('invalid cursor');
  }
  const { k, o } = (parsed ?? {}) as { k?: unknown; o?: unknown };
  if (k !== key) throw new ToolInputError('this cursor belongs to another query (pass the same arguments as the call that returned it)');
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw new ToolInputError('invalid cursor');
  return o;
}

/**
 * One page of `text` from character `offset`; the footer says how to get the next one. `wrap`
 * frames each page's slice (the schema text's fence, quote.ts) and counts toward the page size.
 */
export function pageText(
  text: string,
  key: string,
  offset: number,
  wrap: (part: string) => string = (part) => part,
  limit = PAGE_BYTES,
): Page {
  if (offset > text.length) throw new ToolInputError('cursor past the end');
  const rest = text.slice(offset);
  const footerRoom = 200;
  const whole = wrap(rest);
  if (Buffer.byteLength(whole, 'utf8') <= limit) return { text: whole };
  const end = cut(rest, limit - footerRoom - Buffer.byteLength(wrap(''), 'utf8'));
  const next = offset + end;
  const cursor = encodeCursor(key, next);
  // The page is the exact slice (pages concatenate to the whole text); the footer follows it.
  const part = wrap(rest.slice(0, end));
  return { text: `${part}${/\n$/.test(part) ? '' : '\n'}[... continued: call again with cursor "${cursor}"]`, nextCursor: cursor };
}

/** A character index in `text` whose prefix is at most `bytes` long, preferring a paragraph, then a line break. */
function cut(text: string, bytes: number): number {
  let end = 0;
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > bytes) break;
    used += size;
    end += ch.length;
  }
  const window = text.slice(0, end);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph > end / 2) return paragraph + 2;
  const line = window.lastIndexOf('\n');
  if (line > end / 2) return line + 1;
  return Math.max(end, 1);
}

/** Items from `offset` up to `limit` of them and PAGE_BYTES of JSON, with a cursor when more remain. */
export function pageItems<T>(items: readonly T[], key: string, offset: number, limit: number): { items: T[]; nextCursor?: string } {
  const out: T[] = [];
  let bytes = 200;
  let i = offset;
  for (; i < items.length && out.length < limit; i++) {
    const size = Buffer.byteLength(JSON.stringify(items[i]), 'utf8') + 2;
    if (out.length > 0 && bytes + size > PAGE_BYTES) break;
    bytes += size;
    out.push(items[i]!);
  }
  return i < items.length ? { items: out, nextCursor: encodeCursor(key, i) } : { items: out };
}

/** A schema string cut to `max` characters for a list entry (the full text is one get_operation away). */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
