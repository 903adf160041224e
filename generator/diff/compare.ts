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
import {
  HTTP_METHODS,
  type ApiModel,
  type FormatRef,
  type Operation,
  type OperationFlags,
  type Parameter,
  type SchemaNode,
} from '../model/types.js';
import { comparePermissions, permissionSummary } from './permissions.js';
import type { ApiDiff, Change, DiffSide, DiffSummary, JsonValue, OperationDiff, ParameterChange } from './types.js';

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
function compareOperation(a: Operation, b: Operation): Change[] {
  const out: Change[] = [];
  comparePermissionsOf(a, b, out);
  compareFlags(a, b, out);
  compareParameters(a.parameters, b.parameters, out);
  compareReturns(a.returns, b.returns, '', 0, out);
  return out;
}

function comparePermissionsOf(a: Operation, b: Operation, out: Change[]): void {
  const verdict = comparePermissions(a.permissions, b.permissions);
  if (verdict !== 'same') {
    const from = permissionSummary(a.permissions);
    const to = permissionSummary(b.permissions);
    out.push({ kind: `permissions-${verdict}`, from, to, breaking: verdict !== 'loosened' });
  } else if ((a.permissions.description ?? '') !== (b.permissions.description ?? '')) {
    out.push({
      kind: 'permissions-description',
      from: a.permissions.description ?? null,
      to: b.permissions.description ?? null,
      breaking: false,
    });
  }
}

/** Every flag, in report order. */
const FLAGS = [
  'protected',
  'proxyto',
  'allowToken',
  'downloadAllowed',
  'exposeCredentials',
  'proxyMaster',
  'download',
  'upload',
  'unstable',
] as const satisfies readonly (keyof OperationFlags)[];
// A flag added to the model but not to FLAGS fails to compile here.
const EVERY_FLAG: Exclude<keyof OperationFlags, (typeof FLAGS)[number]> extends never ? true : never = true;
void EVERY_FLAG;

function compareFlags(a: Operation, b: Operation, out: Change[]): void {
  for (const flag of FLAGS) {
    if (flag === 'proxyto') {
      if (a.flags.proxyto !== b.flags.proxyto) {
        out.push({ kind: 'flag', attribute: flag, from: a.flags.proxyto, to: b.flags.proxyto, breaking: false });
      }
      continue;
    }
    // The newer flags are optional in the model: absent means false.
    const from = a.flags[flag] ?? false;
    const to = b.flags[flag] ?? false;
    if (from === to) continue;
    out.push({ kind: 'flag', attribute: flag, from, to, breaking: flag === 'allowToken' && from && !to });
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
      out.push({ kind: 'parameter-removed', parameter: name, breaking: true });
    } else if (!before && after) {
      out.push({ kind: 'parameter-added', parameter: name, required: after.required, breaking: after.required });
    } else if (before && after) {
      compareParameter(before, after, out);
    }
  }
}

/** A change of one parameter, before its name is attached. */
type Unnamed = ParameterChange extends infer C ? (C extends ParameterChange ? Omit<C, 'parameter'> : never) : never;
type Push = (change: Unnamed) => void;

function compareParameter(a: Parameter, b: Parameter, out: Change[]): void {
  const p: Push = (change) => {
    out.push({ ...change, parameter: a.name });
  };
  if (!a.required && b.required) p({ kind: 'parameter-required', breaking: true });
  if (a.required && !b.required) p({ kind: 'parameter-optional', breaking: false });
  const s = a.schema;
  const t = b.schema;
  if (s.type !== t.type) {
    p({ kind: 'parameter-type', from: s.type, to: t.type, breaking: !(s.type === 'integer' && t.type === 'number') });
  }
  compareEnum(s, t, p);
  if (!sameJson(s.default, t.default)) {
    p({ kind: 'parameter-default', from: jsonValue(s.default), to: jsonValue(t.default), breaking: false });
  }
  compareFormat(s.format, t.format, p);
  compareConstraints(s, t, p);
}

function compareEnum(s: SchemaNode, t: SchemaNode, p: Push): void {
  const before = s.enum;
  const after = t.enum;
  if (!before && after) {
    p({ kind: 'parameter-enum-added', values: [...after], breaking: true });
  } else if (before && !after) {
    p({ kind: 'parameter-enum-dropped', values: [...before], breaking: false });
  } else if (before && after) {
    const oldSet = new Set(before);
    const newSet = new Set(after);
    const added = after.filter((v) => !oldSet.has(v));
    const removed = before.filter((v) => !newSet.has(v));
    if (removed.length > 0) p({ kind: 'parameter-enum-values-removed', values: removed, breaking: true });
    if (added.length > 0) p({ kind: 'parameter-enum-values-added', values: added, breaking: false });
  }
}

function formatName(f: FormatRef | undefined): string | null {
  if (!f) return null;
  return f.kind === 'named' ? f.name : 'property string';
}

function compareFormat(a: FormatRef | undefined, b: FormatRef | undefined, p: Push): void {
  if (a?.kind === 'inline' && b?.kind === 'inline') {
    const oldKeys = new Map(a.keys.map((k) => [k.name, k]));
    const newKeys = new Map(b.keys.map((k) => [k.name, k]));
    const removed = a.keys
      .map((k) => k.name)
      .filter((k) => !newKeys.has(k))
      .sort(cmp);
    const added = b.keys.filter((k) => !oldKeys.has(k.name)).sort((x, y) => cmp(x.name, y.name));
    if (removed.length > 0) p({ kind: 'parameter-format-keys-removed', keys: removed, breaking: true });
    if (added.length > 0) {
      p({
        kind: 'parameter-format-keys-added',
        keys: added.map((k) => ({ name: k.name, required: k.required })),
        breaking: added.some((k) => k.required),
      });
    }
    return;
  }
  const from = formatName(a);
  const to = formatName(b);
  if (from !== to) p({ kind: 'parameter-format', from, to, breaking: false });
}

type Bound = 'minimum' | 'maximum' | 'minLength' | 'maxLength';
const LOWER: readonly Bound[] = ['minimum', 'minLength'];
const BOUNDS: readonly Bound[] = ['minimum', 'maximum', 'minLength', 'maxLength'];

function compareConstraints(s: SchemaNode, t: SchemaNode, p: Push): void {
  for (const bound of BOUNDS) {
    const from = s[bound];
    const to = t[bound];
    if (from === to) continue;
    const lower = LOWER.includes(bound);
    const narrowed = to !== undefined && (from === undefined || (lower ? to > from : to < from));
    p({ kind: 'parameter-constraint', attribute: bound, from: from ?? null, to: to ?? null, breaking: narrowed });
  }
  if (s.pattern !== t.pattern) {
    p({
      kind: 'parameter-constraint',
      attribute: 'pattern',
      from: s.pattern ?? null,
      to: t.pattern ?? null,
      breaking: s.pattern === undefined,
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
  if (from !== to) {
    out.push({ kind: 'returns-type', field, from, to, breaking: from !== 'null' && from !== 'any' });
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
    if (before && !after) out.push({ kind: 'returns-field-removed', field: path, breaking: true });
    else if (!before && after) out.push({ kind: 'returns-field-added', field: path, breaking: false });
    else compareReturns(before, after, path, depth + 1, out);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A parameter default as JSON data (it came from JSON); absent: null. */
function jsonValue(value: unknown): JsonValue | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return null;
}
