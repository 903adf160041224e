/**
 * JSON to embed in a classic script (`window.X = …;`) whose strings come from schema text: it must
 * not end the script ("</script"), open an HTML comment ("<!--") or break a line in JavaScript
 * (U+2028/2029). JSON.stringify escapes everything else.
 */
export function jsonForScript(value: unknown): string {
  // One pass over the text (the PVE 9.1 search index is ~750 KB; four passes took three times as long).
  return JSON.stringify(value).replace(/[<>\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c] ?? c);
}

const SCRIPT_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
