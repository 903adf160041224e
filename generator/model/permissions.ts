/**
 * Normalizes a method's raw `permissions` value into the `Permissions` model.
 *
 * Semantics follow pve-access-control `PVE::RPCEnvironment::check_api2_permissions` and
 * `exec_api2_perm_check` (see ../shared/PROXMOX-API.md, "Permissions"):
 *   - no `permissions` key (or `null`, Perl undef)  -> root@pam only;
 *   - `user: "world"`                                -> anyone, even without login;
 *   - `user: "all"`                                  -> any authenticated user, `check` is skipped
 *                                                       by the server and therefore not kept;
 *   - a (truthy) `check`                             -> evaluate the check expression;
 *   - neither                                        -> mode 'none' (the server then raises a
 *                                                       permission exception for everyone but root@pam).
 *
 * Never throws: any shape that cannot be represented exactly becomes
 * `{ kind: 'unknown', raw: <JSON text> }` so that it is shown verbatim rather than dropped or
 * misrepresented.
 */
import { isRecord } from './is-record.js';
import type { PermCheck, Permissions } from './types.js';

/** A note about something the normalizer could not represent; `pointer` locates the raw node. */
export interface PermissionDiagnostic {
  pointer: string;
  message: string;
  /** The offending raw node as JSON text. */
  raw: string;
}

export type PermissionDiagnosticSink = (diagnostic: PermissionDiagnostic) => void;

/** JSON text of any value; never throws (falls back to String()). */
function rawJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (typeof text === 'string') return text;
  } catch {
    /* fall through */
  }
  try {
    return String(value);
  } catch {
    return '[unprintable]';
  }
}

/** Perl truthiness of a JSON value: undef, 0, "0" and "" are false. */
function perlTrue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (value === 0 || value === '' || value === '0') return false;
  return true;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

const KNOWN_PERMISSION_KEYS = new Set(['user', 'check', 'description']);

/** Keys of a proxmox-router (PBS) permission object; `description` only at the top. */
const RUST_PERMISSION_KEYS = ['check', 'or', 'and', 'user', 'userParam', 'group', 'withParam'] as const;

export interface PermissionOptions {
  /**
   * Read a check that is a plain list of names as PMG's role list (`["admin", "audit"]`: the
   * caller's role must be one of them). PVE has no such form, so it stays off there and an
   * unknown test is still reported.
   */
  roleLists?: boolean;
}

/** The Rust dialect: `check` is an object, or the value combines permissions with or/and/userParam/... */
function isRustPermission(raw: Record<string, unknown>): boolean {
  if (isRecord(raw['check'])) return true;
  // proxmox-router's Superuser / User(id) are dumped as {user: "root@pam"} / {user: ID}.
  if (typeof raw['user'] === 'string' && raw['user'].includes('@') && raw['check'] === undefined) return true;
  return ['or', 'and', 'userParam', 'group', 'withParam'].some((k) => raw[k] !== undefined);
}

/**
 * Normalize the raw `permissions` value of one method.
 * @param raw the method's `permissions` value; `undefined` when the key is absent.
 * @param pointer JSON pointer of the permissions object (e.g. ".../info/GET/permissions").
 * @param report optional sink for diagnostics about unrecognized forms (pointer of the exact node).
 */
export function normalizePermissions(
  raw: unknown,
  pointer: string,
  report?: PermissionDiagnosticSink,
  options: PermissionOptions = {},
): Permissions {
  try {
    return normalizePermissionsUnsafe(raw, pointer, report, options);
  } catch (err) {
    // Only reachable with input that is not plain JSON data (throwing getters, proxies...).
    const text = rawJson(raw);
    try {
      report?.({ pointer, message: `permissions could not be read: ${String(err)}`, raw: text });
    } catch {
      /* a throwing sink must not break normalization */
    }
    return { pointer, mode: 'check', check: { kind: 'unknown', raw: text } };
  }
}

function normalizePermissionsUnsafe(
  raw: unknown,
  pointer: string,
  report: PermissionDiagnosticSink | undefined,
  options: PermissionOptions,
): Permissions {
  const unknownObject = (message: string): Permissions => {
    const text = rawJson(raw);
    report?.({ pointer, message, raw: text });
    const result: Permissions = { pointer, mode: 'check', check: { kind: 'unknown', raw: text } };
    if (isRecord(raw) && typeof raw.description === 'string') result.description = raw.description;
    return result;
  };

  // Absent key or explicit null (Perl undef): `raise_perm_exc('user != root@pam') if !$perm`.
  if (raw === undefined || raw === null) return { pointer, mode: 'root' };
  if (!isRecord(raw)) return unknownObject('permissions is not an object');
  if (isRustPermission(raw)) return rustPermissions(raw, pointer, report);

  const extraKeys = Object.keys(raw).filter((k) => !KNOWN_PERMISSION_KEYS.has(k));
  if (extraKeys.length > 0) return unknownObject(`unrecognized permissions keys: ${extraKeys.sort().join(', ')}`);

  const { user, check, description } = raw;
  if (user !== undefined && user !== 'world' && user !== 'all') {
    return unknownObject(`unrecognized permissions user ${rawJson(user)}`);
  }

  const result: Permissions = { pointer, mode: 'none' };
  if (user === 'world' || user === 'all') {
    result.mode = user;
    // check_api2_permissions returns before evaluating `check`: it is kept apart (skippedCheck), so
    // that no output presents it as a requirement and none drops what the schema says.
    if (perlTrue(check)) result.skippedCheck = normalizeCheck(check, `${pointer}/check`, report, options);
  } else if (perlTrue(check)) {
    result.mode = 'check';
    result.check = normalizeCheck(check, `${pointer}/check`, report, options);
  }
  if (description !== undefined && description !== null) {
    result.description = typeof description === 'string' ? description : rawJson(description);
  }
  return result;
}

