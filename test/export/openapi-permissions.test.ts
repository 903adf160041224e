import { describe, expect, it } from 'vitest';
import { permCheckJson } from '../../generator/export/openapi-permissions.js';
import type { PermCheck } from '../../generator/model/types.js';

// The converter replaced a cast of the model's objects (issue 25): the JSON must be the object as
// it was, key order included (the document's bytes did not change).
describe('x-proxmox-permissions checks', () => {
  const checks: PermCheck[] = [
    { kind: 'perm', path: '/vms/{vmid}', privs: ['VM.Audit'], any: false },
    { kind: 'perm', path: '/', privs: ['Sys.Audit', 'Sys.Modify'], any: true, requireParam: 'node' },
    { kind: 'userid-group', privs: ['User.Modify'] },
    { kind: 'userid-group', privs: ['User.Modify'], groupsParam: 'update' },
    { kind: 'userid-param', value: 'self' },
    { kind: 'perm-modify', path: '/access' },
    { kind: 'role', roles: ['admin', 'audit'] },
    { kind: 'user-param', param: 'userid' },
    { kind: 'user', user: 'all' },
    { kind: 'group', group: 'admins' },
    { kind: 'with-param', param: 'userid', check: { kind: 'user', user: 'world' } },
    { kind: 'unknown', raw: '["frobnicate"]' },
  ];
  const nested: PermCheck = { kind: 'or', items: [{ kind: 'and', items: checks.slice(0, 3) }, ...checks.slice(3)] };

  it.each(checks.map((c) => [c.kind, c] as const))('writes a %s check as the model holds it', (_kind, check) => {
    expect(JSON.stringify(permCheckJson(check))).toBe(JSON.stringify(check));
  });

  it('writes and/or trees as the model holds them', () => {
    expect(JSON.stringify(permCheckJson(nested))).toBe(JSON.stringify(nested));
  });
});
