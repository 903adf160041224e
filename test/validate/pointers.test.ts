import { describe, expect, it } from 'vitest';
import { checkExpansion } from '../../generator/deref/expansion.js';
import { ValidationError } from '../../generator/errors.js';
import { checkDepth, MAX_DEPTH } from '../../generator/validate/semantic.js';

// Both build their pointer with errors.ts joinPointer (issue 25): keys with "/" and "~" are escaped
// as RFC 6901 says, array indexes are plain numbers.
describe('pointers of reported values', () => {
  it('checkDepth escapes the keys on the way to a too deep value', () => {
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_DEPTH; i++) deep = [deep];
    expect(checkDepth({ 'a/b~c': [deep] })?.pointer).toMatch(/^\/a~1b~0c\/0(\/0)+$/);
  });

  it('checkExpansion escapes the keys leading to the multiplying reference', () => {
    const root = { defs: { x: [1, 2, 3, 4] }, 'p/q~r': { a: { $ref: '#/defs/x' }, b: { $ref: '#/defs/x' } } };
    try {
      checkExpansion('t', root, 10);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).violations[0]!.pointer).toMatch(/^\/p~1q~0r/);
    }
  });
});