/**
 * Normalize one check expression. `pointer` is the JSON pointer of this node (the permissions
 * object's pointer + "/check", + "/1", "/2"... for nested items).
 */
function normalizeCheck(raw: unknown, pointer: string, report?: PermissionDiagnosticSink, options: PermissionOptions = {}): PermCheck {
  const unknown = (message: string): PermCheck => {
    const text = rawJson(raw);
    report?.({ pointer, message, raw: text });
    return { kind: 'unknown', raw: text };
  };

  if (!Array.isArray(raw)) return unknown('check expression is not an array');
  const head: unknown = raw[0];
  if (options.roleLists && isStringArray(raw) && raw.length > 0 && !PERL_TESTS.has(raw[0] as string)) {
    if (raw.every((r) => r !== '')) return { kind: 'role', roles: [...raw] };
  }

  switch (head) {
    case 'and':
    case 'or': {
      if (raw.length < 2) return unknown(`"${head}" without sub-checks`);
      const items = raw.slice(1).map((item, i) => normalizeCheck(item, `${pointer}/${i + 1}`, report, options));
      return { kind: head, items };
    }
    case 'perm': {
      const [, path, privs, ...options] = raw as unknown[];
      if (typeof path !== 'string' || path === '') return unknown('"perm" without a path');
      if (!isStringArray(privs) || privs.length === 0) return unknown('"perm" without a list of privileges');
      if (options.length % 2 !== 0) return unknown('"perm" options are not key/value pairs');
      const node: PermCheck & { kind: 'perm' } = { kind: 'perm', path, privs: [...privs], any: false };
      const seen = new Set<string>();
      for (let i = 0; i < options.length; i += 2) {
        const key = options[i];
        const value = options[i + 1];
        if (typeof key !== 'string' || seen.has(key)) return unknown(`"perm" option ${rawJson(key)} is unrecognized or repeated`);
        seen.add(key);
        if (key === 'any') {
          node.any = perlTrue(value);
        } else if (key === 'require_param') {
          if (typeof value !== 'string' || value === '') return unknown('"perm" require_param is not a parameter name');
          node.requireParam = value;
        } else {
          return unknown(`"perm" option ${rawJson(key)} is unrecognized`);
        }
      }
      return node;
    }
    case 'userid-group': {
      const [, privs, ...options] = raw as unknown[];
      if (!isStringArray(privs) || privs.length === 0) return unknown('"userid-group" without a list of privileges');
      if (options.length % 2 !== 0) return unknown('"userid-group" options are not key/value pairs');
      const node: PermCheck & { kind: 'userid-group' } = { kind: 'userid-group', privs: [...privs] };
      for (let i = 0; i < options.length; i += 2) {
        const key = options[i];
        const value = options[i + 1];
        if (key !== 'groups_param' || node.groupsParam !== undefined) {
          return unknown(`"userid-group" option ${rawJson(key)} is unrecognized or repeated`);
        }
        if (typeof value !== 'string' && typeof value !== 'number') {
          return unknown('"userid-group" groups_param is not a string or number');
        }
        // Perl: `if ($options{groups_param})`; only the value "create" changes the semantics, any
        // other truthy value (older schemas use 1) means "update".
        if (perlTrue(value)) node.groupsParam = String(value);
      }
      return node;
    }
    case 'userid-param': {
      const value = raw[1];
      if (raw.length !== 2 || (value !== 'self' && value !== 'Realm.AllocateUser')) {
        return unknown('"userid-param" with an unrecognized test');
      }
      return { kind: 'userid-param', value };
    }
    case 'perm-modify': {
      const path = raw[1];
      if (raw.length !== 2 || typeof path !== 'string' || path === '') return unknown('"perm-modify" without a path');
      return { kind: 'perm-modify', path };
    }
    default:
      return unknown(`unrecognized permission test ${rawJson(head)}`);
  }
}

/** The heads of PVE's check expressions (`exec_api2_perm_check`). */
const PERL_TESTS = new Set(['and', 'or', 'perm', 'userid-group', 'userid-param', 'perm-modify']);

/**
 * A proxmox-router permission (PBS), as its API dump writes `Permission`: `{check: {path: [segments],
 * privs, partial}}`, `{or: [...]}`, `{and: [...]}`, `{user: "all" | "world" | USERID}`,
 * `{userParam: NAME}`, `{group: NAME}`, `{withParam: {name, permissions}}`; the method's
 * `description` sits beside the top-level one. Semantics (proxmox-router `check_api_permission`):
 * the superuser always passes; `partial: true` means one of the privileges suffices, otherwise all
 * are needed; a `{param}` segment is replaced by that parameter's value.
 */
