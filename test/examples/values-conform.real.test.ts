/**
 * Every example value satisfies its own parameter's schema, on the real schemas of all three
 * products: each path value and argument of every operation's example request (minimal and
 * typical) is judged by the project's call checker (type, enum, range, length, pattern, property
 * string keys, as the server checks them), every example response by the response checker, and no
 * curl, pvesh, JavaScript or Python example carries an angle-bracket placeholder (`<store>`, or
 * `%3Cstore%3E` in a URL). Issue 26 counted 621 failing values in PBS, 89 in PMG.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { createChecker } from '../../generator/check/index.js';
import { checkResponse } from '../../generator/check/returns.js';
import { buildExamples, buildTypicalExamples } from '../../generator/document/examples/index.js';
import { exampleRequest, typicalRequest } from '../../generator/document/examples/request.js';
import { exampleResponse } from '../../generator/document/examples/response.js';
import { silentLogger } from '../../generator/log.js';
import { PRODUCTS } from '../../generator/model/product.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const SCHEMAS = ['pve-9.1.apidata.js', 'pmg-2019-08.apidata.js', 'pbs-2025-06.apidoc.js', 'pve-6.4.apidata.js'];
const PLACEHOLDER = /<[^<>\s'"]+>|%3C[^%\s]*%3E/i;

describe.each(SCHEMAS)('%s', (file) => {
  it('has example values that the call checker accepts, and no placeholder in any example', { timeout: 120_000 }, async () => {
    const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, file) }, silentLogger());
    const product = PRODUCTS[model.product];
    const ctx = { product, host: product.exampleHost, formats: model.formats };
    const checker = createChecker(model);
    const failing: string[] = [];
    const placeholders: string[] = [];
    let values = 0;
    for (const op of model.paths.flatMap((p) => p.operations)) {
      for (const req of [exampleRequest(op, ctx), typicalRequest(op, ctx)]) {
        if (req === null) continue;
        const params = Object.fromEntries(req.args.map((a) => [a.name, a.value]));
        const r = checker.check({ method: op.method, path: req.urlPath, params });
        values += req.args.length + Object.keys(r.pathParams).length;
        expect(r.status, `${op.method} ${req.urlPath} resolves to its own operation`).not.toBe(501);
        for (const [name, message] of Object.entries(r.errors)) {
          failing.push(`${op.method} ${op.path} ${name}=${params[name] ?? r.pathParams[name] ?? '(absent)'}: ${message}`);
        }
      }
      const response = exampleResponse(op, { product: model.product, formats: model.formats });
      if (response.kind === 'example') {
        for (const [field, message] of Object.entries(checkResponse(response.body.data, op.returns, model.formats).errors)) {
          failing.push(`${op.method} ${op.path} response ${field}: ${message}`);
        }
      }
      for (const example of [...buildExamples(op, ctx), ...(buildTypicalExamples(op, ctx) ?? [])]) {
        const m = PLACEHOLDER.exec(example.code);
        if (m) placeholders.push(`${op.method} ${op.path} ${example.label}: ${m[0]}`);
      }
    }
    console.log(`${file}: ${values} example values, ${failing.length} failing; ${placeholders.length} placeholders`);
    expect(values).toBeGreaterThan(model.stats.operations / 2);
    expect(failing).toEqual([]);
    expect(placeholders).toEqual([]);
  });
});
