/** JSON.parse with an error that names the line and column instead of a bare character offset. */
import { InputError } from '../errors.js';

export function parseJson(source: string, text: string, offset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position?.[1] !== undefined) {
      where = ` at ${lineColumn(text, Number(position[1]), offset)}`;
    } else if (/end of (JSON )?input|Unterminated/i.test(message)) {
      where = ' (the text ends early: truncated?)';
    }
    throw new InputError(source, null, `not valid JSON${where}: ${message.split('\n')[0]}`, { cause: error });
  }
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
