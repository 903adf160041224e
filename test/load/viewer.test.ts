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
    ['text right after the array', `const apiSchema = [${NODE}] + 1;`, /not a single array assignment|not valid JSON/],
    ['an array that never closes', `var apiSchema = [${NODE}, "]"`, /array is cut short/],
    ['a function call, not an assignment', `init([${NODE}]);`, /not a viewer schema/],
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

  describe('the PBS viewer script: the array, then the viewer code', () => {
    const script = `var apiSchema = [\n${NODE}\n];\n/*global apiSchema*/\n\nExt.onReady(function() { alert("]"); });\n`;

    it('reads the array and ignores the code after `];`, with a note saying where', () => {
      const loaded = parseDocument('apidoc.js', script);
      expect(loaded.document).toEqual([{ path: '/version', text: 'version', leaf: 1 }]);
      expect(loaded.notes).toHaveLength(1);
      expect(loaded.notes[0]).toMatch(/^ignored \d+ bytes of script after the schema array \(from line 4 column 1\); it is never run$/);
    });

    it('finds the end of the array past brackets inside strings', () => {
      const tricky = `const apiSchema = [{"path":"/a]","text":"x\\"]["}];\nfoo();`;
      expect(parseDocument('t.js', tricky).document).toEqual([{ path: '/a]', text: 'x"][' }]);
    });

    it('never runs the ignored code', () => {
      (globalThis as Record<string, unknown>)['__pbsRan'] = false;
      parseDocument('x.js', `var apiSchema = [${NODE}]; globalThis.__pbsRan = true;`);
      expect((globalThis as Record<string, unknown>)['__pbsRan']).toBe(false);
    });

    it('has no note when nothing follows the array', () => {
      expect(parseDocument('t.js', `var a = [${NODE}];\n`).notes).toEqual([]);
    });
  });
});
