/**
 * Load stage: source text -> parsed document in one of the two dialects. Dialect detection is by
 * shape: a JSON object is the reference-preserving dump, anything else must be a viewer dump.
 */
import { readSource, type ReadOptions } from './source.js';
import { parseViewerDump } from './viewer.js';
import { parseRefsDump } from './refs.js';
import { InputError } from '../errors.js';

export type Dialect = 'viewer' | 'refs';

export interface LoadedDocument {
  source: string;
  dialect: Dialect;
  /** viewer: the path-node array; refs: `{formats, root, ...}` with tags turned into standard JSON. */
  document: unknown;
  /** Whether any `$ref` may be present (decides if the deref stage has work to do). */
  hasRefs: boolean;
  /** Size of the source text in bytes, for the build summary. */
  bytes: number;
  /** Things the loader skipped on purpose (the viewer script after PBS's schema array), for --verbose. */
  notes: string[];
}

export async function load(source: string, options: ReadOptions = {}): Promise<LoadedDocument> {
  const text = await readSource(source, options);
  return parseDocument(source, text);
}

export function parseDocument(source: string, text: string): LoadedDocument {
  if (text.trim() === '') throw new InputError(source, null, 'the schema is empty');
  const dialect: Dialect = text.trimStart().startsWith('{') ? 'refs' : 'viewer';
  const notes: string[] = [];
  let document: unknown;
  if (dialect === 'refs') {
    document = parseRefsDump(source, text);
  } else {
    const viewer = parseViewerDump(source, text);
    document = viewer.document;
    if (viewer.ignored) notes.push(viewer.ignored);
  }
  return { source, dialect, document, hasRefs: text.includes('"$ref"') || text.includes('("Ref")'), bytes: Buffer.byteLength(text), notes };
}
