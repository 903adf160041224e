/**
 * JSON to embed in a classic script (`window.X = …;`) whose strings come from schema text: it must
 * not end the script ("</script"), open an HTML comment ("<!--") or break a line in JavaScript
 * (U+2028/2029). JSON.stringify escapes everything else.
 */
export function jsonForScript(value: unknown): string {
  return scriptSafe(JSON.stringify(value));
}

/**
 * JSON text made safe the same way, for a writer that stringifies piece by piece: these characters
 * only ever occur inside JSON strings, so escaping each piece equals escaping the whole.
 */
export function scriptSafe(json: string): string {
  // One pass over the text (the PVE 9.1 search index is ~750 KB; four passes took three times as
  // long); most pieces hold none of these characters, and the test is cheaper than a replace.
  return UNSAFE.test(json) ? json.replace(UNSAFE_ALL, (c) => SCRIPT_ESCAPES[c] ?? c) : json;
}

const UNSAFE = /[<>\u2028\u2029]/;
const UNSAFE_ALL = /[<>\u2028\u2029]/g;

const SCRIPT_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
