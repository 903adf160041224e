/**
 * OpenAPI says what the pages say: for every operation of PVE 9.1, PMG and PBS, the operation's
 * description carries the document layer's flags and CLI command, and every top-level parameter's
 * description is the one the parameter table shows (document/fields.ts decides which of
 * description and verbose_description). Regression: the OpenAPI export had its own flag wording,
 * and on PMG 179 operations said "named by parameter `master`", a parameter that does not exist.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { operationDoc } from '../../generator/document/operation.js';
import { flagsMarkdown, mdCode, mdDescription } from '../../generator/export/markdown-text.js';
import { toOpenApi, type Json, type JsonObject } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const SCHEMAS = ['pve-9.1.apidata.js', 'pmg-2019-08.apidata.js', 'pbs-2025-06.apidoc.js'];

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

describe.each(SCHEMAS)('OpenAPI and the document layer agree: %s', async (file) => {
  const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, file) }, silentLogger());
  const paths = toOpenApi(model).paths;
  const mismatches: string[] = [];
  let operations = 0;
  let params = 0;
  for (const page of model.paths) {
    for (const op of page.operations) {
      const item = isObject(paths) ? paths[page.path] : undefined;
      const out = isObject(item) ? item[op.method.toLowerCase()] : undefined;
      if (!isObject(out)) {
        mismatches.push(`${op.method} ${op.path}: missing`);
        continue;
      }
      operations++;
      const doc = operationDoc(op, model, page);
      const description = typeof out.description === 'string' ? out.description : '';
      if (doc.flags.length > 0 && !description.includes(flagsMarkdown(doc.flags))) mismatches.push(`${op.method} ${op.path}: flags`);
      if (doc.cli && !description.includes(`CLI: ${mdCode(doc.cli)}`)) mismatches.push(`${op.method} ${op.path}: CLI`);
      if (description.includes('named by parameter `master`')) mismatches.push(`${op.method} ${op.path}: parameter master`);
      const query = Array.isArray(out.parameters) ? out.parameters.filter(isObject) : [];
      for (const { param, field } of doc.params) {
        if (param.location === 'body' || param.family || !field.description) continue;
        const row = query.find((p) => p.name === param.name);
        // A query or path parameter carries its description beside its schema.
        const shown = row?.description ?? (row && isObject(row.schema) ? row.schema.description : undefined);
        params++;
        if (shown !== mdDescription(field.description)) mismatches.push(`${op.method} ${op.path} ${param.name}: description`);
      }
    }
  }

  it('covers every operation', () => {
    expect(operations).toBe(model.stats.operations);
    expect(params).toBeGreaterThan(50);
  });
  it('has 0 mismatches', () => expect(mismatches.slice(0, 20)).toEqual([]));
});
