/**
 * The fidelity test's own reader of the raw schemas and of the built pages, written apart from the
 * generator on purpose (no import from generator/): if the generator misreads the schema, this
 * reader does not share the mistake.
 */
import { readFileSync } from 'node:fs';

export interface RawNode {
  path: string;
  info?: Record<string, RawMethod>;
  children?: RawNode[];
}

export interface RawMethod {
  parameters?: RawSchema;
  returns?: RawSchema;
  [key: string]: unknown;
}

export type RawSchema = Record<string, unknown>;

/**
 * A viewer dump or the PBS viewer script: the first array literal, found by counting brackets
 * outside strings (PBS appends the viewer's code after it).
 */
export function readTree(file: string): RawNode[] {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('[');
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return JSON.parse(text.slice(start, i + 1)) as RawNode[];
    }
  }
  throw new Error(`${file}: no complete array`);
}

export function* walk(nodes: RawNode[]): Generator<RawNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/** Perl's and Rust's booleans. */
export function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1';
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/** Page HTML -> the text a reader sees (tags removed, entities decoded, whitespace collapsed). */
export function visibleText(html: string): string {
  return html
    .replace(/<wbr\s*\/?>/gi, '') // a break opportunity, not a space
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ');
}
