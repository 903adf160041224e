/**
 * The permission forms of the other two products: PBS (Rust proxmox-router objects) and PMG (role
 * lists), normalized into first-class checks and said in English like PVE's.
 */
import { describe, expect, it } from 'vitest';
import { normalizePermissions, type PermissionDiagnostic } from '../../generator/model/permissions.js';
import { permissionsPlainText } from '../../generator/document/permissions.js';
import { renderPermissionsHtml } from '../../generator/render/permissions-html.js';

const POINTER = '/0/info/GET/permissions';

function show(raw: unknown, roleLists = false) {
  const diagnostics: PermissionDiagnostic[] = [];
  const model = normalizePermissions(raw, POINTER, (d) => diagnostics.push(d), { roleLists });
  const html = renderPermissionsHtml(model, (name) => `get-${name}`);
  return { model, html, text: permissionsPlainText(model), diagnostics };
}

describe('PBS (proxmox-router permission objects)', () => {
  it('a privilege check: path segments joined, all privileges needed, placeholders linked', () => {
    const r = show({ check: { partial: false, path: ['datastore', '{store}'], privs: ['Datastore.Audit', 'Datastore.Modify'] } });
    expect(r.model.check).toEqual({ kind: 'perm', path: '/datastore/{store}', privs: ['Datastore.Audit', 'Datastore.Modify'], any: false });
    expect(r.text).toBe('Requires all of Datastore.Audit, Datastore.Modify on /datastore/{store}.');
    expect(r.html).toContain('<a href="#get-store">{store}</a>');
    expect(r.diagnostics).toEqual([]);
  });

  it('partial: true means one of the privileges suffices', () => {
    const r = show({ check: { partial: true, path: ['datastore', '{store}'], privs: ['Datastore.Audit', 'Datastore.Backup'] } });
    expect(r.text).toBe('Requires any of Datastore.Audit, Datastore.Backup on /datastore/{store}.');
  });

  it('the empty path is the root ACL path', () => {
    expect(show({ check: { partial: false, path: [], privs: ['Sys.Audit'] } }).text).toBe('Requires Sys.Audit on /.');
  });

  it('or with userParam, and the method description kept beside it', () => {
    const r = show({
      or: [{ check: { partial: false, path: ['access', 'users'], privs: ['Permissions.Modify'] } }, { userParam: 'userid' }],
      description: 'Users may change their own.',
    });
    expect(r.model.check?.kind).toBe('or');
    expect(r.text).toBe(
      [
        'Any of:',
        '- Requires Permissions.Modify on /access/users.',
        '- Allowed when parameter userid names the calling user.',
        'Users may change their own.',
      ].join('\n'),
    );
    expect(r.html).toContain('<a href="#get-userid">userid</a>');
  });

  it('and of two checks', () => {
    const r = show({
      and: [
        { check: { partial: false, path: ['datastore', '{store}'], privs: ['Datastore.Modify'] } },
        { check: { partial: false, path: ['system', 'disks'], privs: ['Sys.Modify'] } },
      ],
    });
    expect(r.text).toBe('All of:\n- Requires Datastore.Modify on /datastore/{store}.\n- Requires Sys.Modify on /system/disks.');
  });

  it('user all / world at the top keep the PVE meanings; a check object beside a description', () => {
    expect(show({ user: 'all', description: 'Requires Datastore.Audit.' }).model.mode).toBe('all');
    expect(show({ user: 'world' }).model.mode).toBe('world');
    const r = show({
      check: { partial: false, path: ['datastore'], privs: ['Datastore.Allocate'] },
      description: 'And Sys.Modify for a device.',
    });
    expect(r.model.mode).toBe('check');
    expect(r.model.description).toBe('And Sys.Modify for a device.');
  });

  it('the superuser form, a named user, a group, withParam, and nested user forms', () => {
    expect(show({ user: 'root@pam' }).model.mode).toBe('root');
    expect(show({ user: 'backup@pbs' }).text).toBe('Only the user backup@pbs.');
    expect(show({ group: 'admins' }).text).toBe('Members of the group admins.');
    expect(show({ or: [{ user: 'all' }, { user: 'world' }] }).text).toBe(
      'Any of:\n- Any authenticated user.\n- Anyone, even without logging in.',
    );
    const w = show({ withParam: { name: 'auth-id', permissions: { check: { partial: false, path: ['access'], privs: ['Sys.Audit'] } } } });
    expect(w.text).toBe('Checked for the user named by parameter auth-id, not for the caller:\n- Requires Sys.Audit on /access.');
  });

  it('an unknown key or a malformed check is kept verbatim and reported at its pointer', () => {
    const r = show({ or: [{ check: { path: 'x', privs: [] } }, { quorum: true }] });
    expect(r.diagnostics.map((d) => d.pointer)).toEqual([`${POINTER}/or/0`, `${POINTER}/or/1`]);
    expect(r.text).toContain('Unrecognized permission check (shown verbatim): {"quorum":true}');
  });
});

describe('PMG role lists', () => {
  it('a list of roles: the caller must have one of them', () => {
    const r = show({ check: ['admin', 'qmanager', 'audit'] }, true);
    expect(r.model.check).toEqual({ kind: 'role', roles: ['admin', 'qmanager', 'audit'] });
    expect(r.text).toBe('Requires one of the roles admin, qmanager or audit: the caller’s role must be one of them.');
    expect(r.html).toContain('<code>qmanager</code>');
    expect(r.diagnostics).toEqual([]);
  });

  it('a single role', () => {
    expect(show({ check: ['admin'] }, true).text).toBe('Requires the role admin: the caller’s role must be this one.');
  });

  it('off for PVE: an unknown test is still reported, and PVE checks are never read as roles', () => {
    const pve = show({ check: ['admin', 'audit'] });
    expect(pve.model.check?.kind).toBe('unknown');
    expect(pve.diagnostics).toHaveLength(1);
    expect(show({ check: ['perm', '/vms', ['VM.Audit']] }, true).model.check?.kind).toBe('perm');
  });
});
