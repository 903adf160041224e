/**
 * The privileges index: for every privilege named by any permission check, the operations that
 * name it and how. Built from the normalized model only; deterministic (no locale-dependent
 * sorting, no reliance on object key order).
 */
import { permModifyAlternatives, walkCheck } from './permissions.js';
import { HTTP_METHODS, type ApiModel, type HttpMethod, type PermCheck } from './types.js';

/**
 * How an operation's check uses a privilege.
 * - all-of: required (alone, or together with every other privilege of the same `perm`);
 * - any-of: one of several alternatives of one `perm` with `"any", 1`;
 * - conditional: inside an `or` (one alternative among several checks) or under `require_param`;
 * - userid-group: any of the privileges on /access/groups or on the target user's groups;
 * - userid-param: `["userid-param", "Realm.AllocateUser"]` (on /access/realm/<realm of userid>);
 * - perm-modify: `["perm-modify", PATH]` names Permissions.Modify, or the allocate privilege of
 *   the subtree (Datastore.Allocate for /storage/..., VM.Allocate for /vms/..., Pool.Allocate
 *   for /pool/...); these alternatives are indexed as perm-modify too.
 * A privilege found inside an `or` or under `require_param` is always 'conditional'; `via` still
 * tells which kind of check named it.
 */
export type PrivilegeHow = 'all-of' | 'any-of' | 'conditional' | 'userid-group' | 'userid-param' | 'perm-modify';

export interface PrivilegeUse {
  method: HttpMethod;
  path: string;
  /** Output file of the path's page (ApiPath.file), for linking. */
  file: string;
  /** Operation anchor on that page (Operation.anchor). */
  anchor: string;
  how: PrivilegeHow;
  /** The kind of check that names the privilege. */
  via: 'perm' | 'userid-group' | 'userid-param' | 'perm-modify';
  /** ACL path the privilege is checked on, as written (with `{param}` placeholders). */
  aclPath: string;
  /** Set when the check only applies if this parameter is given. */
  requireParam?: string;
  /** Human note, e.g. "if the path is under /storage/" for a perm-modify alternative. */
  note?: string;
}

export interface PrivilegeEntry {
  privilege: string;
  uses: PrivilegeUse[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const HOW_ORDER: readonly PrivilegeHow[] = ['all-of', 'any-of', 'conditional', 'userid-group', 'userid-param', 'perm-modify'];

function compareUses(a: PrivilegeUse, b: PrivilegeUse): number {
  return (
    cmp(a.path, b.path) ||
    HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method) ||
    cmp(a.anchor, b.anchor) ||
    HOW_ORDER.indexOf(a.how) - HOW_ORDER.indexOf(b.how) ||
    cmp(a.via, b.via) ||
    cmp(a.aclPath, b.aclPath) ||
    cmp(a.requireParam ?? '', b.requireParam ?? '') ||
    cmp(a.note ?? '', b.note ?? '')
  );
}

type UseDraft = Omit<PrivilegeUse, 'method' | 'path' | 'file' | 'anchor'> & { privilege: string };

/** Privileges named by one check expression (not including anything under 'unknown'). */
function privilegeUsesOfCheck(check: PermCheck): UseDraft[] {
  const out: UseDraft[] = [];
  for (const { node, ancestors } of walkCheck(check)) {
    const inOr = ancestors.some((a) => a.kind === 'or');
    switch (node.kind) {
      case 'perm': {
        const conditional = inOr || node.requireParam !== undefined;
        const how: PrivilegeHow = conditional ? 'conditional' : node.any && node.privs.length > 1 ? 'any-of' : 'all-of';
        for (const p of node.privs) {
          const use: UseDraft = { privilege: p, how, via: 'perm', aclPath: node.path };
          if (node.requireParam !== undefined) use.requireParam = node.requireParam;
          out.push(use);
        }
        break;
      }
      case 'userid-group': {
        const how: PrivilegeHow = inOr ? 'conditional' : 'userid-group';
        for (const p of node.privs) {
          out.push({
            privilege: p,
            how,
            via: 'userid-group',
            aclPath: '/access/groups',
            note:
              node.groupsParam === undefined
                ? 'or on a group of the user given in parameter userid'
                : node.groupsParam === 'create'
                  ? 'or on every group listed in parameter groups'
                  : 'or on every group listed in parameter groups and a group of the user given in parameter userid',
          });
        }
        break;
      }
      case 'userid-param':
        if (node.value === 'Realm.AllocateUser') {
          out.push({
            privilege: 'Realm.AllocateUser',
            how: inOr ? 'conditional' : 'userid-param',
            via: 'userid-param',
            aclPath: '/access/realm/<realm>',
            note: 'on the realm of the user given in parameter userid',
          });
        }
        break;
      case 'perm-modify': {
        const how: PrivilegeHow = inOr ? 'conditional' : 'perm-modify';
        out.push({ privilege: 'Permissions.Modify', how, via: 'perm-modify', aclPath: node.path });
        for (const alt of permModifyAlternatives(node.path)) {
          out.push({
            privilege: alt.privilege,
            how,
            via: 'perm-modify',
            aclPath: node.path,
            note: alt.definite
              ? 'alternative to Permissions.Modify (allocate privilege of the subtree)'
              : `alternative to Permissions.Modify if the path is under ${alt.root}`,
          });
        }
        break;
      }
      case 'and':
      case 'or':
      case 'with-param':
      case 'role':
      case 'user-param':
      case 'user':
      case 'group':
      case 'unknown':
        // Combinators (their privileges are indexed through walkCheck) and checks that name no privilege.
        break;
      default: {
        const never: never = node;
        void never;
      }
    }
  }
  return out;
}

/**
 * Every privilege named by any operation's permission check, sorted by privilege name, each
 * with its uses sorted by path, then method (GET, POST, PUT, DELETE), then how. Operations whose
 * mode is not 'check' name no privilege (for `user: "all"` the server skips the check).
 * Identical uses (same operation, privilege, how, ACL path...) are listed once.
 */
export function buildPrivilegeIndex(model: ApiModel): PrivilegeEntry[] {
  const byPriv = new Map<string, Map<string, PrivilegeUse>>();
  for (const apiPath of model.paths) {
    for (const op of apiPath.operations) {
      const perms = op.permissions;
      if (perms.mode !== 'check' || !perms.check) continue;
      for (const draft of privilegeUsesOfCheck(perms.check)) {
        const { privilege, ...rest } = draft;
        const use: PrivilegeUse = { method: op.method, path: op.path, file: apiPath.file, anchor: op.anchor, ...rest };
        let uses = byPriv.get(privilege);
        if (!uses) {
          uses = new Map();
          byPriv.set(privilege, uses);
        }
        const key = JSON.stringify([
          use.path,
          use.method,
          use.anchor,
          use.how,
          use.via,
          use.aclPath,
          use.requireParam ?? null,
          use.note ?? null,
        ]);
        if (!uses.has(key)) uses.set(key, use);
      }
    }
  }
  return [...byPriv.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([privilege, uses]) => ({ privilege, uses: [...uses.values()].sort(compareUses) }));
}
