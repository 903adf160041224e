/**
 * The words of the reference, once, for every output format. A sentence is a list of pieces: our
 * own wording, literal values (names, values: shown as code), schema prose, an emphasized schema
 * title, and API paths (a link on the HTML page, code in Markdown). Each format renders pieces with
 * its own escaping (render/ for HTML, export/ for Markdown), so the sentences cannot drift apart.
 */

export type Piece =
  | { kind: 'words'; value: string }
  | { kind: 'code'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'strong'; value: string }
  | { kind: 'api-path'; value: string };

export type Phrase = readonly Piece[];

export const code = (value: unknown): Piece => ({ kind: 'code', value: String(value) });
export const text = (value: string): Piece => ({ kind: 'text', value });
export const strong = (value: string): Piece => ({ kind: 'strong', value });
export const apiPath = (value: string): Piece => ({ kind: 'api-path', value });

/** A phrase from our own words (plain strings) and pieces. */
export function phrase(...parts: (string | Piece)[]): Phrase {
  return parts.map((p) => (typeof p === 'string' ? { kind: 'words', value: p } : p));
}

/** `items` as pieces separated by `separator` (our words): "a, b, c" or "a or b". */
export function joined(items: readonly Piece[], separator: string): Piece[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [{ kind: 'words', value: separator } as const, item]));
}

/** How one output format writes each kind of piece. */
export interface PhraseFormat {
  words(value: string): string;
  code(value: string): string;
  text(value: string): string;
  strong(value: string): string;
  apiPath(value: string): string;
}

export function renderPhrase(p: Phrase, format: PhraseFormat): string {
  let out = '';
  for (const piece of p) out += renderPiece(piece, format);
  return out;
}

function renderPiece(piece: Piece, format: PhraseFormat): string {
  switch (piece.kind) {
    case 'words':
      return format.words(piece.value);
    case 'code':
      return format.code(piece.value);
    case 'text':
      return format.text(piece.value);
    case 'strong':
      return format.strong(piece.value);
    case 'api-path':
      return format.apiPath(piece.value);
    default: {
      const never: never = piece;
      return String(never);
    }
  }
}

const same = (value: string): string => value;

/** The phrase's text without any markup (search, terminals, tests). */
export const PLAIN: PhraseFormat = { words: same, code: same, text: same, strong: same, apiPath: same };

export function plainText(p: Phrase): string {
  return renderPhrase(p, PLAIN);
}
