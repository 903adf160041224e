/** The search's word roots: Porter's stemmer on the examples of his paper, and what the search needs from it. */
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../generator/search/porter.js';

describe('porterStem', () => {
  it("gives the roots of Porter's paper", () => {
    const pairs: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['feed', 'feed'],
      ['agreed', 'agre'],
      ['plastered', 'plaster'],
      ['motoring', 'motor'],
      ['sing', 'sing'],
      ['conflated', 'conflat'],
      ['hopping', 'hop'],
      ['falling', 'fall'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['vietnamization', 'vietnam'],
      ['hopefulness', 'hope'],
      ['electrical', 'electr'],
      ['adjustment', 'adjust'],
      ['adoption', 'adopt'],
      ['controll', 'control'],
      ['rate', 'rate'],
    ];
    expect(pairs.map(([w]) => porterStem(w))).toEqual(pairs.map(([, r]) => r));
  });

  it('joins the forms of a verb and its noun, and leaves identifiers alone', () => {
    const roots = ['migrate', 'migrated', 'migrating', 'migration'].map(porterStem);
    expect(new Set(roots).size).toBe(1);
    expect(porterStem('replicate')).toBe(porterStem('replication'));
    expect(porterStem('configure')).toBe(porterStem('configuration'));
    for (const id of ['net0', 'scsi1', 'qemu', 'lxc', 'vm_start', 'cpu']) expect(porterStem(id)).toBe(id);
  });
});
