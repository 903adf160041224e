/**
 * The words of the reference, once, for every output format. A sentence is a list of pieces: our
 * own wording, literal values (names, values: shown as code), schema prose, an emphasized schema
 * title, API paths (a link on the HTML page, code in Markdown), and the names a permission check
 * speaks of (privileges, ACL paths, request parameters: links where the page has a target). Each
 * format renders pieces with its own escaping (render/ for HTML, export/ for Markdown), so the
 * sentences cannot drift apart.
 */

/**
 * `privilege` links to the privileges index, `acl-path` links its `{param}` placeholders to the
 * parameter rows and `param` to its row, where the page has those targets.
 */
export type PieceKind = 'words' | 'code' | 'text' | 'strong' | 'api-path' | 'privilege' | 'acl-path' | 'param';

/** Every kind carries one string; the kind says how each format writes it. */
export interface Piece {
  readonly kind: PieceKind;
  readonly value: string;
}

export type Phrase = readonly Piece[];

export const code = (value: unknown): Piece => ({ kind: 'code', value: String(value) });
export const text = (value: string): Piece => ({ kind: 'text', value });
export const strong = (value: string): Piece => ({ kind: 'strong', value });
export const apiPath = (value: string): Piece => ({ kind: 'api-path', value });
export const privilege = (value: string): Piece => ({ kind: 'privilege', value });
export const aclPath = (value: string): Piece => ({ kind: 'acl-path', value });
export const param = (value: string): Piece => ({ kind: 'param', value });

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
  /** Formats that link nothing of a permission check leave these out: the names are written as code. */
  privilege?(value: string): string;
  aclPath?(value: string): string;
  param?(value: string): string;
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
    case 'privilege':
      return format.privilege ? format.privilege(piece.value) : format.code(piece.value);
    case 'acl-path':
      return format.aclPath ? format.aclPath(piece.value) : format.code(piece.value);
    case 'param':
      return format.param ? format.param(piece.value) : format.code(piece.value);
    default: {
      const never: never = piece.kind;
      return String(never);
    }
  }
}

const same = (value: string): string => value;

/** The phrase's text without any markup (search, terminals, tests). */
const PLAIN: PhraseFormat = { words: same, code: same, text: same, strong: same, apiPath: same };

export function plainText(p: Phrase): string {
  return renderPhrase(p, PLAIN);
}
