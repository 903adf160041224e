/** `pve-apidoc openapi`: JSON or YAML by extension, atomic write, usage errors. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../generator/cli/main.js';
import { EXIT } from '../../generator/errors.js';
import { VIEWER_DUMPS } from '../helpers/real-schemas.js';

const dir = mkdtempSync(join(tmpdir(), 'pve-apidoc-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const schema = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;

describe('pve-apidoc openapi', () => {
  it('writes JSON for .json and YAML for .yaml, the same document, and no temporary file', async () => {
    const json = join(dir, 'out', 'pve.json');
    const yaml = join(dir, 'out', 'pve.yaml');
    expect(await main(['openapi', '--schema', schema, '--out', json, '-q'])).toBe(EXIT.ok);
    expect(await main(['openapi', '--schema', schema, '--out', yaml, '-q'])).toBe(EXIT.ok);
    const fromJson = JSON.parse(readFileSync(json, 'utf8')) as { openapi: string; info: { version: string } };
    expect(fromJson.openapi).toBe('3.1.1');
    expect(fromJson.info.version).toBe('9.1');
    expect(parseYaml(readFileSync(yaml, 'utf8'))).toEqual(fromJson);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['pve.json', 'pve.yaml']);
    // Two real-schema exports plus a YAML round trip of a 4.9 MB document: slow on a loaded machine.
  }, 180_000);

  it('rejects options that belong to other commands, and a missing schema leaves no file', async () => {
    expect(await main(['openapi', '--offline'])).toBe(EXIT.usage);
    const out = join(dir, 'missing.json');
    expect(await main(['openapi', '--schema', join(dir, 'nope.json'), '--out', out, '-q'])).toBe(EXIT.input);
    expect(existsSync(out)).toBe(false);
  });
});
