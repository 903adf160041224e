import { describe, expect, it } from 'vitest';
import { formatDef, formatKeys } from '../../generator/model/formats.js';
import type { ApiModel } from '../../generator/model/types.js';
import { key, named, schema } from '../helpers/model-builders.js';

// Regression: normalize() builds `formats` with a null prototype, but a model that crossed a worker
// thread or was reloaded from model.json has Object.prototype again; the search indexer then found
// Function for a format named "constructor". Every reader now asks generator/model/formats.ts.
describe('named-format lookups', () => {
  const model = JSON.parse(
    JSON.stringify({
      formats: { 'pve-qm-net': { kind: 'property-string', name: 'pve-qm-net', pointer: '', keys: [key('model', schema('string'))] } },
    }),
  ) as ApiModel;

  it('finds registered formats by full name and by base name', () => {
    expect(formatKeys(model, named('pve-qm-net'))?.map((k) => k.name)).toEqual(['model']);
    expect(formatKeys(model, named('pve-qm-net-list'))?.map((k) => k.name)).toEqual(['model']);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('finds nothing for a format named %s', (name) => {
    expect(Object.getPrototypeOf(model.formats)).toBe(Object.prototype);
    expect(formatDef(model.formats, name)).toBeUndefined();
    expect(formatKeys(model, named(name))).toBeNull();
  });
});
