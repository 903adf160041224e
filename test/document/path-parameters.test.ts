/**
 * Path parameters as the schema gives them, said once in the document layer and the same in every
 * output: one the schema marks `optional` is required all the same (the URL needs it) and the page
 * says the schema marks it optional (PVE 9.1: 34); a `{name}` placeholder the schema does not declare
 * (PBS: `GET /admin/datastore/{store}`) is not shown as a declared parameter, the page says the schema
 * does not declare it, and OpenAPI declares it from the path (OpenAPI requires it) saying the same.
 */
import { describe, expect, it } from 'vitest';
import { notePhrase } from '../../generator/document/notes.js';
import { operationDoc } from '../../generator/document/operation.js';
import { plainText } from '../../generator/document/phrase.js';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { toOpenApi, type Json, type JsonObject } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import type { ApiModel } from '../../generator/model/types.js';
import { renderSite } from '../../generator/render/pages.js';
import { loadTemplates } from '../../generator/render/templates.js';

function site(): ApiModel {
  const document = [
    {
      path: '/nodes',
      text: 'nodes',
      children: [
        {
          path: '/nodes/{node}',
          text: '{node}',
          children: [
            {
              path: '/nodes/{node}/store/{store}',
              text: '{store}',
              info: {
                GET: {
                  name: 'read',
                  description: 'Read a store.',
                  // `node` is declared but marked optional; `store` is not declared at all.
                  parameters: { type: 'object', properties: { node: { type: 'string', optional: 1, description: 'The node.' } } },
                  returns: { type: 'null' },
                  permissions: { user: 'all' },
                },
              },
            },
          ],
        },
      ],
    },
  ];
  return normalize({ source: 'path-params.json', dialect: 'viewer', document, product: 'pve' }, silentLogger());
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

describe('path parameters the schema marks optional or does not declare', () => {
  const model = site();
  const page = model.paths.find((p) => p.path === '/nodes/{node}/store/{store}')!;
  const op = page.operations[0]!;
  const doc = operationDoc(op, model, page);

  it('the model keeps an optional-marked path parameter required and remembers the mark', () => {
    const node = op.parameters.find((p) => p.name === 'node')!;
    expect(node).toMatchObject({ location: 'path', required: true, schemaOptional: true });
    expect(op.parameters.map((p) => p.name)).toEqual(['node']);
  });

  const OPTIONAL_NOTE =
    'Path parameter: part of the URL ({node}). The schema marks it optional, but the URL cannot do without it, so it is required.';
  const UNDECLARED = 'The schema does not declare the path parameter {store}; the URL needs a value for it all the same.';

  it('the document layer says each once', () => {
    const node = doc.params.find((p) => p.param.name === 'node')!;
    expect(node.field.presence).toBe('required');
    expect(node.field.notes.map((n) => plainText(notePhrase(n)))).toContain(OPTIONAL_NOTE);
    expect(doc.undeclaredPath && plainText(doc.undeclaredPath)).toBe(UNDECLARED);
  });

  it('the HTML page and the Markdown export say the same', () => {
    const files = renderSite(model, loadTemplates(), { cleanUrls: true, baseUrl: '', assetVersions: {} });
    const html = String(files.find((f) => f.file === page.file)?.content ?? '').replace(/<[^>]*>/g, '');
    expect(html).toContain(OPTIONAL_NOTE);
    expect(html).toContain(UNDECLARED);
    const md = pathMarkdown(model, page, relativeLinks(page)).replace(/`/g, '');
    expect(md).toContain(OPTIONAL_NOTE);
    expect(md).toContain(UNDECLARED);
    // Shown once per page, not per parameter row or per example.
    expect(md.split(UNDECLARED).length - 1).toBe(1);
  });

  it('OpenAPI declares the placeholder from the path, saying the schema does not, and marks the optional one', () => {
    const paths = toOpenApi(model).paths;
    const item = isObject(paths) ? paths['/nodes/{node}/store/{store}'] : undefined;
    const get = isObject(item) ? item.get : undefined;
    const params = isObject(get) && Array.isArray(get.parameters) ? get.parameters.filter(isObject) : [];
    expect(params.find((p) => p.name === 'store')).toEqual({
      name: 'store',
      in: 'path',
      required: true,
      description: 'The schema does not declare the path parameter `{store}`; the URL needs a value for it all the same.',
      schema: { type: 'string' },
      'x-proxmox-undeclared': true,
    });
    expect(params.find((p) => p.name === 'node')).toMatchObject({ in: 'path', required: true, 'x-proxmox-schema-optional': true });
  });
});