function rustPermissions(raw: Record<string, unknown>, pointer: string, report?: PermissionDiagnosticSink): Permissions {
  const { description, ...rest } = raw;
  const result: Permissions =
    Object.keys(rest).length === 1 && rest['user'] === 'root@pam'
      ? { pointer, mode: 'root' }
      : { pointer, mode: 'check', check: rustCheck(rest, pointer, report) };
  if (description !== undefined && description !== null) {
    result.description = typeof description === 'string' ? description : rawJson(description);
  }
  return result;
}

function rustCheck(raw: unknown, pointer: string, report?: PermissionDiagnosticSink): PermCheck {
  const unknown = (message: string): PermCheck => {
    const text = rawJson(raw);
    report?.({ pointer, message, raw: text });
    return { kind: 'unknown', raw: text };
  };
  if (!isRecord(raw)) return unknown('permission is not an object');
  const keys = Object.keys(raw);
  if (keys.length !== 1) return unknown(`a permission must have exactly one of ${RUST_PERMISSION_KEYS.join(', ')}`);
  const key = keys[0] as string;
  const value = raw[key];
  const at = `${pointer}/${key}`;
  switch (key) {
    case 'check': {
      if (!isRecord(value)) return unknown('"check" is not an object');
      const { path, privs, partial, ...others } = value;
      if (Object.keys(others).length > 0) return unknown(`unrecognized "check" keys: ${Object.keys(others).sort().join(', ')}`);
      const segments = typeof path === 'string' ? path.split('/').filter((p) => p !== '') : path;
      if (!isStringArray(segments)) return unknown('"check" path is not a list of segments');
      if (!isStringArray(privs) || privs.length === 0) return unknown('"check" without a list of privileges');
      return { kind: 'perm', path: `/${segments.join('/')}`, privs: [...privs], any: perlTrue(partial) };
    }
    case 'or':
    case 'and': {
      if (!Array.isArray(value) || value.length === 0) return unknown(`"${key}" without sub-permissions`);
      return { kind: key, items: value.map((item, i) => rustCheck(item, `${at}/${i}`, report)) };
    }
    case 'user':
      if (typeof value !== 'string' || value === '') return unknown('"user" is not a user name');
      return { kind: 'user', user: value };
    case 'userParam':
      if (typeof value !== 'string' || value === '') return unknown('"userParam" is not a parameter name');
      return { kind: 'user-param', param: value };
    case 'group':
      if (typeof value !== 'string' || value === '') return unknown('"group" is not a group name');
      return { kind: 'group', group: value };
    case 'withParam': {
      if (!isRecord(value) || typeof value['name'] !== 'string' || value['name'] === '') {
        return unknown('"withParam" without a parameter name');
      }
      return { kind: 'with-param', param: value['name'], check: rustCheck(value['permissions'], `${at}/permissions`, report) };
    }
    default:
      return unknown(`unrecognized permission key ${rawJson(key)}`);
  }
}

/** Allocate privileges that also satisfy perm-modify, by ACL subtree (`check_perm_modify`). */
const PERM_MODIFY_SUBTREES: readonly { root: string; privilege: string }[] = [
  { root: '/storage/', privilege: 'Datastore.Allocate' },
  { root: '/vms/', privilege: 'VM.Allocate' },
  { root: '/pool/', privilege: 'Pool.Allocate' },
];

/**
 * Which allocate privileges can satisfy `["perm-modify", path]` in addition to Permissions.Modify.
 * `definite` is true when the path certainly lies in that subtree whatever the parameter values;
 * false when it only might (a `{placeholder}` decides). Subtrees that can never match are omitted.
 */
export function permModifyAlternatives(path: string): { root: string; privilege: string; definite: boolean }[] {
  const brace = path.indexOf('{');
  const out: { root: string; privilege: string; definite: boolean }[] = [];
  for (const subtree of PERM_MODIFY_SUBTREES) {
    if (brace < 0) {
      // Static path: the server's regex `^/storage/.+$` etc.
      if (path.startsWith(subtree.root) && path.length > subtree.root.length) out.push({ ...subtree, definite: true });
      continue;
    }
    const prefix = path.slice(0, brace);
    if (prefix.startsWith(subtree.root)) {
      out.push({ ...subtree, definite: true });
    } else if (subtree.root.startsWith(prefix)) {
      out.push({ ...subtree, definite: false });
    }
  }
  return out;
}

/** Every node of a check expression, depth first, with its parents (outermost first). */
export function* walkCheck(check: PermCheck, ancestors: PermCheck[] = []): Generator<{ node: PermCheck; ancestors: PermCheck[] }> {
  yield { node: check, ancestors };
  if (check.kind === 'and' || check.kind === 'or') {
    const next = [...ancestors, check];
    for (const item of check.items) yield* walkCheck(item, next);
  } else if (check.kind === 'with-param') {
    yield* walkCheck(check.check, [...ancestors, check]);
  }
}
