/**
 * generator/validate/precompiled.ts is Ajv's standalone code for schema/proxmox-api.schema.json,
 * generated ahead of time so that a build never compiles the schema. It must match the schema file
 * exactly (regenerate: `npx tsc -p tsconfig.json && node lib/generator/validate/write-precompiled.js`),
 * and report the same errors as validators compiled from the file now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileValidators, schemaText, standaloneModule } from '../../generator/validate/compile.js';
import * as precompiled from '../../generator/validate/precompiled.js';
import { packageRoot } from '../../generator/paths.js';

describe('precompiled validators', () => {
  it('are generated from the current schema file', () => {
    const file = readFileSync(join(packageRoot(), 'generator', 'validate', 'precompiled.ts'), 'utf8');
    expect(
      file === standaloneModule(schemaText()),
      'precompiled.ts is stale: run `npx tsc -p tsconfig.json && node lib/generator/validate/write-precompiled.js`',
    ).toBe(true);
  });

  it('report the same errors as validators compiled now', () => {
    const fresh = compileValidators(schemaText());
    const documents: [keyof typeof fresh, unknown][] = [
      ['viewer', [{ path: '/a', info: { GET: { parameters: { type: 'object' } } } }]],
      ['viewer', [{ path: 'no-slash', leaf: 'yes', info: { PATCH: {} }, children: [{ text: 1 }] }]],
      ['viewer', { not: 'an array' }],
      ['refs', { root: [{ path: '/x', info: { POST: { parameters: { type: 7, properties: { a: { optional: 'maybe' } } } } } }] }],
      ['refs', { formats: {} }],
      ['formats', { 'pve-x': { key: { type: 'string' } }, 'pve-y': 42, 'pve-z': null }],
    ];
    for (const [dialect, doc] of documents) {
      const a = precompiled[dialect] as (d: unknown) => boolean & { errors?: unknown };
      const b = fresh[dialect];
      const ok = a(doc);
      expect(ok).toBe(b(doc));
      expect((a as unknown as { errors: unknown }).errors).toEqual(b.errors);
    }
  });
});
