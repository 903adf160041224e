/**
 * Names that exist on every JavaScript object (issue #20): as parameter, property, format and
 * format-key names they crashed the build (plain object lookups in the example tables) and the
 * OpenAPI export dropped a property named `__proto__`. Every output must show each name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { tempDir } from '../helpers/tree.js';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', 'toLocaleString'];

/** JSON text with every name as an own key (JSON.parse keeps "__proto__" as an own property). */
function schemaText(): string {
  const props = NAMES.map(
    (n) => `${JSON.stringify(n)}:{"type":"string","optional":1,"format":${JSON.stringify(n)},"description":"d"}`,
  ).join(',');
  const returns = `{"type":"object","properties":{${props}}}`;
  return `[{"path":"/a","text":"a","leaf":1,"info":{"POST":{"name":"x","description":"X.","parameters":{"additionalProperties":0,"properties":{${props}}},"returns":${returns}}}}]`;
}

function formatsText(): string {
  return `{${NAMES.map((n) => `${JSON.stringify(n)}:{${JSON.stringify(n)}:{"type":"string","default_key":1}}`).join(',')}}`;
}

describe('prototype member names', () => {
  it('build and every export keep each name, with and without a formats registry', async () => {
    const dir = tempDir('pve-apidoc-proto-');
    writeFileSync(join(dir, 'api.json'), schemaText());
    writeFileSync(join(dir, 'formats.json'), formatsText());
    for (const formats of [undefined, join(dir, 'formats.json')]) {
      const out = join(dir, formats ? 'with' : 'without');
      await build({ schema: join(dir, 'api.json'), out, ...(formats ? { formats } : {}) }, silentLogger());
      const html = readFileSync(join(out, 'api', 'a', 'index.html'), 'utf8');
      const md = readFileSync(join(out, 'api', 'a', 'index.md'), 'utf8');
      for (const name of NAMES) {
        expect(html, name).toContain(name);
        expect(md, name).toContain(name);
      }
      const openapi = JSON.parse(readFileSync(join(out, 'openapi.json'), 'utf8')) as Record<string, unknown>;
      const text = JSON.stringify(openapi);
      // Request body and response both list __proto__ as a property of their own.
      expect(text.split('"__proto__":').length - 1).toBeGreaterThanOrEqual(2);
    }
  }, 120_000);
});
