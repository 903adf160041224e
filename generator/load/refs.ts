/**
 * The reference-preserving dialect (Proxmox's pve-api.json): JSON plus Perl JSON "tagged values".
 * We rewrite the three known tags into standard JSON before parsing:
 *   ("Ref")["/root/0/..."]  -> {"$ref": "#/root/0/..."}   (a JSON pointer into the same document)
 *   ("Code")[]              -> {"x-proxmox-code": true}    (a format validated by code, no schema)
 *   ("Regex")["(?^:...)"]   -> {"x-proxmox-regex": "..."}  (a stringified Perl regular expression)
 * The scan skips JSON strings, so a description containing `("Ref")` is left alone.
 */
import { InputError } from '../errors.js';
import { lineColumn, parseJson } from './json.js';
import { printable } from '../text/printable.js';

// A JSON string, or a tag with its (at most one-string) argument array.
const TOKEN = /"(?:[^"\\]|\\.)*"|\(\s*"(\w+)"\s*\)\s*\[\s*("(?:[^"\\]|\\.)*")?\s*\]/g;

export function parseRefsDump(source: string, text: string): unknown {
  const out: string[] = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const tag = match[1];
    if (tag === undefined) continue; // a plain string: copied through unchanged
    out.push(text.slice(last, match.index), rewriteTag(source, text, match.index, tag, match[2]));
    last = TOKEN.lastIndex;
  }
  out.push(text.slice(last));
  const rewritten = out.join('');
  // After stripping, a leftover tag reads ("") : one the token pattern could not rewrite.
  if (/\(\s*""\s*\)/.test(stripStrings(rewritten))) {
    const at = stripStrings(text).search(/\(\s*""\s*\)/);
    throw new InputError(source, null, `malformed tagged value at ${lineColumn(text, at)}`);
  }
  return parseJson(source, rewritten);
}

function rewriteTag(source: string, text: string, index: number, tag: string, arg: string | undefined): string {
  switch (tag) {
    case 'Ref': {
      if (arg === undefined) throw new InputError(source, null, `("Ref") without a pointer at ${lineColumn(text, index)}`);
      let pointer: string;
      try {
        pointer = JSON.parse(arg) as string;
      } catch {
        // The token pattern accepts any backslash pair; JSON does not ("\q", raw line breaks).
        throw new InputError(source, null, `("Ref") pointer ${printable(arg)} is not a valid JSON string at ${lineColumn(text, index)}`);
      }
      if (pointer !== '' && !pointer.startsWith('/')) {
        throw new InputError(source, null, `("Ref") pointer ${printable(arg)} is not a JSON pointer at ${lineColumn(text, index)}`);
      }
      return JSON.stringify({ $ref: '#' + pointer });
    }
    case 'Code':
      return '{"x-proxmox-code":true}';
    case 'Regex':
      return `{"x-proxmox-regex":${arg ?? '""'}}`;
    default:
      throw new InputError(source, null, `unknown tagged value ("${tag}") at ${lineColumn(text, index)}`);
  }
}

/** Blanks out string contents so a search for tags cannot match inside descriptions. */
function stripStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}
