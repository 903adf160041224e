/**
 * The viewer dialect: what PVE hosts serve at /pve-docs/api-viewer/apidata.js. It is JavaScript,
 * but we never evaluate it: we accept exactly one array, either bare JSON or assigned once
 * (`var pveapi = [...];`, `const apiSchema = [...];`), and parse the array as JSON.
 */
import { InputError } from '../errors.js';
import { parseJson } from './json.js';

const ASSIGNMENT = /^\s*(?:(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*)?/;

export function parseViewerDump(source: string, text: string): unknown {
  const prefix = ASSIGNMENT.exec(text)?.[0] ?? '';
  const rest = text.slice(prefix.length);
  // Trimmed by hand: a regex like /\s*;?\s*$/ backtracks quadratically over a 4 MB pretty-printed file.
  let body = rest.trimEnd();
  if (body.endsWith(';')) body = body.slice(0, -1).trimEnd();
  if (!body.startsWith('[')) {
    throw new InputError(source, null, 'not a viewer schema: expected a JSON array, optionally assigned once (`const apiSchema = [...];`)');
  }
  if (!body.endsWith(']')) {
    throw new InputError(source, null, 'not a single array assignment: text after the array, or the array is cut short');
  }
  return parseJson(source, body, prefix.length);
}
