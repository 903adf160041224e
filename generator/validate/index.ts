/**
 * Validate stage: the parsed document against the project's own JSON Schema of the Proxmox API
 * format (schema/proxmox-api.schema.json), plus the checks a JSON Schema cannot express (duplicate
 * paths, nesting depth). Reports every violation with its JSON pointer before anything renders.
 * The validators are Ajv's standalone code, generated from the schema ahead of time (compile.ts).
 */
import type { ErrorObject } from 'ajv';
import { ValidationError, type Violation } from '../errors.js';
import type { LoadedDocument } from '../load/index.js';
import { compileValidators, schemaHash, schemaText, type DocumentValidators } from './compile.js';
import * as precompiled from './precompiled.js';
import { printable } from '../text/printable.js';
import { checkDepth, checkPaths } from './semantic.js';
import { checkLimits } from './limits.js';

let compiled: DocumentValidators | undefined;

function validators(): DocumentValidators {
  if (!compiled) {
    const text = schemaText();
    // precompiled.ts is generated from the schema file; should the two ever disagree, the file wins.
    compiled =
      precompiled.SCHEMA_SHA256 === schemaHash(text)
        ? { viewer: precompiled.viewer, refs: precompiled.refs, formats: precompiled.formats }
        : compileValidators(text);
  }
  return compiled;
}

/** At most this many violations are kept; a wholly wrong file would otherwise produce thousands. */
const MAX_VIOLATIONS = 200;

/**
 * Before dereferencing: only what would make dereferencing itself unsafe. A 10 000-deep document
 * would overflow the stack of any recursive walker (ref-parser's and the validator's).
 */
export function validateStructure(loaded: LoadedDocument): void {
  const tooDeep = checkDepth(loaded.document);
  if (tooDeep) throw new ValidationError(loaded.source, [shown(tooDeep)]);
}

/**
 * After dereferencing: the full shape. The reference dump puts `$ref`s in almost any position
 * (a description, an enum, a whole `properties` map), so the shape is only meaningful once they
 * are resolved; pointers then name the place where the value is used.
 */
export function validate(loaded: LoadedDocument, document: unknown = loaded.document): void {
  const violations: Violation[] = [];
  const validateFn = validators()[loaded.dialect];
  if (!validateFn(document)) violations.push(...toViolations(validateFn.errors ?? []));
  if (violations.length === 0) violations.push(...checkPaths(document, loaded.dialect), ...checkLimits(document, loaded.dialect));
  if (violations.length > 0) throw new ValidationError(loaded.source, violations.slice(0, MAX_VIOLATIONS).map(shown));
}

/**
 * A bare formats registry given with --formats (not a whole reference dump): the same shape as a
 * reference dump's `formats`, checked the same way before anything reads it (nesting first).
 */
export function validateFormatsRegistry(loaded: LoadedDocument): void {
  validateStructure(loaded);
  const validateFn = validators().formats;
  if (!validateFn(loaded.document))
    throw new ValidationError(
      loaded.source,
      toViolations(validateFn.errors ?? [])
        .slice(0, MAX_VIOLATIONS)
        .map(shown),
    );
}

/** Pointers and messages quote schema keys and values: printed to a terminal, they must be inert. */
function shown(violation: Violation): Violation {
  return { pointer: printable(violation.pointer), message: printable(violation.message) };
}

/**
 * Ajv reports every failed branch of an anyOf. A reader wants the one error that explains the
 * problem: when errors exist deeper inside the value, they are the explanation and the anyOf with
 * its branch errors is dropped; otherwise the branches' expectations merge into one "must be A or B".
 */
function toViolations(errors: ErrorObject[]): Violation[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const dropped = new Set<ErrorObject>();
  const merged = new Map<ErrorObject, string>();
  for (const group of anyOfs) {
    const branchPrefix = group.schemaPath.replace(/\/(anyOf|oneOf)$/, '/$1/');
    const branches = errors.filter((e) => e !== group && e.instancePath === group.instancePath && e.schemaPath.startsWith(branchPrefix));
    // A branch that is a $ref reports schema paths of the referenced schema ("#/definitions/codeMarker/required"):
    // branch errors are the ones just before the group, at or below its instance, that are not its siblings' own.
    const parent = group.schemaPath.replace(/\/(anyOf|oneOf)$/, '');
    for (let j = errors.indexOf(group) - 1; j >= 0; j--) {
      const e = errors[j]!;
      if (e.instancePath !== group.instancePath && !e.instancePath.startsWith(group.instancePath + '/')) break;
      const sibling = e.schemaPath.startsWith(parent + '/') && !e.schemaPath.startsWith(branchPrefix);
      if (e.instancePath === group.instancePath && !sibling && !branches.includes(e)) branches.push(e);
    }
    branches.sort((a, b) => errors.indexOf(a) - errors.indexOf(b));
    const deeper = errors.some((e) => e.instancePath.startsWith(group.instancePath + '/'));
    for (const b of branches) dropped.add(b);
    if (deeper) dropped.add(group);
    else merged.set(group, `must be ${[...new Set(branches.map(expectation))].join(' or ')}`);
  }
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of errors) {
    if (dropped.has(error) || error.keyword === 'propertyNames') continue;
    const message = merged.get(error) ?? describe(error);
    const pointer = error.instancePath;
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
  }
  return out;
}

function expectation(error: ErrorObject): string {
  if (error.keyword === 'type') return String(error.params['type']).replace(/,/g, ' or ');
  if (error.keyword === 'enum') return `one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'pattern') return `a string matching ${String(error.params['pattern'])}`;
  if (error.keyword === 'required') return `an object with "${String(error.params['missingProperty'])}"`;
  return error.message ?? error.keyword;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'enum':
      if (error.propertyName !== undefined) {
        return `key ${JSON.stringify(error.propertyName)} is not allowed here (expected ${(error.params['allowedValues'] as unknown[]).join(', ')})`;
      }
      return `${error.message ?? 'invalid value'}: ${(error.params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? ''}`.trim();
    case 'type':
      return `must be ${String(error.params['type']).replace(/,/g, ' or ')}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
