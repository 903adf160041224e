/**
 * A schema node's constraints in words, once, for every output format: the HTML pages and the
 * Markdown export render the same sentences (document/phrase.ts), each escaping what it must.
 */
import type { SchemaNode } from '../model/types.js';
import { code, joined, phrase, text, type Phrase } from './phrase.js';

export const RENDERER_WORDS: Readonly<Record<string, string>> = {
  bytes: 'a size in bytes',
  timestamp: 'a Unix timestamp (seconds)',
  duration: 'a duration in seconds',
  fraction_as_percentage: 'a fraction (0–1), usually shown as a percentage',
  yaml: 'YAML text',
};

export function describeConstraints(node: SchemaNode): Phrase[] {
  const out: Phrase[] = [];
  if (node.enum && node.enum.length > 0) out.push(phrase('One of: ', ...joined(node.enum.map(code), ', ')));
  if (node.minimum !== undefined && node.maximum !== undefined) out.push(phrase('Range: ', code(node.minimum), ' – ', code(node.maximum)));
  else if (node.minimum !== undefined) out.push(phrase('Minimum: ', code(node.minimum)));
  else if (node.maximum !== undefined) out.push(phrase('Maximum: ', code(node.maximum)));
  if (node.minLength !== undefined && node.maxLength !== undefined)
    out.push(phrase(`Length: ${node.minLength}–${node.maxLength} characters`));
  else if (node.minLength !== undefined) out.push(phrase(`At least ${node.minLength} characters`));
  else if (node.maxLength !== undefined) out.push(phrase(`At most ${node.maxLength} characters`));
  if (node.pattern !== undefined) out.push(phrase('Pattern: ', code(node.pattern)));
  const format = node.format;
  if (format?.kind === 'named') {
    const described = node.formatDescription ? phrase(' (', text(node.formatDescription), ')') : [];
    if (format.list)
      out.push(
        phrase(
          'Format: ',
          code(format.name),
          ' — a list of ',
          code(format.base),
          ' values separated by commas, semicolons or spaces',
          ...described,
        ),
      );
    else if (format.opt) out.push(phrase('Format: ', code(format.name), ' — ', code(format.base), ' or empty', ...described));
    else out.push(phrase('Format: ', code(format.name), ...described));
  }
  if (node.renderer) {
    out.push(phrase('Rendered as ', text(Object.hasOwn(RENDERER_WORDS, node.renderer) ? RENDERER_WORDS[node.renderer]! : node.renderer)));
  }
  if (node.type === 'boolean') out.push(phrase('Boolean: send ', code(1), ' or ', code(0)));
  return out;
}
