/**
 * schema/config.schema.json is generated from the option declarations and must be up to date
 * (`npm run config-schema` rewrites it); it is a valid draft-07 schema that accepts what the
 * config loader accepts and rejects what it rejects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../generator/options/declarations.js';
import { configJsonSchema, configJsonSchemaText, CONFIG_SCHEMA_FILE, sectionClashes } from '../../generator/config/json-schema.js';
import { configKey } from '../../generator/config/keys.js';
import { configOptions } from '../../generator/config/validate.js';
import { REPO_ROOT } from '../helpers/repo.js';

const validate = new Ajv({ strict: true, allErrors: true }).compile(configJsonSchema());

describe('schema/config.schema.json', () => {
  it('is up to date with the option declarations (run `npm run config-schema` after changing an option)', () => {
    expect(readFileSync(join(REPO_ROOT, CONFIG_SCHEMA_FILE), 'utf8')).toBe(configJsonSchemaText());
  });

  it('has a key for every configurable option and none for command-line-only ones', () => {
    const properties = (configJsonSchema()['properties'] ?? {}) as Record<string, unknown>;
    for (const spec of OPTIONS) {
      if (spec.config === false) expect(properties[configKey(spec.name)], spec.name).toBeUndefined();
      else expect(properties[configKey(spec.name)], spec.name).toBeDefined();
    }
    expect(sectionClashes()).toEqual([]);
  });

  it('accepts the example theming config', () => {
    const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples/theming/pve-apidoc.config.json'), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    [
      { schema: 'a.js', out: 'site', offline: true, emit: ['model'], port: 8080, headerLink: ['A=https://a'], openapi: { out: 'x.yaml' } },
      true,
    ],
    [{ schema: ['8.4=a.js', '9.1=b.js'] }, true],
    [{ baseURL: '/x/' }, false],
    [{ offline: 'yes' }, false],
    [{ product: 'pxe' }, false],
    [{ port: 1.5 }, false],
    [{ verbose: true }, false],
    [{ dev: { offline: true } }, false],
  ])('agrees with the loader on %j', (config, valid) => {
    expect(validate(config)).toBe(valid);
    const load = (): unknown => configOptions(config, 'c.json', '/tmp', 'build');
    if (valid) expect(load).not.toThrow();
    else expect(load).toThrow();
  });

  it('lets a multi-version schema list stand for build and asks for one schema for dev', () => {
    const config = { schema: ['8.4=/a.js', '9.1=/b.js'] };
    expect(configOptions(config, 'c.json', '/tmp', 'build').get('schema')).toEqual({ kind: 'list', value: ['8.4=/a.js', '9.1=/b.js'] });
    expect(() => configOptions(config, 'c.json', '/tmp', 'dev')).toThrow(
      'c.json: "schema" has 2 values, but dev takes one (give it its own in "dev": { "schema": … })',
    );
    expect(configOptions({ ...config, dev: { schema: 'b.js' } }, 'c.json', '/tmp', 'dev').get('schema')).toEqual({
      kind: 'list',
      value: ['/tmp/b.js'],
    });
  });
});
