/**
 * diffModels(old, new): what changed between two normalized models, operation by operation.
 * Reads only the model (never a raw schema), so it works across dialects and releases.
 *
 * What counts as breaking — a change after which a client that worked against OLD may fail:
 *   - an operation or a parameter removed;
 *   - a parameter became required, or a new required parameter appeared;
 *   - a parameter's type changed (except integer -> number, which only widens);
 *   - enum values removed, or an enum restricting a parameter that took any value before;
 *   - a numeric range or length narrowed (minimum/minLength raised or added, maximum/maxLength
 *     lowered or added), or a pattern added where there was none;
 *   - property-string keys removed from a parameter's inline format;
 *   - permissions tightened or changed incomparably (some callers allowed before may be denied;
 *     see ./permissions.ts), and API tokens no longer accepted (allowtoken 1 -> 0);
 *   - the return value's type changed (unless it was null or unspecified before), or a returned
 *     field removed (in the first two levels of fields).
 * Everything else is reported but not breaking: additions, defaults, formats by name, changed
 * patterns (undecidable), descriptions of permissions, the other flags.
 */
import { HTTP_METHODS, type ApiModel, type FormatRef, type Operation, type Parameter, type SchemaNode } from '../model/types.js';
import { comparePermissions, permissionSummary } from './permissions.js';
import type { ApiDiff, Change, DiffSide, DiffSummary, OperationDiff } from './types.js';

/** How deep returned fields are compared: 1 = the fields of the returned object (or of each item), 2 = their fields. */
const RETURNS_DEPTH = 2;

export function operationKey(op: { method: string; path: string }): string {
  return `${op.method} ${op.path}`;
}

export function diffModels(oldModel: ApiModel, newModel: ApiModel): ApiDiff {
  const oldOps = operationMap(oldModel);
  const newOps = operationMap(newModel);
  const added: Operation[] = [];
  const removed: Operation[] = [];
  const changed: OperationDiff[] = [];
  for (const [key, op] of newOps) if (!oldOps.has(key)) added.push(op);
  for (const [key, op] of oldOps) {
    const other = newOps.get(key);
    if (!other) {
      removed.push(op);
      continue;
    }
    const changes = compareOperation(op, other);
    if (changes.length > 0) {
      changed.push({ operation: key, method: op.method, path: op.path, changes, breaking: changes.some((c) => c.breaking) });
    }
  }
  added.sort(compareOps);
  removed.sort(compareOps);
  changed.sort(compareOps);
  return {
    old: side(oldModel),
    new: side(newModel),
    added: added.map(operationKey),
    removed: removed.map(operationKey),
    changed,
    breaking: removed.length > 0 || changed.some((c) => c.breaking),
  };
}

export function summarizeDiff(diff: ApiDiff): DiffSummary {
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    breakingChanged: diff.changed.filter((c) => c.breaking).length,
    parameterNamesChanged: diff.changed.filter((c) => c.changes.some((x) => x.kind === 'parameter-added' || x.kind === 'parameter-removed'))
      .length,
  };
}

function side(model: ApiModel): DiffSide {
  return { label: model.version || (model.source.split(/[\\/]/).pop() ?? model.source), source: model.source };
}

function operationMap(model: ApiModel): Map<string, Operation> {
  const map = new Map<string, Operation>();
  for (const p of model.paths) for (const op of p.operations) map.set(operationKey(op), op);
  return map;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOps(a: { path: string; method: Operation['method'] }, b: { path: string; method: Operation['method'] }): number {
  return cmp(a.path, b.path) || HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method);
}

/** Every change of one operation: permissions, flags, parameters by name, returns. */
export function compareOperation(a: Operation, b: Operation): Change[] {
  const out: Change[] = [];
  comparePermissionsOf(a, b, out);
  compareFlags(a, b, out);
  compareParameters(a.parameters, b.parameters, out);
  compareReturns(a.returns, b.returns, '', 0, out);
  return out;
}

