/**
 * Comparing two normalized `Permissions`. Each side becomes a monotone formula in disjunctive normal
 * form over "atoms" (being logged in, being root@pam, holding privilege P on ACL path X, passing a
 * userid-group / userid-param / perm-modify test); a caller is allowed when they satisfy one
 * alternative (a set of atoms).
 *
 *   world          -> [ {} ]                          anyone, no login
 *   all            -> [ {login} ]                     any authenticated user
 *   check C        -> [ {login} ∪ a  for a in C ] + [ {login, root} ]
 *   root, none     -> [ {login, root} ]               only root@pam (root passes every check)
 *
 * `perm` with `any` gives one alternative per privilege; without it one alternative with all of
 * them; `require_param` makes a weaker atom ("P on X if PARAM is given"), which holding P on X
 * satisfies too. Then, with A ⊨ B meaning "everyone allowed by A is allowed by B" (for monotone DNF:
 * every alternative of A contains some alternative of B):
 *
 *   old ⊨ new and new ⊨ old   equivalent: no change (maybe the description changed)
 *   old ⊨ new only            loosened: nobody loses access
 *   new ⊨ old only            tightened: some callers allowed before are denied now (breaking)
 *   neither                   changed: some gain, some may lose access (breaking)
 *
 * Privilege propagation along ACL paths is not modelled: "/vms/{vmid}" and "/vms" are different
 * atoms, which can only make a change look incomparable, never hide one.
 */
import type { PermCheck, Permissions } from '../model/types.js';

export type PermissionVerdict = 'same' | 'tightened' | 'loosened' | 'changed';

type Alternative = ReadonlySet<string>;

/** Beyond this many alternatives the formula is compared as text (never reached by Proxmox's checks). */
const MAX_ALTERNATIVES = 512;

export function comparePermissions(a: Permissions, b: Permissions): PermissionVerdict {
  const left = permissionDnf(a);
  const right = permissionDnf(b);
  if (left === null || right === null) return canonicalPermissions(a) === canonicalPermissions(b) ? 'same' : 'changed';
  const oldImpliesNew = implies(left, right);
  const newImpliesOld = implies(right, left);
  if (oldImpliesNew && newImpliesOld) return 'same';
  if (oldImpliesNew) return 'loosened';
  if (newImpliesOld) return 'tightened';
  return 'changed';
}

/** A short plain-text description of who may call, for change sentences. */
export function permissionSummary(p: Permissions): string {
  switch (p.mode) {
    case 'world':
      return 'anyone (no login)';
    case 'all':
      return 'any authenticated user';
    case 'root':
    case 'none':
      return 'root@pam only';
    case 'check':
      return p.check ? checkText(p.check) : 'a permission check';
  }
}

function checkText(c: PermCheck): string {
  switch (c.kind) {
    case 'perm':
      return `${c.privs.join(c.any ? ' or ' : ' and ')} on ${c.path}${c.requireParam ? ` (when ${c.requireParam} is given)` : ''}`;
    case 'and':
      return c.items.map((i) => wrap(i, checkText(i))).join(' and ');
    case 'or':
      return c.items.map((i) => wrap(i, checkText(i))).join(' or ');
    case 'userid-group':
      return `${c.privs.join(' or ')} on the user's groups`;
    case 'userid-param':
      return c.value === 'self' ? 'the user themself' : `${c.value} on the user's realm`;
    case 'perm-modify':
      return `permission to modify ACLs on ${c.path}`;
    case 'role':
      return `role ${c.roles.join(' or ')}`;
    case 'user-param':
      return `the user named by ${c.param}`;
    case 'user':
      return c.user === 'all' ? 'any authenticated user' : c.user === 'world' ? 'anyone (no login)' : `user ${c.user}`;
    case 'group':
      return `members of group ${c.group}`;
    case 'with-param':
      return `for the user named by ${c.param}: ${checkText(c.check)}`;
    case 'unknown':
      return c.raw;
  }
}

function wrap(c: PermCheck, text: string): string {
  return c.kind === 'and' || c.kind === 'or' ? `(${text})` : text;
}

/** Everything that matters about a permission, as canonical JSON (order-insensitive where the server is). */
function canonicalPermissions(p: Permissions): string {
  return JSON.stringify({
    mode: p.mode === 'none' ? 'root' : p.mode,
    check: p.mode === 'check' && p.check ? canonicalCheck(p.check) : null,
  });
}

