import { describe, expect, it } from 'vitest';
import { normalizeNode, type NodeContext } from '../../generator/model/schema-node.js';

// The OpenAPI export reads a property's family from the model (issue 25): it must be set both for
// members folded here (mp0, mp1 -> mp[n]) and for a family the viewer dump already writes folded.
describe('numbered families of object properties', () => {
  const ctx: NodeContext = { registry: undefined, patterns: 'perl', unrunnable: [] };
  const props = (properties: Record<string, unknown>) => normalizeNode({ type: 'object', properties }, '', ctx).properties ?? [];

  it('names the base of folded members and of a [n] key, and nothing else', () => {
    const member = { type: 'string' };
    const out = props({ mp0: member, mp1: member, 'net[n]': { type: 'string' }, vmid: { type: 'integer' } });
    expect(out.map((p) => [p.name, p.family])).toEqual([
      ['mp[n]', 'mp'],
      ['net[n]', 'net'],
      ['vmid', undefined],
    ]);
    expect(out[0]!.familyRange).toEqual({ first: 0, last: 1 });
  });

  it('does not make a family of a key spelled "[n]" (no base), as for parameters', () => {
    expect(props({ '[n]': { type: 'string' } })[0]!.family).toBeUndefined();
  });
});
