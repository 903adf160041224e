/**
 * A schema node's constraints in words, once, for every output format: the HTML pages and the
 * Markdown export render the same sentences. A sentence is a list of pieces — our own wording,
 * literal values (shown as code) and schema text — so each format escapes exactly what it must.
 */
import type { SchemaNode } from '../model/types.js';

export type Piece = string | { code: string } | { text: string };
export type Phrase = Piece[];

export const RENDERER_WORDS: Readonly<Record<string, string>> = {
  bytes: 'a size in bytes',
  timestamp: 'a Unix timestamp (seconds)',
  duration: 'a duration in seconds',
  fraction_as_percentage: 'a fraction (0–1), usually shown as a percentage',
  yaml: 'YAML text',
};

const lit = (value: unknown): Piece => ({ code: String(value) });

export function describeConstraints(node: SchemaNode): Phrase[] {
  const out: Phrase[] = [];
  if (node.enum && node.enum.length > 0) out.push(['One of: ', ...node.enum.flatMap((v, i) => (i === 0 ? [lit(v)] : [', ', lit(v)]))]);
  if (node.minimum !== undefined && node.maximum !== undefined) out.push(['Range: ', lit(node.minimum), ' – ', lit(node.maximum)]);
  else if (node.minimum !== undefined) out.push(['Minimum: ', lit(node.minimum)]);
  else if (node.maximum !== undefined) out.push(['Maximum: ', lit(node.maximum)]);
  if (node.minLength !== undefined && node.maxLength !== undefined) out.push([`Length: ${node.minLength}–${node.maxLength} characters`]);
  else if (node.minLength !== undefined) out.push([`At least ${node.minLength} characters`]);
  else if (node.maxLength !== undefined) out.push([`At most ${node.maxLength} characters`]);
  if (node.pattern !== undefined) out.push(['Pattern: ', lit(node.pattern)]);
  const format = node.format;
  if (format?.kind === 'named') {
    const described: Phrase = node.formatDescription ? [' (', { text: node.formatDescription }, ')'] : [];
    if (format.list)
      out.push([
        'Format: ',
        lit(format.name),
        ' — a list of ',
        lit(format.base),
        ' values separated by commas, semicolons or spaces',
        ...described,
      ]);
    else if (format.opt) out.push(['Format: ', lit(format.name), ' — ', lit(format.base), ' or empty', ...described]);
    else out.push(['Format: ', lit(format.name), ...described]);
  }
  if (node.renderer) {
    out.push(['Rendered as ', { text: Object.hasOwn(RENDERER_WORDS, node.renderer) ? RENDERER_WORDS[node.renderer]! : node.renderer }]);
  }
  if (node.type === 'boolean') out.push(['Boolean: send ', lit(1), ' or ', lit(0)]);
  return out;
}

/** Renders a phrase: `text` escapes schema text, `code` shows a literal value. */
export function renderPhrase(phrase: Phrase, text: (s: string) => string, code: (s: string) => string): string {
  return phrase.map((p) => (typeof p === 'string' ? p : 'code' in p ? code(p.code) : text(p.text))).join('');
}
