/**
 * Validate stage: the parsed document against the project's own JSON Schema of the Proxmox API
 * format (schema/proxmox-api.schema.json), plus the checks a JSON Schema cannot express (duplicate
 * paths, nesting depth). Reports every violation with its JSON pointer before anything renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ValidationError, type Violation } from '../errors.js';
import type { LoadedDocument } from '../load/index.js';
import { packageRoot } from '../paths.js';
import { checkDepth, checkPaths } from './semantic.js';

let compiled: { viewer: ValidateFunction; refs: ValidateFunction } | undefined;

function validators(): { viewer: ValidateFunction; refs: ValidateFunction } {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'proxmox-api.schema.json'), 'utf8')) as { $id: string };
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(schema);
    const get = (name: string): ValidateFunction => {
      const fn = ajv.getSchema(`${schema.$id}#/definitions/${name}`);
      if (!fn) throw new Error(`schema definition ${name} missing`);
      return fn;
    };
    compiled = { viewer: get('viewerDocument'), refs: get('refsDocument') };
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
  if (tooDeep) throw new ValidationError(loaded.source, [tooDeep]);
}

/**
 * After dereferencing: the full shape. The reference dump puts `$ref`s in almost any position
 * (a description, an enum, a whole `properties` map), so the shape is only meaningful once they
 * are resolved; pointers then name the place where the value is used.
 */
export function validate(loaded: LoadedDocument, document: unknown = loaded.document): void {
  const violations: Violation[] = [];
  const validateFn = validators()[loaded.dialect];
  if (!validateFn(document)) violations.push(...summarize(validateFn.errors ?? []));
  if (violations.length === 0) violations.push(...checkPaths(document, loaded.dialect));
  if (violations.length > 0) throw new ValidationError(loaded.source, violations.slice(0, MAX_VIOLATIONS));
}

/**
 * Ajv reports every failed branch of an anyOf; a reader wants the one that explains the problem.
 * Drop the "is not a $ref / marker" noise of the alternative branches and the anyOf summary lines
 * whenever a more specific error at the same or a deeper pointer exists.
 */
function summarize(errors: ErrorObject[]): Violation[] {
  const alternativeNoise = (e: ErrorObject): boolean =>
    (e.keyword === 'required' && ['$ref', 'x-proxmox-code', 'x-proxmox-regex'].includes(String(e.params['missingProperty']))) ||
    e.keyword === 'anyOf' ||
    e.keyword === 'oneOf' ||
    (e.keyword === 'type' && e.schemaPath.includes('/anyOf/'));
  const specific = errors.filter((e) => !alternativeNoise(e));
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of chosen) {
    const message = describe(error);
    const key = `${error.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: error.instancePath, message });
  }
  return out;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'propertyNames':
      return `key ${JSON.stringify(error.params['propertyName'])} is not allowed here`;
    case 'enum':
      if (error.instancePath.endsWith('/info') || /\/info$/.test(error.instancePath)) return 'method key must be GET, POST, PUT or DELETE';
      return `${error.message ?? 'invalid value'}: ${(error.params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? ''}`.trim();
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
