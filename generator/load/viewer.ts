/**
 * The viewer dialect: what PVE and PMG hosts serve as api-viewer/apidata.js, and the viewer script
 * PBS serves at /docs/api-viewer/apidoc.js. It is JavaScript, but we never evaluate it: we accept
 * one array, either bare JSON or assigned once (`var pveapi = [...];`, `const apiSchema = [...];`),
 * and parse the array as JSON. PBS appends the viewer's own ExtJS code after `];`: whatever follows
 * the terminating semicolon is ignored (never run), and reported as a note for --verbose.
 */
import { InputError } from '../errors.js';
import { lineColumn, parseJson } from './json.js';

const ASSIGNMENT = /^\s*(?:(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*=\s*)?/;

export interface ViewerDump {
  document: unknown;
  /** What was left unread after the array (for --verbose), or null when nothing was. */
  ignored: string | null;
}

export function parseViewerDump(source: string, text: string): ViewerDump {
  const prefix = ASSIGNMENT.exec(text)?.[0] ?? '';
  const rest = text.slice(prefix.length);
  if (!rest.startsWith('[')) {
    throw new InputError(source, null, 'not a viewer schema: expected a JSON array, optionally assigned once (`const apiSchema = [...];`)');
  }
  const end = arrayEnd(rest);
  if (end < 0) throw new InputError(source, null, 'not a single array assignment: the array is cut short');
  const after = skipWhitespace(rest, end);
  if (after === rest.length) return { document: parseJson(source, rest.slice(0, end), prefix.length), ignored: null };
  if (rest[after] === ';') {
    const tail = skipWhitespace(rest, after + 1);
    const document = parseJson(source, rest.slice(0, end), prefix.length);
    if (tail === rest.length) return { document, ignored: null };
    const bytes = Buffer.byteLength(rest.slice(tail));
    const at = lineColumn(text, prefix.length + tail);
    return { document, ignored: `ignored ${bytes} bytes of script after the schema array (from ${at}); it is never run` };
  }
  // Something other than `;` right after the array: not one assignment. Parsing the whole rest
  // names the first offending character (`[...]\ngarbage]`, `[...] + x`).
  let body = rest.trimEnd();
  if (body.endsWith(';')) body = body.slice(0, -1).trimEnd();
  if (!body.endsWith(']')) throw new InputError(source, null, 'not a single array assignment: text after the array');
  return { document: parseJson(source, body, prefix.length), ignored: null };
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * Index just after the `]` that closes the array opening at 0, or -1 when it never closes.
 * Brackets inside JSON strings do not count; a counter (no recursion) so any nesting is fine.
 * Malformed JSON is not judged here: JSON.parse does that with a located message.
 */
function arrayEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) break;
        else i++;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}