const md = (text: unknown): string => '`' + String(text).replace(/`/g, "'") + '`';

function valueText(value: unknown): string {
  return md(typeof value === 'string' ? value : JSON.stringify(value));
}

function comparePermissionsOf(a: Operation, b: Operation, out: Change[]): void {
  const verdict = comparePermissions(a.permissions, b.permissions);
  if (verdict !== 'same') {
    const from = permissionSummary(a.permissions);
    const to = permissionSummary(b.permissions);
    const what = verdict === 'tightened' ? 'tightened' : verdict === 'loosened' ? 'loosened' : 'changed';
    out.push({
      kind: `permissions-${what}`,
      from,
      to,
      breaking: verdict !== 'loosened',
      text: `permissions ${what}: ${from} → ${to}`,
    });
  } else if ((a.permissions.description ?? '') !== (b.permissions.description ?? '')) {
    out.push({
      kind: 'permissions-description',
      from: a.permissions.description ?? null,
      to: b.permissions.description ?? null,
      breaking: false,
      text: 'permission description changed',
    });
  }
}

const FLAG_TEXT: Record<keyof Operation['flags'], string> = {
  protected: 'runs in the privileged daemon (protected)',
  proxyto: 'forwarded to the node named by (proxyto)',
  allowToken: 'API tokens accepted (allowtoken)',
  downloadAllowed: 'may return a file download (download_allowed)',
  exposeCredentials: 'exposes credentials (expose_credentials)',
  proxyMaster: "forwarded to the cluster's master node (proxyto: master)",
  download: 'returns a file or raw data (download)',
  upload: 'takes raw data as the request body (upload)',
  unstable: 'marked unstable',
};

function compareFlags(a: Operation, b: Operation, out: Change[]): void {
  for (const flag of Object.keys(FLAG_TEXT) as (keyof Operation['flags'])[]) {
    // The newer flags are optional in the model: absent means false.
    const from = a.flags[flag] ?? false;
    const to = b.flags[flag] ?? false;
    if (from === to) continue;
    out.push({
      kind: 'flag',
      attribute: flag,
      from,
      to,
      breaking: flag === 'allowToken' && from === true && to === false,
      text:
        flag === 'proxyto'
          ? `proxyto: ${from === null ? 'none' : md(String(from))} → ${to === null ? 'none' : md(String(to))}`
          : `${to ? 'now' : 'no longer'}: ${FLAG_TEXT[flag]}`,
    });
  }
}

function compareParameters(a: Parameter[], b: Parameter[], out: Change[]): void {
  const oldByName = new Map(a.map((p) => [p.name, p]));
  const newByName = new Map(b.map((p) => [p.name, p]));
  const names = [...new Set([...oldByName.keys(), ...newByName.keys()])].sort(cmp);
  for (const name of names) {
    const before = oldByName.get(name);
    const after = newByName.get(name);
    if (before && !after) {
      out.push({ kind: 'parameter-removed', parameter: name, breaking: true, text: `parameter ${md(name)} removed` });
    } else if (!before && after) {
      out.push({
        kind: 'parameter-added',
        parameter: name,
        to: after.required ? 'required' : 'optional',
        breaking: after.required,
        text: `${after.required ? 'required' : 'optional'} parameter ${md(name)} added`,
      });
    } else if (before && after) {
      compareParameter(before, after, out);
    }
  }
}

function compareParameter(a: Parameter, b: Parameter, out: Change[]): void {
  const name = a.name;
  const p = (change: Omit<Change, 'parameter'>): void => {
    out.push({ ...change, parameter: name });
  };
  if (!a.required && b.required) p({ kind: 'parameter-required', breaking: true, text: `parameter ${md(name)} became required` });
  if (a.required && !b.required) p({ kind: 'parameter-optional', breaking: false, text: `parameter ${md(name)} became optional` });
  const s = a.schema;
  const t = b.schema;
  if (s.type !== t.type) {
    p({
      kind: 'parameter-type',
      from: s.type,
      to: t.type,
      breaking: !(s.type === 'integer' && t.type === 'number'),
      text: `parameter ${md(name)}: type ${md(s.type)} → ${md(t.type)}`,
    });
  }
  compareEnum(name, s, t, p);
  if (!sameJson(s.default, t.default)) {
    p({
      kind: 'parameter-default',
      from: s.default ?? null,
      to: t.default ?? null,
      breaking: false,
      text: `parameter ${md(name)}: default ${s.default === undefined ? 'none' : valueText(s.default)} → ${t.default === undefined ? 'none' : valueText(t.default)}`,
    });
  }
  compareFormat(name, s.format, t.format, p);
  compareConstraints(name, s, t, p);
}

function compareEnum(name: string, s: SchemaNode, t: SchemaNode, p: (c: Omit<Change, 'parameter'>) => void): void {
  const before = s.enum;
  const after = t.enum;
  if (!before && !after) return;
  if (!before && after) {
    p({
      kind: 'parameter-enum-added',
      values: [...after],
      breaking: true,
      text: `parameter ${md(name)} now only accepts ${after.map(md).join(', ')}`,
    });
    return;
  }
  if (before && !after) {
    p({
      kind: 'parameter-enum-dropped',
      values: [...before],
      breaking: false,
      text: `parameter ${md(name)} no longer restricted to ${before.map(md).join(', ')}`,
    });
    return;
  }
  const oldSet = new Set(before);
  const newSet = new Set(after);
  const added = after!.filter((v) => !oldSet.has(v));
  const removed = before!.filter((v) => !newSet.has(v));
  if (removed.length > 0) {
    p({
      kind: 'parameter-enum-values-removed',
      values: removed,
      breaking: true,
      text: `parameter ${md(name)}: values removed: ${removed.map(md).join(', ')}`,
    });
  }
  if (added.length > 0) {
    p({
      kind: 'parameter-enum-values-added',
      values: added,
      breaking: false,
      text: `parameter ${md(name)}: values added: ${added.map(md).join(', ')}`,
    });
  }
}

function formatName(f: FormatRef | undefined): string | null {
  if (!f) return null;
  return f.kind === 'named' ? f.name : 'property string';
}

function compareFormat(name: string, a: FormatRef | undefined, b: FormatRef | undefined, p: (c: Omit<Change, 'parameter'>) => void): void {
  if (a?.kind === 'inline' && b?.kind === 'inline') {
    const oldKeys = new Map(a.keys.map((k) => [k.name, k]));
    const newKeys = new Map(b.keys.map((k) => [k.name, k]));
    const removed = a.keys
      .map((k) => k.name)
      .filter((k) => !newKeys.has(k))
      .sort(cmp);
    const added = b.keys.filter((k) => !oldKeys.has(k.name)).sort((x, y) => cmp(x.name, y.name));
    if (removed.length > 0) {
      p({
        kind: 'parameter-format-keys-removed',
        values: removed,
        breaking: true,
        text: `parameter ${md(name)}: property-string keys removed: ${removed.map(md).join(', ')}`,
      });
    }
    if (added.length > 0) {
      const required = added.filter((k) => k.required);
      p({
        kind: 'parameter-format-keys-added',
        values: added.map((k) => k.name),
        breaking: required.length > 0,
        text: `parameter ${md(name)}: property-string keys added: ${added.map((k) => md(k.name) + (k.required ? ' (required)' : '')).join(', ')}`,
      });
    }
    return;
  }
  const from = formatName(a);
  const to = formatName(b);
  if (from === to) return;
  p({
    kind: 'parameter-format',
    from,
    to,
    breaking: false,
    text: `parameter ${md(name)}: format ${from === null ? 'none' : md(from)} → ${to === null ? 'none' : md(to)}`,
  });
}

type Bound = 'minimum' | 'maximum' | 'minLength' | 'maxLength';
const LOWER: readonly Bound[] = ['minimum', 'minLength'];
const BOUNDS: readonly Bound[] = ['minimum', 'maximum', 'minLength', 'maxLength'];

function compareConstraints(name: string, s: SchemaNode, t: SchemaNode, p: (c: Omit<Change, 'parameter'>) => void): void {
  for (const bound of BOUNDS) {
    const from = s[bound];
    const to = t[bound];
    if (from === to) continue;
    const lower = LOWER.includes(bound);
    const narrowed = to !== undefined && (from === undefined || (lower ? to > from : to < from));
    p({
      kind: 'parameter-constraint',
      attribute: bound,
      from: from ?? null,
      to: to ?? null,
      breaking: narrowed,
      text: `parameter ${md(name)}: ${bound} ${from === undefined ? 'none' : md(from)} → ${to === undefined ? 'none' : md(to)}`,
    });
  }
  if (s.pattern !== t.pattern) {
    p({
      kind: 'parameter-constraint',
      attribute: 'pattern',
      from: s.pattern ?? null,
      to: t.pattern ?? null,
      breaking: s.pattern === undefined,
      text: `parameter ${md(name)}: pattern ${s.pattern === undefined ? 'none' : md(s.pattern)} → ${t.pattern === undefined ? 'none' : md(t.pattern)}`,
    });
  }
}

/** The effective type of a returned node: "any" when unspecified. */
function returnType(node: SchemaNode | undefined): string {
  return node?.type ?? 'any';
}

function compareReturns(a: SchemaNode | undefined, b: SchemaNode | undefined, field: string, depth: number, out: Change[]): void {
  const from = returnType(a);
  const to = returnType(b);
  const where = field === '' ? 'return value' : `returned field ${md(field)}`;
  if (from !== to) {
    out.push({
      kind: 'returns-type',
      field,
      from,
      to,
      breaking: from !== 'null' && from !== 'any',
      text: `${where}: type ${md(from)} → ${md(to)}`,
    });
    return;
  }
  if (!a || !b) return;
  if (from === 'array') {
    if (a.items || b.items) compareReturns(a.items, b.items, `${field}[]`, depth, out);
    return;
  }
  // Fields are compared only when both sides list them: a schema that stops (or starts) listing
  // fields says nothing about the API itself.
  if (depth >= RETURNS_DEPTH || !a.properties?.length || !b.properties?.length) return;
  const oldFields = new Map(a.properties.map((f) => [f.name, f.schema]));
  const newFields = new Map(b.properties.map((f) => [f.name, f.schema]));
  const prefix = field === '' ? '' : field.endsWith('[]') ? field : `${field}.`;
  const names = [...new Set([...oldFields.keys(), ...newFields.keys()])].sort(cmp);
  for (const name of names) {
    const path = `${prefix}${prefix.endsWith('[]') ? '.' : ''}${name}`;
    const before = oldFields.get(name);
    const after = newFields.get(name);
    if (before && !after)
      out.push({ kind: 'returns-field-removed', field: path, breaking: true, text: `returned field ${md(path)} removed` });
    else if (!before && after)
      out.push({ kind: 'returns-field-added', field: path, breaking: false, text: `returned field ${md(path)} added` });
    else compareReturns(before, after, path, depth + 1, out);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
