/**
 * The two maintained OpenAPI validators the export is checked with:
 * - @readme/openapi-parser `validate`: the OpenAPI 3.1 JSON Schema plus its spec rules (unique
 *   operationIds, path parameters declared and required, arrays with items, ...);
 * - @redocly/openapi-core `lint` with the `recommended-strict` ruleset (every recommended rule an error):
 *   structure, references, server variables, summaries, 4XX responses, schema type consistency.
 * Both get their own copy of the document (the parser dereferences in place).
 */
import { validate } from '@readme/openapi-parser';
import { createConfig, lintFromString, type Config } from '@redocly/openapi-core';

let config: Promise<Config> | undefined;

export interface ValidationReport {
  errors: string[];
  warnings: string[];
}

export async function validateOpenApi(doc: object): Promise<ValidationReport> {
  const text = JSON.stringify(doc);
  const errors: string[] = [];
  const warnings: string[] = [];
  const readme = await validate(JSON.parse(text) as Parameters<typeof validate>[0]);
  if (!readme.valid) errors.push(...readme.errors.map((e) => `readme: ${e.message}`));
  warnings.push(...readme.warnings.map((w) => `readme: ${w.message}`));
  config ??= createConfig({ extends: ['recommended-strict'] });
  const problems = await lintFromString({ source: text, absoluteRef: '/openapi.json', config: await config });
  for (const p of problems) {
    const line = `redocly ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`;
    if (p.severity === 'error') errors.push(line);
    else warnings.push(line);
  }
  return { errors, warnings };
}
