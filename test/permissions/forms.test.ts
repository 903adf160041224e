/**
 * Golden tests: one raw form each -> normalized model -> HTML and plain text.
 */
import { describe, expect, it } from 'vitest';
import { normalizePermissions } from '../../generator/model/permissions.js';
import { permissionsPlainText } from '../../generator/document/permissions.js';
import { renderPermissionsHtml } from '../../generator/render/permissions-html.js';

const POINTER = '/0/info/POST/permissions';
const paramAnchor = (name: string): string | null => (name === 'nolink' ? null : `post-param-${name}`);
const privilegeHref = (priv: string): string | null => `../privileges.html#${priv}`;

/** raw `permissions` value -> { model, html, text } */
function show(raw: unknown) {
  const model = normalizePermissions(raw, POINTER);
  return { model, html: renderPermissionsHtml(model, paramAnchor), text: permissionsPlainText(model) };
}
const check = (c: unknown) => show({ check: c });

describe('modes', () => {
  it('no permissions key -> root only', () => {
    expect(show(undefined)).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Only <code>root@pam</code>.</p></div>",
        "model": {
          "mode": "root",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Only root@pam.",
      }
    `);
  });
  it('null permissions (Perl undef) -> root only', () => {
    expect(show(null).model).toEqual({ pointer: POINTER, mode: 'root' });
  });
  it('user: world', () => {
    expect(show({ user: 'world', description: 'Anyone may ask.' })).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>No authentication required: anyone can call this, even without logging in.</p><p class="permissions-description">Anyone may ask.</p></div>",
        "model": {
          "description": "Anyone may ask.",
          "mode": "world",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "No authentication required: anyone can call this, even without logging in.
      Anyone may ask.",
      }
    `);
  });
  it('user: all', () => {
    expect(show({ user: 'all' })).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Any authenticated user.</p></div>",
        "model": {
          "mode": "all",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Any authenticated user.",
      }
    `);
  });
  it('user: all with a check (PVE 9.1 GET /cluster/options): shown, as a check the server skips', () => {
    const r = show({ user: 'all', check: ['perm', '/', ['Sys.Audit']] });
    expect(r.model).toEqual({
      pointer: POINTER,
      mode: 'all',
      skippedCheck: { kind: 'perm', path: '/', privs: ['Sys.Audit'], any: false },
    });
    expect(r.text).toBe(
      'Any authenticated user.\n' +
        'The schema also lists a check, which the server skips because this call is open to every authenticated user ' +
        '(the method itself may still use it, e.g. to decide what it returns):\n' +
        '- Requires Sys.Audit on /.',
    );
    expect(r.html).toContain('Sys.Audit');
    expect(r.model.check).toBeUndefined();
  });
  it('user: world with a check: the check is shown as skipped too', () => {
    const r = show({ user: 'world', check: ['perm', '/', ['Sys.Audit']] });
    expect(r.model.mode).toBe('world');
    expect(r.text).toContain('open to anyone');
    expect(r.text).toContain('Requires Sys.Audit on /.');
  });
  it('object with neither user nor check -> none', () => {
    expect(show({ description: 'Checked in code.' })).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Only <code>root@pam</code>: the permissions declare neither a user nor a check, so the server denies everyone else.</p><p class="permissions-description">Checked in code.</p></div>",
        "model": {
          "description": "Checked in code.",
          "mode": "none",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Only root@pam: the permissions declare neither a user nor a check, so the server denies everyone else.
      Checked in code.",
      }
    `);
  });
});

