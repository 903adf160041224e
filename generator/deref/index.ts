/**
 * Dereference stage: replaces every internal `$ref` with the schema it points to, using
 * @apidevtools/json-schema-ref-parser. External references (other files, URLs) are never followed:
 * the schema may come from an untrusted host and must not make us read local files or the network.
 * A circular reference or one that points nowhere is an error naming the pointer — never an empty
 * object in its place.
 */
import type { JSONParserError } from '@apidevtools/json-schema-ref-parser';
import { ValidationError, joinPointer, type Violation } from '../errors.js';
import type { LoadedDocument } from '../load/index.js';
import { checkExpansion } from './expansion.js';

export interface DerefResult {
  document: unknown;
  /** Number of `$ref`s found (and resolved). */
  references: number;
}

export async function dereference(loaded: LoadedDocument): Promise<DerefResult> {
  if (!loaded.hasRefs) return { document: loaded.document, references: 0 };
  const references = countRefs(loaded.document);
  if (references === 0) return { document: loaded.document, references: 0 };
  // Before expanding anything: refuse a document whose references multiply it out of bounds.
  checkExpansion(loaded.source, loaded.document);

  const circular: Violation[] = [];
  // Loaded only when there is work: viewer dumps (the common case) have no $ref at all.
  const { $RefParser, JSONParserErrorGroup } = await import('@apidevtools/json-schema-ref-parser');
  const parser = new $RefParser();
  try {
    // The base path only anchors relative refs; with external resolution off nothing is read from it.
    const document = await parser.dereference('pve-apidoc-input.json', loaded.document as object, {
      resolve: { external: false, file: false, http: false },
      continueOnError: true,
      dereference: {
        circular: 'ignore',
        onCircular: (path: string) => {
          circular.push({ pointer: path.slice(path.indexOf('#') + 1), message: 'circular $ref: the schema refers to itself' });
        },
      },
    });
    if (circular.length > 0) throw new ValidationError(loaded.source, circular);
    const leftover = findRefs(document);
    if (leftover.length > 0) throw new ValidationError(loaded.source, leftover);
    return { document, references };
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    if (error instanceof JSONParserErrorGroup) {
      throw new ValidationError(
        loaded.source,
        error.errors.map((e) => toViolation(e)),
      );
    }
    const single = error as JSONParserError;
    if (single && typeof single.message === 'string') throw new ValidationError(loaded.source, [toViolation(single)]);
    throw error;
  }
}

function toViolation(error: JSONParserError): Violation {
  const path = error.path ?? [];
  const pointer = path.length > 0 ? joinPointer('', ...path) : '';
  return { pointer, message: `unresolvable $ref: ${error.message.split('\n')[0]}` };
}

/** Counted iteratively: the document can be large and (hostile input) deep. */
function countRefs(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') count++;
      else stack.push(child);
    }
  }
  return count;
}

/** `$ref`s still present after dereferencing: external ones, which we refuse to follow. */
function findRefs(root: unknown): Violation[] {
  const found: Violation[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; pointer: string }[] = [{ value: root, pointer: '' }];
  while (stack.length > 0 && found.length < 50) {
    const { value, pointer } = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        stack.push({ value: item, pointer: `${pointer}/${i}` });
      });
      continue;
    }
    const ref = (value as Record<string, unknown>)['$ref'];
    if (typeof ref === 'string') {
      found.push({ pointer, message: `unresolved $ref ${JSON.stringify(ref)} (only references inside the same document are followed)` });
      continue;
    }
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, pointer: joinPointer(pointer, key) });
  }
  return found;
}
