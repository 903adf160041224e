/**
 * Real schemas: every path parameter the schema marks optional stays required and carries the note
 * (PVE 9.1: 31), and every undeclared `{name}` placeholder (PBS: 19 in 16 operations) is said once
 * on the page and declared by OpenAPI with the same sentence. Ground truth from the raw trees.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { operationDoc } from '../../generator/document/operation.js';
import { plainText } from '../../generator/document/phrase.js';
import { toOpenApi, type Json, type JsonObject } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { SHARED_SCHEMAS, walkRaw, type RawNode } from '../helpers/real-schemas.js';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema array: viewer dumps end with `];`, the PBS viewer script has its own code after it. */
function readTree(file: string): RawNode[] {
  const text = readFileSync(join(SHARED_SCHEMAS, file), 'utf8');
  const start = text.indexOf('[');
  const end = file.startsWith('pbs') ? text.indexOf('];\n', start) + 1 : text.lastIndexOf(']') + 1;
  return JSON.parse(text.slice(start, end)) as RawNode[];
}

/** Raw ground truth: path placeholders marked optional, and placeholders with no parameter. */
function rawFacts(file: string) {
  const optional: string[] = [];
  const undeclared: string[] = [];
  for (const node of walkRaw(readTree(file))) {
    for (const [method, info] of Object.entries(node.info ?? {})) {
      const parameters = info.parameters as { properties?: Record<string, { optional?: unknown }> } | undefined;
      const props = parameters?.properties ?? {};
      for (const [, name] of node.path.matchAll(/\{([^}]+)\}/g)) {
        const p = Object.hasOwn(props, name!) ? props[name!] : undefined;
        if (!p) undeclared.push(`${method} ${node.path} ${name}`);
        else if (p.optional === 1 || p.optional === true) optional.push(`${method} ${node.path} ${name}`);
      }
    }
  }
  return { optional: optional.sort(), undeclared: undeclared.sort() };
}

describe.each([
  { file: 'pve-9.1.apidata.js', optional: 31, undeclared: 0, undeclaredOps: 0 },
  { file: 'pmg-2019-08.apidata.js', optional: 0, undeclared: 0, undeclaredOps: 0 },
  { file: 'pbs-2025-06.apidoc.js', optional: 1, undeclared: 19, undeclaredOps: 16 },
])('$file: path parameters as the schema gives them', async ({ file, optional, undeclared, undeclaredOps }) => {
  const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, file) }, silentLogger());
  const raw = rawFacts(file);
  const paths = toOpenApi(model).paths;

  it('an optional-marked one is required, with the note on the page and x-proxmox-schema-optional in OpenAPI', () => {
    const seen: string[] = [];
    for (const page of model.paths) {
      for (const op of page.operations) {
        const doc = operationDoc(op, model, page);
        const item = isObject(paths) ? paths[page.path] : undefined;
        const out = isObject(item) ? item[op.method.toLowerCase()] : undefined;
        const oaParams = isObject(out) && Array.isArray(out.parameters) ? out.parameters.filter(isObject) : [];
        for (const { param, field } of doc.params) {
          if (param.location !== 'path') continue;
          expect(field.presence).toBe('required');
          const noted = field.notes.some((n) => n.kind === 'path-parameter' && n.schemaOptional);
          const flagged = oaParams.some((p) => p.name === param.name && p['x-proxmox-schema-optional'] === true);
          expect(noted).toBe(param.schemaOptional === true);
          expect(flagged).toBe(noted);
          if (noted) seen.push(`${op.method} ${op.path} ${param.name}`);
        }
      }
    }
    expect(seen.sort()).toEqual(raw.optional);
    expect(seen.length).toBe(optional);
  });

  it('an undeclared placeholder is said once on the page and declared by OpenAPI with the same sentence', () => {
    const seen: string[] = [];
    const ops = new Set<string>();
    for (const page of model.paths) {
      for (const op of page.operations) {
        const doc = operationDoc(op, model, page);
        const item = isObject(paths) ? paths[page.path] : undefined;
        const out = isObject(item) ? item[op.method.toLowerCase()] : undefined;
        const oaParams = isObject(out) && Array.isArray(out.parameters) ? out.parameters.filter(isObject) : [];
        for (const p of oaParams.filter((p) => p['x-proxmox-undeclared'] === true)) {
          const name = String(p.name);
          seen.push(`${op.method} ${op.path} ${name}`);
          ops.add(`${op.method} ${op.path}`);
          // Not a declared parameter on the page; the page's sentence names it.
          expect(doc.params.some((d) => d.param.name === name)).toBe(false);
          expect(doc.undeclaredPath && plainText(doc.undeclaredPath)).toContain(`{${name}}`);
          expect(String(p.description).replace(/`/g, '')).toBe(
            `The schema does not declare the path parameter {${name}}; the URL needs a value for it all the same.`,
          );
          expect(p.schema).toEqual({ type: 'string' });
        }
        if (!oaParams.some((p) => p['x-proxmox-undeclared'] === true)) expect(doc.undeclaredPath).toBeNull();
      }
    }
    expect(seen.sort()).toEqual(raw.undeclared);
    expect(seen.length).toBe(undeclared);
    expect(ops.size).toBe(undeclaredOps);
  });
});
