import { describe, expect, it } from 'vitest';
import { stableId } from '../../generator/model/urls.js';
import { privilegeId } from '../../generator/render/pages.js';

// Regression: idFragment() folded case and punctuation, so hostile privilege or section names such as
// "VM.Audit" / "vm.audit" / "vm audit" shared one id and one anchor on the privileges index.
describe('ids from schema names', () => {
  it('keeps plain names readable', () => {
    expect(privilegeId('VM.Audit')).toBe('priv-VM.Audit');
    expect(stableId('section', 'nodes')).toBe('section-nodes');
  });

  it('gives distinct names distinct ids', () => {
    const names = ['VM.Audit', 'vm.audit', 'vm audit', 'vm-audit', 'VM.Audit ', '<VM.Audit>', ''];
    const ids = names.map(privilegeId);
    expect(new Set(ids).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^priv-[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });
});
