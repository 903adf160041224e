/**
 * A schema node's constraints in words, once, for every output format: the HTML pages and the
 * Markdown export render the same sentences (document/phrase.ts), each escaping what it must.
 */
import type { SchemaNode } from '../model/types.js';
import { code, joined, phrase, text, type Phrase } from './phrase.js';

const RENDERER_WORDS: Readonly<Record<string, string>> = {
  bytes: 'a size in bytes',
  timestamp: 'a Unix timestamp (seconds)',
  duration: 'a duration in seconds',
  fraction_as_percentage: 'a fraction (0–1), usually shown as a percentage',
  yaml: 'YAML text',
};

/** Which way a value travels: sent in a request, or returned in a response (wording only). */
export type Direction = 'request' | 'response';

const TYPE_WORDS = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null']);

/**
 * `jsonBooleans`: the product's API speaks JSON `true`/`false` (PBS, Rust); PVE and PMG (Perl)
 * take and return 1 and 0.
 */
export function describeConstraints(node: SchemaNode, direction: Direction = 'request', jsonBooleans = false): Phrase[] {
  const out: Phrase[] = [];
  // The synopsis is often a pattern or an enum: then say the JSON type the value has.
  if (TYPE_WORDS.has(node.type) && !node.synopsis.includes(`<${node.type}>`)) out.push(phrase('Type: ', code(node.type)));
  // An enum the synopsis already lists (`a | b | c`) is not listed a second time.
  if (node.enum && node.enum.length > 0 && !listsEnum(node.synopsis, node.enum))
    out.push(phrase('One of: ', ...joined(node.enum.map(code), ', ')));
  if (node.minimum !== undefined && node.maximum !== undefined) out.push(phrase('Range: ', code(node.minimum), ' – ', code(node.maximum)));
  else if (node.minimum !== undefined) out.push(phrase('Minimum: ', code(node.minimum)));
  else if (node.maximum !== undefined) out.push(phrase('Maximum: ', code(node.maximum)));
  if (node.minLength !== undefined && node.maxLength !== undefined)
    out.push(phrase(`Length: ${node.minLength}–${node.maxLength} characters`));
  else if (node.minLength !== undefined) out.push(phrase(`At least ${node.minLength} characters`));
  else if (node.maxLength !== undefined) out.push(phrase(`At most ${node.maxLength} characters`));
  if (node.pattern !== undefined) out.push(phrase('Pattern: ', code(node.pattern)));
  const format = node.format;
  if (format?.kind === 'list') out.push(...listLength(format.minLength, format.maxLength));
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
  if (node.type === 'boolean' && jsonBooleans) {
    out.push(phrase('Boolean: ', code('true'), ' or ', code('false')));
  } else if (node.type === 'boolean') {
    out.push(booleanPhrase(direction));
  }
  return out;
}

/** How a 1/0 boolean travels; the only constraint whose words depend on the direction. */
export function booleanPhrase(direction: Direction): Phrase {
  return direction === 'request'
    ? phrase('Boolean: send ', code(1), ' or ', code(0))
    : phrase('Boolean: returned as ', code(1), ' or ', code(0));
}

/** A list property string's `minLength`/`maxLength` (proxmox-schema: the number of elements). */
function listLength(min: number | undefined, max: number | undefined): Phrase[] {
  if (min !== undefined && max !== undefined) return [phrase('Number of values in the list: ', code(min), ' – ', code(max))];
  if (min !== undefined) return [phrase('At least ', code(min), min === 1 ? ' value in the list' : ' values in the list')];
  if (max !== undefined) return [phrase('At most ', code(max), max === 1 ? ' value in the list' : ' values in the list')];
  return [];
}

function listsEnum(synopsis: string, values: readonly string[]): boolean {
  const shown = new Set(synopsis.replace(/^<|>$/g, '').split(' | '));
  return values.every((v) => shown.has(v));
}
