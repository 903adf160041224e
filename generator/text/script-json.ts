/**
 * JSON to embed in a classic script (`window.X = …;`) whose strings come from schema text: it must
 * not end the script ("</script"), open an HTML comment ("<!--") or break a line in JavaScript
 * (U+2028/2029). JSON.stringify escapes everything else.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
