/** Calls as written on a command line or in a file, split and read without running anything. */
import { describe, expect, it } from 'vitest';
import { addParam, callLines, parseCall, shellWords } from '../../generator/check/parse-call.js';
import type { CallValue } from '../../generator/check/value.js';

describe('shell words', () => {
  it('handles quotes and backslashes as a POSIX shell, expanding nothing', () => {
    expect(shellWords(`a 'b c' "d \\"e\\" $HOME" f\\ g`)).toEqual(['a', 'b c', 'd "e" $HOME', 'f g']);
    expect(shellWords("a 'open")).toBeNull();
  });
});

describe('parseCall', () => {
  it('pvesh: verbs, --key value and --key=value, flags without a value, its own options dropped, repeats as lists', () => {
    expect(parseCall(['pvesh', 'set', '/x', '--a', '1', '--b=2', '--force', '--output-format', 'json', '--l', 'x', '--l', 'y'])).toEqual({
      ok: true,
      call: { method: 'PUT', path: '/x', params: { a: '1', b: '2', force: '1', l: ['x', 'y'] } },
    });
    expect(parseCall(['pvesh', 'frobnicate', '/x']).ok).toBe(false);
  });

  it('curl: -G moves data into the query; a JSON body keeps its types', () => {
    expect(parseCall(['curl', '-G', 'https://h:8006/api2/json/a?x=1', '-d', 'y=2'])).toEqual({
      ok: true,
      call: { method: 'GET', path: '/a', params: { x: '1', y: '2' } },
    });
    expect(parseCall(['curl', '--json', '{"n":1,"b":true}', 'https://h:8006/api2/json/a'])).toEqual({
      ok: true,
      call: { method: 'POST', path: '/a', params: { n: 1, b: true } },
    });
    expect(parseCall(['curl', 'https://example.com/other']).ok).toBe(false);
  });

  it('lines: METHOD /path key=value', () => {
    expect(parseCall(['post', '/a', 'k=v=w'])).toEqual({ ok: true, call: { method: 'POST', path: '/a', params: { k: 'v=w' } } });
    expect(parseCall(['GET', '/a', 'novalue']).ok).toBe(false);
  });

  it('files: comments and blank lines skipped, continuation lines joined, first line number kept', () => {
    expect(callLines('# x\n\nGET /a \\\n k=v\nGET /b\n')).toEqual([
      { line: 3, text: 'GET /a   k=v' },
      { line: 5, text: 'GET /b' },
    ]);
  });
});

describe('repeated keys', () => {
  it('extend one array in place: no copy per repeat (a copy each time made 20,000 repeats take tens of seconds)', () => {
    const params: Record<string, CallValue> = {};
    addParam(params, 'a', '1');
    addParam(params, 'a', '2');
    const list = params['a'];
    addParam(params, 'a', '3');
    expect(params['a']).toBe(list);
    expect(list).toEqual(['1', '2', '3']);
  });

  it('keep a name like __proto__ as an own parameter', () => {
    const params: Record<string, CallValue> = {};
    addParam(params, '__proto__', 'x');
    addParam(params, '__proto__', 'y');
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.entries(params)).toEqual([['__proto__', ['x', 'y']]]);
  });

  it('read a line with one key 20,000 times (the old copying code took 48 s)', () => {
    const parsed = parseCall(['POST', '/nodes/pve1/qemu', ...Array.from({ length: 20_000 }, () => 'vmid=100')]);
    expect(parsed.ok && (parsed.call.params['vmid'] as CallValue[]).length).toBe(20_000);
    // Not a speed assertion: a bound 100 times what it needs, which the copying code (48 s) cannot meet.
  }, 15_000);
});
