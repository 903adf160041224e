import { describe, expect, it } from 'vitest';
import { buildPrivilegeIndex } from '../../generator/model/privileges.js';
import { apiPath, model, operation } from './model-fixture.js';

describe('buildPrivilegeIndex', () => {
  const m = model([
    apiPath('/nodes/{node}/qemu/{vmid}/clone', [
      operation('POST', '/nodes/{node}/qemu/{vmid}/clone', {
        check: [
          'and',
          ['perm', '/vms/{vmid}', ['VM.Clone']],
          ['or', ['perm', '/vms/{newid}', ['VM.Allocate']], ['perm', '/pool/{pool}', ['VM.Allocate'], 'require_param', 'pool']],
        ],
      }),
    ]),
    apiPath('/access/acl', [
      operation('GET', '/access/acl', { user: 'all', check: ['perm', '/', ['Sys.Audit']] }),
      operation('PUT', '/access/acl', { check: ['perm-modify', '{path}'] }),
    ]),
    apiPath('/access/users', [
      operation('POST', '/access/users', {
        check: ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify'], 'groups_param', 'create']],
      }),
    ]),
    apiPath('/nodes/{node}/disks/list', [
      operation('GET', '/nodes/{node}/disks/list', { check: ['perm', '/', ['Sys.Audit', 'Datastore.Audit'], 'any', 1] }),
      operation('POST', '/nodes/{node}/disks/list', { check: ['perm', '/', ['Sys.Audit', 'Sys.Modify']] }),
      operation('DELETE', '/nodes/{node}/disks/list', { check: ['frob', ['Sys.Audit']] }),
    ]),
  ]);

  it('lists every privilege with how it is named', () => {
    const index = buildPrivilegeIndex(m);
    const compact = index.map((e) => [
      e.privilege,
      e.uses.map(
        (u) =>
          `${u.method} ${u.path} #${u.anchor} ${u.how}/${u.via} on ${u.aclPath}${u.requireParam ? ` require ${u.requireParam}` : ''}${u.note ? ` (${u.note})` : ''}`,
      ),
    ]);
    expect(compact).toMatchInlineSnapshot(`
      [
        [
          "Datastore.Allocate",
          [
            "PUT /access/acl #put perm-modify/perm-modify on {path} (alternative to Permissions.Modify if the path is under /storage/)",
          ],
        ],
        [
          "Datastore.Audit",
          [
            "GET /nodes/{node}/disks/list #get any-of/perm on /",
          ],
        ],
        [
          "Permissions.Modify",
          [
            "PUT /access/acl #put perm-modify/perm-modify on {path}",
          ],
        ],
        [
          "Pool.Allocate",
          [
            "PUT /access/acl #put perm-modify/perm-modify on {path} (alternative to Permissions.Modify if the path is under /pool/)",
          ],
        ],
        [
          "Realm.AllocateUser",
          [
            "POST /access/users #post userid-param/userid-param on /access/realm/<realm> (on the realm of the user given in parameter userid)",
          ],
        ],
        [
          "Sys.Audit",
          [
            "GET /nodes/{node}/disks/list #get any-of/perm on /",
            "POST /nodes/{node}/disks/list #post all-of/perm on /",
          ],
        ],
        [
          "Sys.Modify",
          [
            "POST /nodes/{node}/disks/list #post all-of/perm on /",
          ],
        ],
        [
          "User.Modify",
          [
            "POST /access/users #post userid-group/userid-group on /access/groups (or on every group listed in parameter groups)",
          ],
        ],
        [
          "VM.Allocate",
          [
            "PUT /access/acl #put perm-modify/perm-modify on {path} (alternative to Permissions.Modify if the path is under /vms/)",
            "POST /nodes/{node}/qemu/{vmid}/clone #post conditional/perm on /pool/{pool} require pool",
            "POST /nodes/{node}/qemu/{vmid}/clone #post conditional/perm on /vms/{newid}",
          ],
        ],
        [
          "VM.Clone",
          [
            "POST /nodes/{node}/qemu/{vmid}/clone #post all-of/perm on /vms/{vmid}",
          ],
        ],
      ]
    `);
  });

  it('carries the page file for links', () => {
    const clone = buildPrivilegeIndex(m).find((e) => e.privilege === 'VM.Clone');
    expect(clone?.uses[0]?.file).toBe('api/nodes/_node_/qemu/_vmid_/clone/index.html');
  });

  it('is deterministic and independent of input order', () => {
    const reversed = model([...m.paths].reverse().map((p) => ({ ...p, operations: [...p.operations].reverse() })));
    expect(JSON.stringify(buildPrivilegeIndex(reversed))).toBe(JSON.stringify(buildPrivilegeIndex(m)));
  });
});
