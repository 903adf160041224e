/**
 * The result of comparing two normalized models (`diffModels`): plain data, deterministic order,
 * serializable as it is. Each change is one member of a discriminated union on `kind`, carrying
 * typed data only; its words are made at output time (./sentence.ts), for Markdown and JSON
 * (./format.ts) and the changelog pages (versions/changelog.ts).
 */
import type { HttpMethod, OperationFlags } from '../model/types.js';

/** A value as JSON has it (a parameter default). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A numeric range or length bound of a parameter. */
export type Bound = 'minimum' | 'maximum' | 'minLength' | 'maxLength';

/** The flags that are on or off; `proxyto` names a parameter and is a change of its own. */
export type BooleanFlag = Exclude<keyof OperationFlags, 'proxyto'>;

/** Changes about one parameter, named by `parameter`. */
export type ParameterChange = { parameter: string; breaking: boolean } & (
  | { kind: 'parameter-added'; required: boolean }
  | { kind: 'parameter-removed' }
  | { kind: 'parameter-required' }
  | { kind: 'parameter-optional' }
  | { kind: 'parameter-type'; from: string; to: string }
  | { kind: 'parameter-enum-values-added'; values: string[] }
  | { kind: 'parameter-enum-values-removed'; values: string[] }
  /** An enum appeared on a parameter that took any value before: a restriction; `values` is the new enum. */
  | { kind: 'parameter-enum-added'; values: string[] }
  /** The enum was dropped: any value is accepted now; `values` is the old enum. */
  | { kind: 'parameter-enum-dropped'; values: string[] }
  /** null: no default. */
  | { kind: 'parameter-default'; from: JsonValue | null; to: JsonValue | null }
  /** A format by name ("pve-storage-id"), "property string" for an inline one, null for none. */
  | { kind: 'parameter-format'; from: string | null; to: string | null }
  | { kind: 'parameter-format-keys-added'; keys: { name: string; required: boolean }[] }
  | { kind: 'parameter-format-keys-removed'; keys: string[] }
  | { kind: 'parameter-constraint'; attribute: Bound; from: number | null; to: number | null }
  | { kind: 'parameter-constraint'; attribute: 'pattern'; from: string | null; to: string | null }
);

/** Changes about the return value: `field` "" is the value itself, "[].vmid" a field of each item. */
export type ReturnsChange = { field: string; breaking: boolean } & (
  | { kind: 'returns-type'; from: string; to: string }
  | { kind: 'returns-field-added' }
  | { kind: 'returns-field-removed' }
);

/** Permission changes: `from` / `to` are short plain-text summaries of who may call. */
export type PermissionsChange = { breaking: boolean } & (
  | { kind: 'permissions-tightened'; from: string; to: string }
  | { kind: 'permissions-loosened'; from: string; to: string }
  /** Neither implies the other: some callers gain access, some may lose it. */
  | { kind: 'permissions-changed'; from: string; to: string }
  | { kind: 'permissions-description'; from: string | null; to: string | null }
);

export type FlagChange = { kind: 'flag'; breaking: boolean } & (
  | { attribute: BooleanFlag; from: boolean; to: boolean }
  /** The parameter naming the node a request is forwarded to; null: not forwarded. */
  | { attribute: 'proxyto'; from: string | null; to: string | null }
);

export type Change = ParameterChange | ReturnsChange | PermissionsChange | FlagChange;

export interface OperationDiff {
  /** "PUT /nodes/{node}/qemu/{vmid}/config" */
  operation: string;
  method: HttpMethod;
  path: string;
  changes: Change[];
  breaking: boolean;
}

export interface DiffSide {
  /** Version label ("9.1"), else the source file name. */
  label: string;
  source: string;
}

export interface ApiDiff {
  old: DiffSide;
  new: DiffSide;
  /** Operations only in the new model, as "METHOD /path", by path then method. */
  added: string[];
  /** Operations only in the old model (always breaking). */
  removed: string[];
  /** Operations in both with at least one change, by path then method. */
  changed: OperationDiff[];
  /** Any removed operation or breaking change. */
  breaking: boolean;
}

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  /** Changed operations with at least one breaking change. */
  breakingChanged: number;
  /** Changed operations whose parameter names differ (a parameter added or removed). */
  parameterNamesChanged: number;
}
