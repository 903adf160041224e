/**
 * JSON.parse with an error that names the line and column. Node's own message does not always
 * carry a position ("Unexpected token 'h', "[hello]" is not valid JSON"), so on failure a small
 * iterative scanner finds the first offending character. It runs only on the error path.
 */
import { InputError } from '../errors.js';
import { printable } from '../text/printable.js';

export function parseJson(source: string, text: string, offset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(source, null, jsonErrorDetail(text, offset), { cause: error });
  }
}

/** What is wrong with text JSON.parse refused: "not valid JSON at line 3, column 7: unexpected …" (the config loader says it too). */
export function jsonErrorDetail(text: string, offset = 0): string {
  const at = firstJsonError(text);
  const where = at >= text.length ? ' (the text ends early: truncated?)' : ` at ${lineColumn(text, at, offset)}`;
  const found = at < text.length ? `: unexpected ${printable(JSON.stringify(text.slice(at, at + 12)))}` : '';
  return `not valid JSON${where}${found}`;
}

export function lineColumn(text: string, index: number, offset = 0): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  // `offset` is the number of characters removed before `text` on the first line (a stripped prefix).
  const column = index - lineStart + 1 + (line === 1 ? offset : 0);
  return `line ${line} column ${column}`;
}

const WS = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;

/** Index of the first character that makes `text` invalid JSON (text.length when it ends early). */
function firstJsonError(text: string): number {
  let i = 0;
  const skip = (): void => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.exec(text)) return false;
    i = re.lastIndex;
    return true;
  };
  // Explicit stack of open containers instead of recursion: inputs can nest arbitrarily deep.
  const stack: ('[' | '{')[] = [];
  const value = (): boolean => {
    skip();
    const c = text[i];
    if (c === '"') return match(STRING);
    if (c === '[' || c === '{') {
      stack.push(c);
      i++;
      return true;
    }
    return match(NUMBER) || match(LITERAL);
  };
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const top = stack[stack.length - 1];
      skip();
      if (top === '{' && text[i - 0] !== '}') {
        if (!match(STRING)) return i;
        skip();
        if (text[i] !== ':') return i;
        i++;
      } else if ((top === '[' && text[i] === ']') || (top === '{' && text[i] === '}')) {
        // empty container
        stack.pop();
        i++;
        expectValue = false;
        if (stack.length === 0) break;
        continue;
      }
      if (!value()) return i;
      const opened = text[i - 1] === '[' || text[i - 1] === '{';
      if (opened && stack[stack.length - 1] === text[i - 1]) continue;
      expectValue = false;
      if (stack.length === 0) break;
      continue;
    }
    skip();
    const top = stack[stack.length - 1];
    const c = text[i];
    if (c === ',') {
      i++;
      expectValue = true;
      skip();
      if ((top === '[' && text[i] === ']') || (top === '{' && text[i] === '}')) return i;
      continue;
    }
    if ((top === '[' && c === ']') || (top === '{' && c === '}')) {
      stack.pop();
      i++;
      if (stack.length === 0) break;
      continue;
    }
    return i;
  }
  skip();
  return Math.min(i, text.length);
}
