/**
 * The document validators from schema/proxmox-api.schema.json, two ways:
 * - `standaloneModule`: Ajv's standalone code for both validators, as the TypeScript module
 *   `precompiled.ts` that the build loads (no Ajv, no schema compilation at run time: compiling the
 *   schema took longer than validating PVE 9.1 with it). `npm run compile` does not regenerate it:
 *   after changing the schema run `npx tsc -p tsconfig.json && node lib/generator/validate/write-precompiled.js`
 *   (test/validate/precompiled.test.ts fails until then);
 * - `compileValidators`: the same validators compiled by Ajv now, used only when `precompiled.ts`
 *   was generated from another version of the schema file.
 * Ajv is loaded on demand, never on the build's path.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { packageRoot } from '../paths.js';

export interface DocumentValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface DocumentValidators {
  viewer: DocumentValidator;
  refs: DocumentValidator;
  /** A bare formats registry (--formats FILE): the shape of a reference dump's `formats`. */
  formats: DocumentValidator;
}

const SCHEMA_FILE = join('schema', 'proxmox-api.schema.json');

export function schemaText(): string {
  return readFileSync(join(packageRoot(), SCHEMA_FILE), 'utf8');
}

export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Each validator's JSON pointer into the schema file. */
const VALIDATED: Record<keyof DocumentValidators, string> = {
  viewer: '/definitions/viewerDocument',
  refs: '/definitions/refsDocument',
  formats: '/definitions/refsDocument/properties/formats',
};

type AjvModule = typeof import('ajv');
type AjvInstance = InstanceType<AjvModule['Ajv']>;

function newAjv(text: string, source: boolean): { ajv: AjvInstance; id: string } {
  const { Ajv } = createRequire(import.meta.url)('ajv') as AjvModule;
  const schema = JSON.parse(text) as { $id: string };
  const ajv = new Ajv({ allErrors: true, strict: false, ...(source ? { code: { source: true, esm: true } } : {}) });
  ajv.addSchema(withoutRefAlternatives(schema));
  return { ajv, id: schema.$id };
}

export function compileValidators(text: string): DocumentValidators {
  const { ajv, id } = newAjv(text, false);
  const get = (pointer: string): DocumentValidator => {
    const fn = ajv.getSchema(`${id}#${pointer}`);
    if (!fn) throw new Error(`schema definition ${pointer} missing`);
    return fn;
  };
  return { viewer: get(VALIDATED.viewer), refs: get(VALIDATED.refs), formats: get(VALIDATED.formats) };
}

/** The source of precompiled.ts for this schema text (deterministic: same schema, same bytes). */
export function standaloneModule(text: string): string {
  const { ajv, id } = newAjv(text, true);
  const standalone = (
    createRequire(import.meta.url)('ajv/dist/standalone') as { default: (ajv: AjvInstance, refs: Record<string, string>) => string }
  ).default;
  const code = standalone(ajv, Object.fromEntries(Object.entries(VALIDATED).map(([name, pointer]) => [name, `${id}#${pointer}`])));
  return [
    '// @ts-nocheck',
    '/* eslint-disable */',
    `// Generated from ${SCHEMA_FILE.replace(/\\/g, '/')} by generator/validate/write-precompiled.ts (Ajv standalone code): do not edit.`,
    `export const SCHEMA_SHA256 = ${JSON.stringify(schemaHash(text))};`,
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}

/**
 * The schema file documents the format as written, where `$ref` may stand in many places. We
 * validate after dereferencing, when none are left (deref reports leftovers), so the `$ref`
 * alternatives are removed: they would only add noise to every error message.
 */
function withoutRefAlternatives<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutRefAlternatives) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'anyOf' && Array.isArray(value)) {
      const kept = value.filter(
        (alt) => !(alt && typeof alt === 'object' && (alt as Record<string, unknown>)['$ref'] === '#/definitions/ref'),
      );
      if (kept.length === 1) Object.assign(out, withoutRefAlternatives(kept[0]));
      else out[key] = kept.map(withoutRefAlternatives);
    } else {
      out[key] = withoutRefAlternatives(value);
    }
  }
  return out as T;
}
