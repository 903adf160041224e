/**
 * `x-proxmox-permissions` of the OpenAPI export: the model's permissions as JSON. A typed
 * converter rather than a cast of the model's objects: a check kind added to PermCheck fails to
 * compile here until it is mapped, instead of leaving the document with whatever the object holds.
 * Keys are written in the order the model creates them (model/permissions.ts), so the document
 * reads as it did when the objects were copied as they were.
 */
import type { Operation, PermCheck } from '../model/types.js';
import type { JsonObject } from './openapi.js';

export function permissionsJson(op: Operation): JsonObject {
  const p = op.permissions;
  const out: JsonObject = { mode: p.mode };
  if (p.check) out.check = permCheckJson(p.check);
  if (p.skippedCheck) out.skippedCheck = permCheckJson(p.skippedCheck);
  if (p.description !== undefined) out.description = p.description;
  return out;
}

export function permCheckJson(check: PermCheck): JsonObject {
  switch (check.kind) {
    case 'perm': {
      const out: JsonObject = { kind: check.kind, path: check.path, privs: [...check.privs], any: check.any };
      if (check.requireParam !== undefined) out.requireParam = check.requireParam;
      return out;
    }
    case 'and':
    case 'or':
      return { kind: check.kind, items: check.items.map(permCheckJson) };
    case 'userid-group': {
      const out: JsonObject = { kind: check.kind, privs: [...check.privs] };
      if (check.groupsParam !== undefined) out.groupsParam = check.groupsParam;
      return out;
    }
    case 'userid-param':
      return { kind: check.kind, value: check.value };
    case 'perm-modify':
      return { kind: check.kind, path: check.path };
    case 'role':
      return { kind: check.kind, roles: [...check.roles] };
    case 'user-param':
      return { kind: check.kind, param: check.param };
    case 'user':
      return { kind: check.kind, user: check.user };
    case 'group':
      return { kind: check.kind, group: check.group };
    case 'with-param':
      return { kind: check.kind, param: check.param, check: permCheckJson(check.check) };
    case 'unknown':
      return { kind: check.kind, raw: check.raw };
    default: {
      const never: never = check;
      return never;
    }
  }
}
