/**
 * What the schema does not say. Proxmox schemas are often silent about return values and terse
 * about parameters; every client trips over it. These functions name each silence (never filling
 * it in): per operation for its page, per section for the "Schema coverage" page, and as counts
 * for the build's --json summary. Pure functions of the normalized model.
 */
import type { ApiModel, Operation, SchemaNode } from './types.js';

export type SilenceKind =
  | 'returns-null'
  | 'object-without-properties'
  | 'array-items-without-properties'
  | 'array-without-items'
  | 'string-return-undescribed'
  | 'parameter-undescribed'
  | 'numeric-textual-default';

export const SILENCE_KINDS: readonly SilenceKind[] = [
  'returns-null',
  'object-without-properties',
  'array-items-without-properties',
  'array-without-items',
  'string-return-undescribed',
  'parameter-undescribed',
  'numeric-textual-default',
];

/** One line per kind, for the coverage page and the operation notes. */
export const SILENCE_TITLES: Record<SilenceKind, string> = {
  'returns-null': 'Returns null: the schema declares no return value',
  'object-without-properties': 'Objects without properties',
  'array-items-without-properties': 'Arrays of objects whose items list no properties',
  'array-without-items': 'Arrays without an item schema',
  'string-return-undescribed': 'A bare string return without a description',
  'parameter-undescribed': 'Parameters without a description',
  'numeric-textual-default': 'Numeric parameters or fields whose default is text',
};

export interface Silence {
  kind: SilenceKind;
  /** Where on the operation: "returns", "returns.data[].config", "parameter vmid". */
  field: string;
  pointer: string;
}

/** Return trees nest 4-5 levels in practice; the cap only guards against pathological input. */
const MAX_DEPTH = 32;

function isObjectType(node: SchemaNode): boolean {
  return node.type === 'object';
}

function hasProperties(node: SchemaNode): boolean {
  return (node.properties?.length ?? 0) > 0 || typeof node.additionalProperties === 'object' || (node.oneOf?.length ?? 0) > 0;
}

function numericTextDefault(node: SchemaNode): boolean {
  if (node.type !== 'integer' && node.type !== 'number') return false;
  return typeof node.default === 'string' && !Number.isFinite(Number(node.default.trim() === '' ? Number.NaN : node.default));
}

/** Every silence of one operation, in page order: parameters first, then the return value. */
export function operationSilences(op: Operation): Silence[] {
  const out: Silence[] = [];
  for (const p of op.parameters) {
    const s = p.schema;
    const described = [s.description, s.verboseDescription, s.title].some((t) => t !== undefined && t.trim() !== '');
    const variantsDescribed = (s.oneOf ?? []).some((alt) => alt.description !== undefined && alt.description.trim() !== '');
    if (!described && !variantsDescribed) out.push({ kind: 'parameter-undescribed', field: `parameter ${p.name}`, pointer: s.pointer });
    if (numericTextDefault(s)) out.push({ kind: 'numeric-textual-default', field: `parameter ${p.name}`, pointer: s.pointer });
  }
  const r = op.returns;
  if (r.type === 'null') {
    out.push({ kind: 'returns-null', field: 'returns', pointer: r.pointer });
    return out;
  }
  if (r.type === 'string' && !r.description?.trim() && !r.format && !r.enum && !r.pattern) {
    out.push({ kind: 'string-return-undescribed', field: 'returns', pointer: r.pointer });
  }
  walkReturns(r, 'returns', 0, out);
  return out;
}

function walkReturns(node: SchemaNode, field: string, depth: number, out: Silence[]): void {
  if (depth > MAX_DEPTH) return;
  if (isObjectType(node) && !hasProperties(node)) out.push({ kind: 'object-without-properties', field, pointer: node.pointer });
  if (node.type === 'array') {
    if (!node.items) out.push({ kind: 'array-without-items', field, pointer: node.pointer });
    else if (isObjectType(node.items) && !hasProperties(node.items)) {
      out.push({ kind: 'array-items-without-properties', field, pointer: node.items.pointer });
    }
  }
  if (depth > 0 && numericTextDefault(node)) out.push({ kind: 'numeric-textual-default', field, pointer: node.pointer });
  for (const p of node.properties ?? []) walkReturns(p.schema, `${field}.${p.name}`, depth + 1, out);
  if (typeof node.additionalProperties === 'object') walkReturns(node.additionalProperties, `${field}.*`, depth + 1, out);
  // Items that are objects without properties were reported above as the array's silence.
  if (node.items && !(isObjectType(node.items) && !hasProperties(node.items))) walkReturns(node.items, `${field}[]`, depth + 1, out);
  for (const alt of node.oneOf ?? []) walkReturns(alt, field, depth + 1, out);
}

export interface CoverageSection {
  section: string;
  operations: number;
  counts: Record<SilenceKind, number>;
  /** Operations with at least one silence, in model order. */
  entries: { op: Operation; silences: Silence[] }[];
}

export interface Coverage {
  operations: number;
  /** Number of silences of each kind over the whole API. */
  counts: Record<SilenceKind, number>;
  /** Number of operations with at least one silence of each kind. */
  operationsWith: Record<SilenceKind, number>;
  sections: CoverageSection[];
}

function zero(): Record<SilenceKind, number> {
  return Object.fromEntries(SILENCE_KINDS.map((k) => [k, 0])) as Record<SilenceKind, number>;
}

export function schemaCoverage(model: ApiModel): Coverage {
  const counts = zero();
  const operationsWith = zero();
  const sections = new Map<string, CoverageSection>();
  let operations = 0;
  for (const path of model.paths) {
    let section = sections.get(path.section);
    if (!section) {
      section = { section: path.section, operations: 0, counts: zero(), entries: [] };
      sections.set(path.section, section);
    }
    for (const op of path.operations) {
      operations++;
      section.operations++;
      const silences = operationSilences(op);
      const kinds = new Set<SilenceKind>();
      for (const s of silences) {
        counts[s.kind]++;
        section.counts[s.kind]++;
        kinds.add(s.kind);
      }
      for (const k of kinds) operationsWith[k]++;
      if (silences.length > 0) section.entries.push({ op, silences });
    }
  }
  return { operations, counts, operationsWith, sections: [...sections.values()] };
}
