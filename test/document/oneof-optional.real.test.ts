/**
 * PVE 9.1: type-dependent `oneOf` parameters without a top-level `optional` whose every variant is
 * optional (SDN fabrics `delete`, `interfaces`: 3). Decided once in the model (optional) and said the
 * same everywhere: the page and Markdown (optional, with a note saying why), the examples (left out
 * of the minimal request), OpenAPI (not in `required`, marked), and the call checker (a call without
 * it is valid).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { createChecker } from '../../generator/check/index.js';
import { notePhrase } from '../../generator/document/notes.js';
import { operationDoc } from '../../generator/document/operation.js';
import { plainText } from '../../generator/document/phrase.js';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { toOpenApi, type Json, type JsonObject } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { readViewerTree, SHARED_SCHEMAS, walkRaw } from '../helpers/real-schemas.js';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const FILE = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');
const NOTE = 'Optional: the schema marks each of its variants optional, not the parameter itself, so no request needs it.';

describe('PVE 9.1: oneOf parameters optional only in their variants', async () => {
  const { model } = await loadModel({ schema: FILE }, silentLogger());
  const raw: string[] = [];
  for (const node of walkRaw(readViewerTree(FILE))) {
    for (const [method, info] of Object.entries(node.info ?? {})) {
      const props = (info.parameters as { properties?: Record<string, Record<string, unknown>> } | undefined)?.properties ?? {};
      for (const [name, p] of Object.entries(props))
        if (Array.isArray(p.oneOf) && p.optional === undefined) raw.push(`${method} ${node.path} ${name}`);
    }
  }
  const openapi = toOpenApi(model).paths;

  it('are the 3 of the raw schema, and every output says optional', () => {
    const seen: string[] = [];
    for (const page of model.paths) {
      for (const op of page.operations) {
        const doc = operationDoc(op, model, page);
        for (const { param, field } of doc.params) {
          if (!param.optionalInVariants) continue;
          const id = `${op.method} ${op.path} ${param.name}`;
          seen.push(id);
          // Model and page
          expect(param.required, id).toBe(false);
          expect(field.presence, id).toBe('optional');
          expect(
            field.notes.map((n) => plainText(notePhrase(n))),
            id,
          ).toContain(NOTE);
          // Markdown: the row says optional and carries the note
          const md = pathMarkdown(model, page, relativeLinks(page));
          expect(md, id).toContain(`| \`${param.name}\` | optional |`);
          expect(md.replace(/`/g, ''), id).toContain(NOTE);
          // Examples: the minimal request leaves it out
          for (const e of doc.examples) expect(e.code, `${id} ${e.id}`).not.toMatch(new RegExp(`[-?&"' ]${param.name}[=" ]`));
          // OpenAPI: not required, marked
          const item = isObject(openapi) ? openapi[page.path] : undefined;
          const out = isObject(item) ? item[op.method.toLowerCase()] : undefined;
          const body = isObject(out) && isObject(out.requestBody) ? out.requestBody : undefined;
          const content = body && isObject(body.content) ? body.content['application/json'] : undefined;
          const schema = isObject(content) && isObject(content.schema) ? content.schema : undefined;
          expect(Array.isArray(schema?.required) ? schema.required : [], id).not.toContain(param.name);
          const prop = schema && isObject(schema.properties) ? schema.properties[param.name] : undefined;
          expect(isObject(prop) ? prop['x-proxmox-optional-in-variants'] : undefined, id).toBe(true);
          // The call checker: a call without it draws no error about it
          const call = createChecker(model).check({ method: op.method, path: op.path.replace(/\{[^}]+\}/g, 'x1'), params: {} });
          expect(call.errors[param.name], id).toBeUndefined();
        }
        if (op.path === '/cluster/sdn/fabrics/fabric/{id}' && op.method === 'PUT') {
          // The whole minimal call is valid.
          const result = createChecker(model).check({
            method: 'PUT',
            path: '/cluster/sdn/fabrics/fabric/f1',
            params: { protocol: 'openfabric' },
          });
          expect(result.errors).toEqual({});
          expect(result.status).toBe(200);
        }
      }
    }
    expect(seen.sort()).toEqual(raw.sort());
    expect(seen.length).toBe(3);
  });
});
