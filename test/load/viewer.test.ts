import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../generator/load/index.js';
import { InputError } from '../../generator/errors.js';

const NODE = '{"path":"/version","text":"version","leaf":1}';

describe('viewer dialect', () => {
  it.each([
    ['var assignment (PVE 6.x)', `var pveapi = [${NODE}];\n`],
    ['const assignment (PVE 7+)', `const apiSchema = [\n${NODE}\n]\n;\n\n`],
    ['let assignment without semicolon', `let x=[${NODE}]`],
    ['plain JSON array', `[${NODE}]`],
    ['byte-order mark and blank lines', `\n\n[${NODE}]\n\n`],
  ])('reads %s', (_name, text) => {
    const loaded = parseDocument('t.js', text);
    expect(loaded.dialect).toBe('viewer');
    expect(loaded.document).toEqual([{ path: '/version', text: 'version', leaf: 1 }]);
  });

  it.each([
    ['empty file', '', /the schema is empty/],
    ['only whitespace', '  \n ', /the schema is empty/],
    ['truncated JSON', `const apiSchema = [{"path":"/version"`, /array is cut short|not valid JSON/],
    ['not JSON', `const apiSchema = [hello];`, /not valid JSON at line 1 column/],
    ['a script after the array', `const apiSchema = [${NODE}]; alert(1);`, /not a single array assignment/],
    ['a function call, not an assignment', `init([${NODE}]);`, /not a viewer schema/],
    // The array is 47 characters after the 8-character prefix: the stray `;` is column 56.
    ['two assignments', `var a = [${NODE}]; var b = [];`, /not valid JSON at line 1 column 56: unexpected "; var b/],
    ['a bare string', `"hello"`, /not a viewer schema/],
  ])('rejects %s with a located one-line error', (_name, text, message) => {
    let error: unknown;
    try {
      parseDocument('bad.js', text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^bad\.js/);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('never evaluates the file as JavaScript', () => {
    (globalThis as Record<string, unknown>)['__pwned'] = false;
    expect(() => parseDocument('x.js', `const apiSchema = [(globalThis.__pwned = true)];`)).toThrow(InputError);
    expect((globalThis as Record<string, unknown>)['__pwned']).toBe(false);
  });
});