describe('check forms', () => {
  it('plain perm with a path parameter link', () => {
    expect(check(['perm', '/vms/{vmid}', ['VM.PowerMgmt']])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>VM.PowerMgmt</code> on <code>/vms/<a href="#post-param-vmid">{vmid}</a></code>.</p></div>",
        "model": {
          "check": {
            "any": false,
            "kind": "perm",
            "path": "/vms/{vmid}",
            "privs": [
              "VM.PowerMgmt",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires VM.PowerMgmt on /vms/{vmid}.",
      }
    `);
  });
  it('perm with several privileges (all of)', () => {
    expect(check(['perm', '/', ['Sys.Audit', 'Sys.Modify']])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires all of <code>Sys.Audit</code>, <code>Sys.Modify</code> on <code>/</code>.</p></div>",
        "model": {
          "check": {
            "any": false,
            "kind": "perm",
            "path": "/",
            "privs": [
              "Sys.Audit",
              "Sys.Modify",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires all of Sys.Audit, Sys.Modify on /.",
      }
    `);
  });
  it('perm "any", 1', () => {
    expect(check(['perm', '/nodes/{node}', ['Sys.Audit', 'Datastore.Audit'], 'any', 1])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires any of <code>Sys.Audit</code>, <code>Datastore.Audit</code> on <code>/nodes/<a href="#post-param-node">{node}</a></code>.</p></div>",
        "model": {
          "check": {
            "any": true,
            "kind": "perm",
            "path": "/nodes/{node}",
            "privs": [
              "Sys.Audit",
              "Datastore.Audit",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires any of Sys.Audit, Datastore.Audit on /nodes/{node}.",
      }
    `);
  });
  it('perm "any", 0 is not any', () => {
    expect(check(['perm', '/', ['A', 'B'], 'any', 0]).model.check).toEqual({ kind: 'perm', path: '/', privs: ['A', 'B'], any: false });
  });
  it('perm require_param', () => {
    expect(check(['perm', '/pool/{pool}', ['VM.Allocate'], 'require_param', 'pool'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>VM.Allocate</code> on <code>/pool/<a href="#post-param-pool">{pool}</a></code> (only when parameter <code><a href="#post-param-pool">pool</a></code> is given; otherwise this check fails).</p></div>",
        "model": {
          "check": {
            "any": false,
            "kind": "perm",
            "path": "/pool/{pool}",
            "privs": [
              "VM.Allocate",
            ],
            "requireParam": "pool",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires VM.Allocate on /pool/{pool} (only when parameter pool is given; otherwise this check fails).",
      }
    `);
  });
  it('perm options in any order', () => {
    expect(check(['perm', '/pool/{pool}', ['A', 'B'], 'require_param', 'pool', 'any', 1]).model.check).toEqual({
      kind: 'perm',
      path: '/pool/{pool}',
      privs: ['A', 'B'],
      any: true,
      requireParam: 'pool',
    });
  });
  it('placeholder without an anchor stays plain text', () => {
    expect(check(['perm', '/x/{nolink}/{vmid}', ['A']]).html).toMatchInlineSnapshot(
      `"<div class="permissions"><p>Requires <code>A</code> on <code>/x/{nolink}/<a href="#post-param-vmid">{vmid}</a></code>.</p></div>"`,
    );
  });
  it('privilege links when privilegeHref is given', () => {
    const model = normalizePermissions({ check: ['perm', '/vms/{vmid}', ['VM.Audit']] }, POINTER);
    expect(renderPermissionsHtml(model, paramAnchor, privilegeHref)).toMatchInlineSnapshot(
      `"<div class="permissions"><p>Requires <code><a href="../privileges.html#VM.Audit">VM.Audit</a></code> on <code>/vms/<a href="#post-param-vmid">{vmid}</a></code>.</p></div>"`,
    );
  });
  it('and / or nested', () => {
    expect(
      check([
        'and',
        ['perm', '/vms/{vmid}', ['VM.Clone']],
        ['or', ['perm', '/vms/{newid}', ['VM.Allocate']], ['perm', '/pool/{pool}', ['VM.Allocate'], 'require_param', 'pool']],
      ]),
    ).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>All of:</p><ul><li>Requires <code>VM.Clone</code> on <code>/vms/<a href="#post-param-vmid">{vmid}</a></code>.</li><li>Any of:<ul><li>Requires <code>VM.Allocate</code> on <code>/vms/<a href="#post-param-newid">{newid}</a></code>.</li><li>Requires <code>VM.Allocate</code> on <code>/pool/<a href="#post-param-pool">{pool}</a></code> (only when parameter <code><a href="#post-param-pool">pool</a></code> is given; otherwise this check fails).</li></ul></li></ul></div>",
        "model": {
          "check": {
            "items": [
              {
                "any": false,
                "kind": "perm",
                "path": "/vms/{vmid}",
                "privs": [
                  "VM.Clone",
                ],
              },
              {
                "items": [
                  {
                    "any": false,
                    "kind": "perm",
                    "path": "/vms/{newid}",
                    "privs": [
                      "VM.Allocate",
                    ],
                  },
                  {
                    "any": false,
                    "kind": "perm",
                    "path": "/pool/{pool}",
                    "privs": [
                      "VM.Allocate",
                    ],
                    "requireParam": "pool",
                  },
                ],
                "kind": "or",
              },
            ],
            "kind": "and",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "All of:
      - Requires VM.Clone on /vms/{vmid}.
      - Any of:
        - Requires VM.Allocate on /vms/{newid}.
        - Requires VM.Allocate on /pool/{pool} (only when parameter pool is given; otherwise this check fails).",
      }
    `);
  });
  it('or at top level with a nested and', () => {
    expect(
      check(['or', ['userid-param', 'self'], ['and', ['userid-param', 'Realm.AllocateUser'], ['userid-group', ['User.Modify']]]]),
    ).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Any of:</p><ul><li>Allowed only when parameter <code><a href="#post-param-userid">userid</a></code> is the calling user itself.</li><li>All of:<ul><li>Requires <code>Realm.AllocateUser</code> on <code>/access/realm/&lt;realm&gt;</code>, where &lt;realm&gt; is the realm of the user given in parameter <code><a href="#post-param-userid">userid</a></code>.</li><li>Requires <code>User.Modify</code> on <code>/access/groups</code>, or on a group that the user given in parameter <code><a href="#post-param-userid">userid</a></code> belongs to.</li></ul></li></ul></div>",
        "model": {
          "check": {
            "items": [
              {
                "kind": "userid-param",
                "value": "self",
              },
              {
                "items": [
                  {
                    "kind": "userid-param",
                    "value": "Realm.AllocateUser",
                  },
                  {
                    "kind": "userid-group",
                    "privs": [
                      "User.Modify",
                    ],
                  },
                ],
                "kind": "and",
              },
            ],
            "kind": "or",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Any of:
      - Allowed only when parameter userid is the calling user itself.
      - All of:
        - Requires Realm.AllocateUser on /access/realm/<realm>, where <realm> is the realm of the user given in parameter userid.
        - Requires User.Modify on /access/groups, or on a group that the user given in parameter userid belongs to.",
      }
    `);
  });
  it('userid-group without groups_param', () => {
    expect(check(['userid-group', ['User.Modify', 'Sys.Audit']])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires any of <code>User.Modify</code>, <code>Sys.Audit</code> on <code>/access/groups</code>, or on a group that the user given in parameter <code><a href="#post-param-userid">userid</a></code> belongs to.</p></div>",
        "model": {
          "check": {
            "kind": "userid-group",
            "privs": [
              "User.Modify",
              "Sys.Audit",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires any of User.Modify, Sys.Audit on /access/groups, or on a group that the user given in parameter userid belongs to.",
      }
    `);
  });
  it('userid-group groups_param create', () => {
    expect(check(['userid-group', ['User.Modify'], 'groups_param', 'create'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>User.Modify</code> on <code>/access/groups</code>, or on every group listed in parameter <code><a href="#post-param-groups">groups</a></code>.</p></div>",
        "model": {
          "check": {
            "groupsParam": "create",
            "kind": "userid-group",
            "privs": [
              "User.Modify",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires User.Modify on /access/groups, or on every group listed in parameter groups.",
      }
    `);
  });
  it('userid-group groups_param update', () => {
    expect(check(['userid-group', ['User.Modify'], 'groups_param', 'update'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>User.Modify</code> on <code>/access/groups</code>, or on every group listed in parameter <code><a href="#post-param-groups">groups</a></code> and on a group that the user given in parameter <code><a href="#post-param-userid">userid</a></code> already belongs to.</p></div>",
        "model": {
          "check": {
            "groupsParam": "update",
            "kind": "userid-group",
            "privs": [
              "User.Modify",
            ],
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires User.Modify on /access/groups, or on every group listed in parameter groups and on a group that the user given in parameter userid already belongs to.",
      }
    `);
  });
  it('userid-group groups_param 1 (PVE 6.4) means update', () => {
    const r = check(['userid-group', ['User.Modify'], 'groups_param', 1]);
    expect(r.model.check).toEqual({ kind: 'userid-group', privs: ['User.Modify'], groupsParam: '1' });
    expect(r.text).toBe(check(['userid-group', ['User.Modify'], 'groups_param', 'update']).text);
  });
  it('userid-param self', () => {
    expect(check(['userid-param', 'self'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Allowed only when parameter <code><a href="#post-param-userid">userid</a></code> is the calling user itself.</p></div>",
        "model": {
          "check": {
            "kind": "userid-param",
            "value": "self",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Allowed only when parameter userid is the calling user itself.",
      }
    `);
  });
  it('userid-param Realm.AllocateUser', () => {
    expect(check(['userid-param', 'Realm.AllocateUser'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>Realm.AllocateUser</code> on <code>/access/realm/&lt;realm&gt;</code>, where &lt;realm&gt; is the realm of the user given in parameter <code><a href="#post-param-userid">userid</a></code>.</p></div>",
        "model": {
          "check": {
            "kind": "userid-param",
            "value": "Realm.AllocateUser",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires Realm.AllocateUser on /access/realm/<realm>, where <realm> is the realm of the user given in parameter userid.",
      }
    `);
  });
  it('perm-modify with a parameter as the whole path', () => {
    expect(check(['perm-modify', '{path}'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Requires <code>Permissions.Modify</code> on <code><a href="#post-param-path">{path}</a></code>, or the allocate privilege of that subtree: <code>Datastore.Allocate</code> if it is under <code>/storage/</code>, <code>VM.Allocate</code> if under <code>/vms/</code>, <code>Pool.Allocate</code> if under <code>/pool/</code>.</p></div>",
        "model": {
          "check": {
            "kind": "perm-modify",
            "path": "{path}",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Requires Permissions.Modify on {path}, or the allocate privilege of that subtree: Datastore.Allocate if it is under /storage/, VM.Allocate if under /vms/, Pool.Allocate if under /pool/.",
      }
    `);
  });
  it('perm-modify on a fixed subtree', () => {
    expect(check(['perm-modify', '/vms/{vmid}']).text).toBe(
      'Requires Permissions.Modify on /vms/{vmid}, or the allocate privilege of that subtree: VM.Allocate.',
    );
    expect(check(['perm-modify', '/storage/local']).text).toBe(
      'Requires Permissions.Modify on /storage/local, or the allocate privilege of that subtree: Datastore.Allocate.',
    );
    expect(check(['perm-modify', '/nodes/{node}']).text).toBe('Requires Permissions.Modify on /nodes/{node}.');
    expect(check(['perm-modify', '/storage/']).text).toBe('Requires Permissions.Modify on /storage/.');
  });
  it('perm with the privilege as a string (PVE 7.4 cloudinit PUT) stays unknown but is explained in words', () => {
    expect(check(['perm', '/vms/{vmid}', 'VM.Config.Cloudinit'])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Malformed permission check: it names <code>VM.Config.Cloudinit</code> on <code>/vms/<a href="#post-param-vmid">{vmid}</a></code>, but gives the privilege as a single string where the server expects a list, so it cannot be evaluated: for users other than root@pam the call fails with an error instead of checking the privilege.</p></div>",
        "model": {
          "check": {
            "kind": "unknown",
            "raw": "["perm","/vms/{vmid}","VM.Config.Cloudinit"]",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Malformed permission check: it names VM.Config.Cloudinit on /vms/{vmid}, but gives the privilege as a single string where the server expects a list, so it cannot be evaluated: for users other than root@pam the call fails with an error instead of checking the privilege.",
      }
    `);
  });
  it('unknown form is shown verbatim', () => {
    expect(check(['frobnicate', '/x', ['A']])).toMatchInlineSnapshot(`
      {
        "html": "<div class="permissions"><p>Unrecognized permission check (shown verbatim): <code>[&quot;frobnicate&quot;,&quot;/x&quot;,[&quot;A&quot;]]</code></p></div>",
        "model": {
          "check": {
            "kind": "unknown",
            "raw": "["frobnicate","/x",["A"]]",
          },
          "mode": "check",
          "pointer": "/0/info/POST/permissions",
        },
        "text": "Unrecognized permission check (shown verbatim): ["frobnicate","/x",["A"]]",
      }
    `);
  });
});
