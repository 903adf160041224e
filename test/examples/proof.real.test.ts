/**
 * Proof that the examples of the real PVE 9.1 site are right, checked by means independent of the
 * generator that made them:
 * - every example request (minimal and typical) of every operation is validated against that
 *   operation's own parameter schema: the OpenAPI export of the same model compiled with ajv (every
 *   parameter known, every required one present, type, enum, pattern, range), plus the property-string
 *   keys and their values through conform.ts (the project's property-string parser);
 * - every example response validates against the operation's returns schema (ajv, OpenAPI export);
 * - every bash snippet passes `bash -n`.
 * Counts are printed, so the report can quote them.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { conformError } from '../../generator/document/examples/conform.js';
import { exampleResponse } from '../../generator/document/examples/response.js';
import { TYPICAL } from '../../generator/document/examples/typical.js';
import { type JsonObject, toOpenApi } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { PRODUCTS } from '../../generator/model/product.js';
import type { ApiModel, Operation, Parameter } from '../../generator/model/types.js';
import { buildExamples, buildTypicalExamples } from '../../generator/document/examples/index.js';
import { type ExampleRequest, exampleRequest, typicalRequest } from '../../generator/document/examples/request.js';
import { lookupIn } from '../../generator/document/examples/values.js';
import { REFS_DUMPS, VIEWER_DUMPS } from '../helpers/real-schemas.js';

type AjvInstance = import('ajv').default;
const Ajv2020 = (createRequire(import.meta.url)('ajv/dist/2020') as { Ajv2020: new (o: object) => AjvInstance }).Ajv2020;

const VIEWER = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
const FORMATS = REFS_DUMPS.find((d) => d.version === '9.1')!.file;

interface Checked {
  model: ApiModel;
  ops: Operation[];
  doc: JsonObject;
}

function errorsText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

/** The raw values of the path parameters, read back from the filled-in path. */
function pathValues(op: Operation, req: ExampleRequest): Record<string, string> {
  const names: string[] = [];
  const source = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]*)\\?\}|\{([^}]*)\}/g, (_m, a?: string, b?: string) => {
    names.push((a ?? b) as string);
    return '([^/]+)';
  });
  const m = new RegExp(`^${source}$`).exec(req.urlPath);
  if (!m) throw new Error(`${op.method} ${op.path}: path ${req.urlPath} does not fit`);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] as string)]));
}

