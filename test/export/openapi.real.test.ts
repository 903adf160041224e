/**
 * The real thing: PVE 9.1 (viewer dump and reference dump) -> OpenAPI 3.1, validated by two
 * maintained validators with 0 errors, and checked for completeness against counts computed here,
 * independently of the exporter: from the model, and for the viewer dump from the raw file too.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadModel } from '../../generator/build.js';
import { serializeOpenApi, toOpenApi } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { EXPECTED_COUNTS, REFS_DUMPS, readViewerTree, VIEWER_DUMPS, walkRaw } from '../helpers/real-schemas.js';
import { validateOpenApi } from './validate.js';

type Any = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'delete'] as const;

const viewer91 = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
const refs91 = REFS_DUMPS.find((d) => d.version === '9.1')!.file;

/** Every parameter name the document carries for one operation, with where it travels (members of a family folded). */
function documentedParams(doc: Any, operation: Any): Map<string, string> {
  const out = new Map<string, string>();
  const name = (member: string, s: Any): string => {
    const ref: string | undefined = s?.$ref;
    return ref ? doc.components.schemas[ref.split('/').pop()!]['x-proxmox-family'].name : member;
  };
  for (const p of operation.parameters ?? []) out.set(name(p.name, p.schema), p.in);
  const body: Any | undefined = operation.requestBody?.content?.['application/json']?.schema;
  if (body) {
    expect(body.$ref).toBeUndefined();
    for (const [member, s] of Object.entries((body.properties ?? {}) as Any)) out.set(name(member, s), 'body');
  }
  return out;
}

function operationsOf(doc: Any): { path: string; method: string; op: Any }[] {
  return Object.entries(doc.paths as Any).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
}

describe.each([
  { label: 'PVE 9.1 viewer dump', file: viewer91, operations: 649 },
  { label: 'PVE 9.1 reference dump', file: refs91, operations: 646 },
])('OpenAPI export of $label', ({ file, operations }) => {
  let model: ApiModel;
  let doc: Any;

  it('validates with 0 errors and 0 warnings', async () => {
    model = (await loadModel({ schema: file }, silentLogger())).model;
    doc = toOpenApi(model) as Any;
    const report = await validateOpenApi(doc);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it(`carries ${operations} operations with unique operationIds`, () => {
    const name = file.split('/').pop()!;
    expect(EXPECTED_COUNTS[name]!.operations).toBe(operations);
    const ops = operationsOf(doc);
    expect(ops).toHaveLength(operations);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(operations);
  });

  it('has every path and every parameter of the model, each where the model sends it', () => {
    let params = 0;
    for (const apiPath of model.paths) {
      if (apiPath.operations.length === 0) {
        expect(doc.paths[apiPath.path], apiPath.path).toBeUndefined();
        continue;
      }
      for (const op of apiPath.operations) {
        const documented = documentedParams(doc, doc.paths[apiPath.path][op.method.toLowerCase()]);
        for (const p of op.parameters) {
          expect(documented.get(p.name), `${op.method} ${op.path} ${p.name}`).toBe(p.location);
          params++;
        }
        expect(documented.size, `${op.method} ${op.path}`).toBe(op.parameters.length);
      }
    }
    expect(params).toBe(model.stats.parameters);
  });

  it('is the same text on every run', () => {
    expect(serializeOpenApi(toOpenApi(model), 'json')).toBe(serializeOpenApi(doc, 'json'));
  });
});

describe('OpenAPI export against the raw PVE 9.1 viewer dump', () => {
  it('has every path, method and parameter name of the raw file (2965 parameters)', async () => {
    const { model } = await loadModel({ schema: viewer91 }, silentLogger());
    const doc = toOpenApi(model) as Any;
    let operations = 0;
    let parameters = 0;
    for (const node of walkRaw(readViewerTree(viewer91))) {
      for (const [method, info] of Object.entries(node.info ?? {})) {
        const op = doc.paths[node.path]?.[method.toLowerCase()];
        expect(op, `${method} ${node.path}`).toBeDefined();
        operations++;
        const raw = Object.keys(((info['parameters'] as Any | undefined)?.['properties'] as Any | undefined) ?? {});
        const documented = documentedParams(doc, op);
        expect([...documented.keys()].sort(), `${method} ${node.path}`).toEqual([...raw].sort());
        parameters += raw.length;
      }
    }
    expect(operations).toBe(649);
    expect(parameters).toBe(2965);
  });

  it('writes YAML that reads back as the same document', async () => {
    const { model } = await loadModel({ schema: viewer91 }, silentLogger());
    const doc = toOpenApi(model);
    expect(parseYaml(serializeOpenApi(doc, 'yaml'))).toEqual(doc);
  });

  it('is caught by the validators when broken (they really check)', async () => {
    const { model } = await loadModel({ schema: viewer91 }, silentLogger());
    const doc = toOpenApi(model) as Any;
    delete doc.paths['/nodes/{node}/qemu'].get.parameters[0].in;
    doc.paths['/version'].get.operationId = doc.paths['/nodes'].get.operationId;
    const report = await validateOpenApi(doc);
    expect(report.errors.some((e) => e.startsWith('readme:'))).toBe(true);
    expect(report.errors.some((e) => e.startsWith('redocly'))).toBe(true);
  });
});

describe.each([...VIEWER_DUMPS.filter((d) => d.version !== '9.1'), ...REFS_DUMPS.filter((d) => d.version !== '9.1')])(
  'OpenAPI export of $file',
  ({ file }) => {
    it('validates with 0 errors and carries every operation', async () => {
      const { model } = await loadModel({ schema: file }, silentLogger());
      const doc = toOpenApi(model) as Any;
      const report = await validateOpenApi(doc);
      expect(report.errors).toEqual([]);
      expect(report.warnings).toEqual([]);
      expect(operationsOf(doc)).toHaveLength(EXPECTED_COUNTS[file.split('/').pop()!]!.operations);
    });
  },
);