function canonicalCheck(c: PermCheck): unknown {
  switch (c.kind) {
    case 'perm':
      return ['perm', c.path, [...c.privs].sort(), c.any, c.requireParam ?? null];
    case 'and':
    case 'or':
      return [c.kind, ...c.items.map((i) => JSON.stringify(canonicalCheck(i))).sort()];
    case 'userid-group':
      return ['userid-group', [...c.privs].sort(), c.groupsParam ?? null];
    case 'userid-param':
      return ['userid-param', c.value];
    case 'perm-modify':
      return ['perm-modify', c.path];
    case 'role':
      return ['role', [...c.roles].sort()];
    case 'user-param':
      return ['user-param', c.param];
    case 'user':
      return ['user', c.user];
    case 'group':
      return ['group', c.group];
    case 'with-param':
      return ['with-param', c.param, canonicalCheck(c.check)];
    case 'unknown':
      return ['unknown', c.raw];
  }
}

function permissionDnf(p: Permissions): Alternative[] | null {
  switch (p.mode) {
    case 'world':
      return [new Set()];
    case 'all':
      return [new Set(['login'])];
    case 'root':
    case 'none':
      return [new Set(['login', 'root'])];
    case 'check': {
      if (!p.check) return [new Set(['login', 'root'])];
      const dnf = checkDnf(p.check);
      if (dnf === null) return null;
      return [...dnf.map((alt) => new Set(['login', ...alt])), new Set(['login', 'root'])];
    }
  }
}

function checkDnf(c: PermCheck): Alternative[] | null {
  switch (c.kind) {
    case 'perm': {
      const atom = (priv: string): string => `perm ${c.path} ${priv}${c.requireParam ? ` if ${c.requireParam}` : ''}`;
      return c.any ? c.privs.map((priv) => new Set([atom(priv)])) : [new Set(c.privs.map(atom))];
    }
    case 'or': {
      const out: Alternative[] = [];
      for (const item of c.items) {
        const sub = checkDnf(item);
        if (sub === null) return null;
        out.push(...sub);
        if (out.length > MAX_ALTERNATIVES) return null;
      }
      return out;
    }
    case 'and': {
      let out: Alternative[] = [new Set()];
      for (const item of c.items) {
        const sub = checkDnf(item);
        if (sub === null) return null;
        const next: Alternative[] = [];
        for (const left of out) for (const right of sub) next.push(new Set([...left, ...right]));
        if (next.length > MAX_ALTERNATIVES) return null;
        out = next;
      }
      return out;
    }
    case 'userid-group':
      return [new Set([`userid-group ${[...c.privs].sort().join(',')}${c.groupsParam ? ` ${c.groupsParam}` : ''}`])];
    case 'userid-param':
      return [new Set([`userid-param ${c.value}`])];
    case 'perm-modify':
      return [new Set([`perm-modify ${c.path}`])];
    case 'role':
      return c.roles.map((role) => new Set([`role ${role}`]));
    case 'user-param':
      return [new Set([`user-param ${c.param}`])];
    case 'user':
      return c.user === 'all' ? [new Set()] : [new Set([`user ${c.user}`])];
    case 'group':
      return [new Set([`group ${c.group}`])];
    case 'with-param':
      // Evaluated for another user: not comparable atom by atom with the caller's own checks.
      return [new Set([`with-param ${c.param} ${JSON.stringify(canonicalCheck(c.check))}`])];
    case 'unknown':
      return [new Set([`unknown ${c.raw}`])];
  }
}

/** a ⊨ b for monotone DNFs: every alternative of a contains some alternative of b. */
function implies(a: Alternative[], b: Alternative[]): boolean {
  return a.every((alt) => b.some((other) => isSubset(other, alt)));
}

/** Every atom of `small` holds under `big`; holding P on X also satisfies "P on X if PARAM is given". */
function isSubset(small: Alternative, big: Alternative): boolean {
  for (const atom of small) {
    if (big.has(atom)) continue;
    const conditional = CONDITIONAL.exec(atom);
    if (conditional && big.has(conditional[1]!)) continue;
    return false;
  }
  return true;
}

const CONDITIONAL = /^(perm .*) if [^ ]+$/;
