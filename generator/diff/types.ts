/**
 * The result of comparing two normalized models (`diffModels`): plain data, deterministic order,
 * serializable as it is. Read by the `diff` command (Markdown / JSON) and the changelog pages.
 */
import type { HttpMethod } from '../model/types.js';

export type ChangeKind =
  | 'parameter-added'
  | 'parameter-removed'
  | 'parameter-required'
  | 'parameter-optional'
  | 'parameter-type'
  | 'parameter-enum-values-added'
  | 'parameter-enum-values-removed'
  /** An enum appeared on a parameter that took any value before: a restriction. */
  | 'parameter-enum-added'
  /** The enum was dropped: any value is accepted now. */
  | 'parameter-enum-dropped'
  | 'parameter-default'
  | 'parameter-format'
  | 'parameter-format-keys-added'
  | 'parameter-format-keys-removed'
  | 'parameter-constraint'
  | 'returns-type'
  | 'returns-field-added'
  | 'returns-field-removed'
  | 'permissions-tightened'
  | 'permissions-loosened'
  /** Neither implies the other: some callers gain access, some may lose it. */
  | 'permissions-changed'
  | 'permissions-description'
  | 'flag';

export interface Change {
  kind: ChangeKind;
  /** The parameter concerned (parameter-* kinds). */
  parameter?: string;
  /** The returns field concerned (returns-* kinds): "" is the return value itself, "[].vmid" a field of each item. */
  field?: string;
  /** The constraint, flag or format key concerned: "minimum", "maxLength", "pattern", "allowToken"... */
  attribute?: string;
  from?: unknown;
  to?: unknown;
  /** Enum values or property-string keys added or removed. */
  values?: string[];
  breaking: boolean;
  /** One plain sentence; code is marked with backticks (Markdown). */
  text: string;
}

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