describe.each([
  { label: 'PVE 9.1 with the 9.1 formats registry', formats: FORMATS },
  { label: 'PVE 9.1 viewer dump alone', formats: undefined },
])('$label', ({ formats }) => {
  const state = {} as Checked;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, coerceTypes: true });
  const strictAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  beforeAll(async () => {
    const { model } = await loadModel({ schema: VIEWER, ...(formats ? { formats } : {}) }, silentLogger());
    state.model = model;
    state.ops = model.paths.flatMap((p) => p.operations);
    state.doc = toOpenApi(model);
    const components = rebase((state.doc.components as JsonObject).schemas as JsonObject);
    ajv.addSchema({ $id: 'https://pve-apidoc.test/components', $defs: components });
    strictAjv.addSchema({ $id: 'https://pve-apidoc.test/components', $defs: components });
  });

  /** The export's local references, pointed at the components registered with ajv. */
  const rebase = (schema: JsonObject): JsonObject =>
    JSON.parse(JSON.stringify(schema).split('"#/components/schemas/').join('"https://pve-apidoc.test/components#/$defs/')) as JsonObject;

  const operationOf = (op: Operation): JsonObject =>
    ((state.doc.paths as JsonObject)[op.path] as JsonObject)[op.method.toLowerCase()] as JsonObject;

  /** Every failure as text: parameter names, required ones, values (ajv), property-string keys (conform). */
  function requestFailures(op: Operation, req: ExampleRequest): string[] {
    const failures: string[] = [];
    const where = `${op.method} ${op.path}`;
    const lookup = lookupIn(state.model.formats);
    const oa = operationOf(op);
    const params = (oa.parameters ?? []) as JsonObject[];
    const byName = new Map(op.parameters.map((p) => [p.name, p] as const));
    const familyOf = (name: string): Parameter | undefined =>
      op.parameters.find((p) => p.family !== null && new RegExp(`^${p.family}\\d+$`).test(name));
    // Path parameters: each value against its schema.
    for (const [name, value] of Object.entries(pathValues(op, req))) {
      const spec = params.find((p) => p.in === 'path' && p.name === name);
      if (!spec) {
        failures.push(`${where}: path parameter ${name} unknown`);
        continue;
      }
      const validate = ajv.compile(rebase(spec.schema as JsonObject));
      if (!validate(value)) failures.push(`${where}: path ${name}=${value}: ${errorsText(validate.errors)}`);
    }
    // Every argument is a known parameter and its property string fits its keys.
    for (const arg of req.args) {
      const param = byName.get(arg.name) ?? familyOf(arg.name);
      if (!param) {
        failures.push(`${where}: unknown parameter ${arg.name}`);
        continue;
      }
      const e = conformError(arg.value, param.schema, 'form', lookup);
      if (e) failures.push(`${where}: ${arg.name}=${arg.value}: ${e}`);
    }
    if (req.argsIn === 'query') {
      const given = new Map(req.args.map((a) => [a.name, a.value] as const));
      for (const spec of params.filter((p) => p.in === 'query')) {
        const name = spec.name as string;
        if (spec.required === true && !given.has(name)) failures.push(`${where}: required ${name} missing`);
        const value = given.get(name);
        if (value === undefined) continue;
        const validate = ajv.compile(rebase(spec.schema as JsonObject));
        if (!validate(value)) failures.push(`${where}: ${name}=${value}: ${errorsText(validate.errors)}`);
      }
      const known = new Set(params.map((p) => p.name as string));
      for (const a of req.args) if (!known.has(a.name) && !familyOf(a.name)) failures.push(`${where}: ${a.name} is not a query parameter`);
    } else {
      // A list parameter travels as repeated keys; the example sends one, which is a one-item array.
      const body = Object.fromEntries(req.args.map((a) => [a.name, byName.get(a.name)?.schema.type === 'array' ? [a.value] : a.value]));
      const content = (oa.requestBody as JsonObject | undefined)?.content as JsonObject | undefined;
      // The body schema is written inline (typed clients keep optional fields optional that way).
      const schema = (content?.['application/x-www-form-urlencoded'] as JsonObject | undefined)?.schema as JsonObject | undefined;
      if (schema === undefined) {
        if (req.args.length > 0) failures.push(`${where}: arguments but no request body`);
      } else {
        const validate = bodyValidator(`${op.method} ${op.path}`, schema);
        if (!validate(body)) failures.push(`${where}: body ${JSON.stringify(body)}: ${errorsText(validate.errors)}`);
      }
    }
    return failures;
  }

  const bodyValidators = new Map<string, ValidateFunction>();
  function bodyValidator(key: string, schema: JsonObject): ValidateFunction {
    let v = bodyValidators.get(key);
    if (!v) {
      v = ajv.compile(rebase(schema));
      bodyValidators.set(key, v);
    }
    return v;
  }

  it('every example request, minimal and typical, fits its operation’s parameter schema', () => {
    const ctx = { product: PRODUCTS.pve, host: 'pve.example.com', formats: state.model.formats };
    const failures: string[] = [];
    let minimal = 0;
    let typical = 0;
    for (const op of state.ops) {
      failures.push(...requestFailures(op, exampleRequest(op, ctx)));
      minimal++;
      const t = typicalRequest(op, ctx);
      if (t) {
        failures.push(...requestFailures(op, t));
        typical++;
      }
    }
    console.log(`requests checked: ${minimal} minimal + ${typical} typical = ${minimal + typical}; failures: ${failures.length}`);
    expect(failures).toEqual([]);
    expect(minimal).toBe(649);
    // The curated list names operations of this release: each yields a typical request.
    expect(typical).toBe(Object.keys(TYPICAL).filter((k) => state.ops.some((o) => `${o.method} ${o.path}` === k)).length);
  });

  it('the typical requests set the curated parameters the operation has', () => {
    const ctx = { product: PRODUCTS.pve, host: 'pve.example.com', formats: state.model.formats };
    const req = typicalRequest(state.ops.find((o) => o.method === 'POST' && o.path === '/nodes/{node}/qemu')!, ctx)!;
    const args = Object.fromEntries(req.args.map((a) => [a.name, a.value]));
    expect(args).toMatchObject({
      memory: '2048',
      cores: '2',
      net0: 'virtio,bridge=vmbr0,firewall=1',
      ide2: 'local:iso/debian-12.iso,media=cdrom',
    });
    expect(args.scsi0).toMatch(/^local-lvm:32/);
    const ct = typicalRequest(state.ops.find((o) => o.method === 'POST' && o.path === '/nodes/{node}/lxc')!, ctx)!;
    expect(Object.fromEntries(ct.args.map((a) => [a.name, a.value]))).toMatchObject({
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      rootfs: 'local-lvm:8',
    });
  });

  it('every example response validates against the returns schema', () => {
    const failures: string[] = [];
    const kinds: Record<string, number> = {};
    for (const op of state.ops) {
      const r = exampleResponse(op, { product: 'pve', formats: state.model.formats });
      kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      if (r.kind === 'unspecified') continue;
      const schema = (
        (((operationOf(op).responses as JsonObject)['200'] as JsonObject).content as JsonObject)['application/json'] as JsonObject
      ).schema as JsonObject;
      const validate = strictAjv.compile(rebase(schema));
      if (!validate(r.body)) failures.push(`${op.method} ${op.path}: ${errorsText(validate.errors)}`);
      // And the property strings inside, through the project's parser.
      const e = conformError(r.body.data, op.returns, 'json', lookupIn(state.model.formats));
      if (e) failures.push(`${op.method} ${op.path}: ${e}`);
    }
    console.log(`responses: ${JSON.stringify(kinds)}; failures: ${failures.length}`);
    expect(failures).toEqual([]);
    expect((kinds.example ?? 0) + (kinds.null ?? 0)).toBeGreaterThan(500);
  });

  it('every shell snippet passes bash -n', () => {
    const ctx = { product: PRODUCTS.pve, host: 'pve.example.com', formats: state.model.formats };
    const snippets = state.ops
      .flatMap((op) => [...buildExamples(op, ctx), ...(buildTypicalExamples(op, ctx) ?? [])])
      .filter((e) => e.language === 'bash');
    // One bash run: each snippet becomes the body of its own function, so a syntax error names its line.
    const script = snippets.map((e, i) => `snippet_${i}() {\n${e.code}\n}`).join('\n');
    const out = execFileSync('bash', ['-n'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    console.log(`bash -n: ${snippets.length} snippets`);
    expect(out).toBe('');
    expect(snippets.length).toBeGreaterThan(649 * 3);
  });
});
