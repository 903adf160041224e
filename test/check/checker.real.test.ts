/**
 * The call checker against the real PVE 9.1 schema: every example request of the pages must pass
 * (apart from those whose example value is a `<placeholder>` the example generator could not fill,
 * which the server would reject too), and a generated set of broken calls — one defect each — must
 * be rejected with exactly the broken parameter named.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { type Call, type Checker, createChecker } from '../../generator/check/index.js';
import { ecmaPattern } from '../../generator/text/regex/ecma.js';
import { formatKeys } from '../../generator/model/formats.js';
import { PRODUCTS } from '../../generator/model/product.js';
import type { ApiModel, Operation, Parameter } from '../../generator/model/types.js';
import { silentLogger } from '../../generator/log.js';
import { exampleRequest } from '../../generator/document/examples/request.js';
import { exampleParamName, exampleValue, lookupIn } from '../../generator/document/examples/values.js';
import { VIEWER_DUMPS, REFS_DUMPS } from '../helpers/real-schemas.js';

interface Sample {
  op: Operation;
  call: Call;
}

function examples(model: ApiModel): Sample[] {
  return model.paths.flatMap((p) =>
    p.operations.map((op) => {
      const req = exampleRequest(op, { product: PRODUCTS[model.product], host: 'pve.example.com', formats: model.formats });
      return { op, call: { method: op.method, path: req.urlPath, params: Object.fromEntries(req.args.map((a) => [a.name, a.value])) } };
    }),
  );
}

/** A value the schema's pattern rejects, judged by an independent engine (the exported ECMAScript pattern). */
function patternMiss(pattern: string): string | null {
  const ecma = ecmaPattern(pattern);
  if (ecma === null) return null;
  const re = new RegExp(ecma, 'u');
  return ['', ' ', '!!', 'a b', '\u00e4\u00e4', '-', '/'].find((v) => !re.test(v)) ?? null;
}

type Defect = 'unknown' | 'missing' | 'type' | 'enum' | 'pattern' | 'range' | 'property-key';

/** One broken call per applicable defect and operation: [defect, parameter that must be named, call]. */
function breakCall(model: ApiModel, checker: Checker, s: Sample): [Defect, string, Call][] {
  const out: [Defect, string, Call][] = [];
  const withParam = (name: string, value: string): Call => ({ ...s.call, params: { ...s.call.params, [name]: value } });
  if (!s.op.additionalParameters) out.push(['unknown', 'zz-not-a-param', withParam('zz-not-a-param', '1')]);
  const body = s.op.parameters.filter(
    (p) => p.location !== 'path' && !p.schema.typeProperty && !p.schema.instanceTypes && !p.schema.requires,
  );
  const required = body.find((p) => p.required);
  if (required) {
    const params = { ...s.call.params };
    delete params[exampleParamName(required)];
    out.push(['missing', required.name, { ...s.call, params }]);
  }
  const pick = (test: (p: Parameter) => boolean): Parameter | undefined => body.find((p) => p.family === null && test(p));
  const int = pick((p) => p.schema.type === 'integer');
  if (int) out.push(['type', int.name, withParam(int.name, 'twelve')]);
  const bool = pick((p) => p.schema.type === 'boolean');
  if (bool) out.push(['type', bool.name, withParam(bool.name, 'maybe')]);
  const en = pick((p) => p.schema.type === 'string' && (p.schema.enum?.length ?? 0) > 0);
  if (en) out.push(['enum', en.name, withParam(en.name, 'zz-not-listed')]);
  const pat = pick(
    (p) => p.schema.type === 'string' && p.schema.pattern !== undefined && !p.schema.enum && patternMiss(p.schema.pattern) !== null,
  );
  if (pat) out.push(['pattern', pat.name, withParam(pat.name, patternMiss(pat.schema.pattern!)!)]);
  const ranged = pick((p) => p.schema.type === 'integer' && p.schema.maximum !== undefined);
  if (ranged) out.push(['range', ranged.name, withParam(ranged.name, String(ranged.schema.maximum! + 1))]);
  // A property string with the pages' example value, checked valid first, plus one key the format lacks.
  const ps = s.op.parameters.find(
    (p) =>
      p.location !== 'path' &&
      !p.schema.typeProperty &&
      !(p.schema.format?.kind === 'named' && p.schema.format.list) &&
      (formatKeys(model, p.schema.format)?.length ?? 0) > 0,
  );
  if (ps) {
    const name = exampleParamName(ps);
    const valid = withParam(name, exampleValue(ps, lookupIn(model.formats)));
    if (checker.check(valid).status === 200)
      out.push(['property-key', name, withParam(name, `${valid.params[name] as string},zzbadkey=1`)]);
  }
  return out;
}

for (const dump of [VIEWER_DUMPS.find((d) => d.version === '9.1')!, REFS_DUMPS.find((d) => d.version === '9.1')!]) {
  describe(`call checker on ${dump.file.split('/').pop()}`, () => {
    let model: ApiModel;
    let samples: Sample[];
    beforeAll(async () => {
      model = (await loadModel({ schema: dump.file }, silentLogger())).model;
      samples = examples(model);
    });

    it('accepts every example request of the pages, except where the example is a <placeholder>', () => {
      const checker = createChecker(model);
      const results = samples.map((s) => ({ s, r: checker.check(s.call) }));
      const rejected = results.filter(({ r }) => r.status !== 200);
      // A rejected example must be one whose named parameters are all unfilled placeholders.
      const unexplained = rejected.filter(({ s, r }) =>
        Object.keys(r.errors).some((name) => {
          const v = s.call.params[name] ?? decodeURIComponent(s.call.path);
          return !(typeof v === 'string' && v.includes('<'));
        }),
      );
      expect(unexplained.map(({ s, r }) => `${s.op.method} ${s.call.path}: ${JSON.stringify(r.errors)}`)).toEqual([]);
      expect(results.length - rejected.length).toBeGreaterThan(600);
      console.log(
        `${dump.file.split('/').pop()}: ${results.length - rejected.length} of ${results.length} example requests accepted; ${rejected.length} rejected, each for an unfilled <placeholder>`,
      );
    });

    it('rejects one-defect calls naming the broken parameter', () => {
      const checker = createChecker(model);
      const counts = new Map<Defect, number>();
      const wrong: string[] = [];
      for (const s of samples.filter((x) => checker.check(x.call).status === 200)) {
        for (const [defect, name, call] of breakCall(model, checker, s)) {
          counts.set(defect, (counts.get(defect) ?? 0) + 1);
          const r = checker.check(call);
          if (r.status !== 400 || Object.keys(r.errors).join() !== name)
            wrong.push(`${defect} ${s.op.method} ${s.op.path} ${name}: ${JSON.stringify(r.errors)}`);
        }
      }
      console.log(`${dump.file.split('/').pop()}: ${[...counts].map(([d, n]) => `${d} ${n}`).join(', ')} broken calls rejected`);
      expect(wrong).toEqual([]);
      for (const d of ['unknown', 'missing', 'type', 'enum', 'pattern', 'range', 'property-key'] as const)
        expect(counts.get(d) ?? 0).toBeGreaterThan(5);
    });
  });
}
