/**
 * A model restored from the cache is the model that was stored: Maps, shared references and
 * null-prototype objects come back as they were (a lookup of "constructor" still finds nothing),
 * a class instance is refused rather than restored as a plain object, and a restored model
 * renders byte-identical files.
 */
import { contentBytes } from '../../generator/output-file.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, renderModelFiles } from '../../generator/build.js';
import { decodeModel, encodeModel } from '../../generator/cache/model-codec.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { packageRoot } from '../../generator/paths.js';

function roundTrip(value: unknown): unknown {
  const bytes = encodeModel(value);
  if (!bytes) throw new Error('not encodable');
  return decodeModel(bytes);
}

describe('model codec', () => {
  it('restores null prototypes, Maps and shared references', () => {
    const table = Object.create(null) as Record<string, number>;
    // biome-ignore lint/suspicious/noProto: an own key named __proto__ (the schema can have one) must survive the codec
    table['__proto__'] = 1;
    table['name'] = 2;
    const shared = { a: 1 };
    const restored = roundTrip({
      table,
      map: new Map([['k', shared]]),
      list: [shared, undefined],
      nested: [{ deep: Object.create(null) }],
    });
    if (typeof restored !== 'object' || restored === null) throw new Error('not an object');
    const r = restored as { table: Record<string, number>; map: Map<string, object>; list: unknown[]; nested: { deep: object }[] };
    expect(Object.getPrototypeOf(r.table)).toBeNull();
    expect(r.table['constructor']).toBeUndefined();
    expect(Object.keys(r.table)).toEqual(['__proto__', 'name']);
    expect(Object.getPrototypeOf(r.nested[0]!.deep)).toBeNull();
    expect(Object.getPrototypeOf(r.map)).toBe(Map.prototype);
    expect(r.map.get('k')).toBe(r.list[0]);
    expect(r.list).toHaveLength(2);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });

  it('refuses what it cannot restore exactly', () => {
    class Thing {
      x = 1;
    }
    expect(encodeModel({ thing: new Thing() })).toBeUndefined();
    expect(encodeModel({ f: () => 1 })).toBeUndefined();
  });

  it('throws on bytes that are not an encoded model', () => {
    expect(() => decodeModel(Buffer.from('garbage'))).toThrow();
  });

  it('a restored example model renders byte-identical files', async () => {
    const { model } = await loadModel({ schema: join(packageRoot(), 'schema', 'example-api.json') }, silentLogger());
    const restored = roundTrip(model) as ApiModel;
    const options = { schema: '', out: '', emit: ['model'] };
    const before = renderModelFiles(model, options);
    const after = renderModelFiles(restored, options);
    expect(after.map((f) => f.file)).toEqual(before.map((f) => f.file));
    for (const [i, f] of after.entries()) {
      expect(contentBytes(f.content).equals(contentBytes(before[i]!.content)), f.file).toBe(true);
    }
  });
});
