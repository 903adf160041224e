/**
 * Fidelity on the real schemas of all three products: every path a page (the manifest lists
 * exactly the schema's paths), every operation on its page, and every parameter and returned
 * field with its type, element schema, enum, default, range and presence visible in its row.
 * The ground truth comes from the test's own reader (raw.ts), not from the generator's model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { checkSite } from './check.js';

const SCHEMAS = [
  { name: 'PVE 9.1', file: 'pve-9.1.apidata.js', paths: 435, operations: 649 },
  { name: 'PMG 2019-08', file: 'pmg-2019-08.apidata.js', paths: 200, operations: 297 },
  { name: 'PBS 2025-06', file: 'pbs-2025-06.apidoc.js', paths: 234, operations: 348 },
];

const root = mkdtempSync(join(tmpdir(), 'pve-apidoc-fidelity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(SCHEMAS)('$name', ({ file, paths, operations }) => {
  it('builds a complete site whose pages show every field as the schema gives it', { timeout: 300_000 }, async () => {
    const out = join(root, file);
    const log = silentLogger();
    await build({ schema: join(SHARED_SCHEMAS, file), out }, log);
    expect(log.warnings).toEqual([]);
    const report = checkSite(join(SHARED_SCHEMAS, file), out);
    // The counts are the report's figures (see the closing note of issue #15).
    console.log(
      `${file}: ${report.paths} paths, ${report.operations} operations, ${report.fields} fields, ${report.facts} facts checked, ${report.failures.length} failures`,
    );
    expect({ paths: report.paths, operations: report.operations }).toEqual({ paths, operations });
    expect(report.manifestExtra).toEqual([]);
    expect(report.manifestMissing).toEqual([]);
    expect(report.failures.slice(0, 50)).toEqual([]);
    expect(report.fields).toBeGreaterThan(operations);
  });
});

// The reader can fail: the same check on a built page with one parameter renamed and one default
// removed reports exactly those two facts (guards against a reader that silently finds nothing).
it('reports a missing row and a missing default on a tampered page', { timeout: 300_000 }, async () => {
  const out = join(root, 'tampered');
  const file = join(SHARED_SCHEMAS, 'pve-9.1.apidata.js');
  await build({ schema: file, out }, silentLogger());
  const page = join(out, 'api/nodes/_node/qemu/index.html');
  const html = readFileSync(page, 'utf8');
  const shown = '<p class="default">Default: <code>1000</code></p>';
  const dflt = html.indexOf(shown, html.indexOf('id="post-shares"'));
  expect(dflt).toBeGreaterThan(0);
  const tampered = `${html.slice(0, dflt)}${html.slice(dflt + shown.length)}`.replace(
    '<code class="ident">args</code>',
    '<code class="ident">argz</code>',
  );
  expect(tampered).not.toBe(html);
  writeFileSync(page, tampered);
  const qemu = checkSite(file, out).failures.filter((f) => f.startsWith('POST /nodes/{node}/qemu '));
  expect(qemu.sort()).toEqual(['POST /nodes/{node}/qemu param args: row', 'POST /nodes/{node}/qemu param shares: default 1000']);
});

// A row that links to a key table shown elsewhere (issue #28) is checked against that table: with
// the table's id gone, the returned field's keys are reported missing (PBS: the checker reads the
// keys' facts there, not only their names).
it('reports the keys of a row whose shared key table is gone', { timeout: 300_000 }, async () => {
  const out = join(root, 'tampered-keys');
  const file = join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js');
  await build({ schema: file, out }, silentLogger());
  const page = join(out, 'api/config/datastore/_name/index.html');
  const html = readFileSync(page, 'utf8');
  expect(html).toContain('<a href="#put-maintenance-mode-keys">');
  writeFileSync(page, html.replace(' id="put-maintenance-mode-keys"', ''));
  const failures = checkSite(file, out).failures.filter((f) => f.includes(' maintenance-mode key '));
  expect(failures.sort()).toEqual([
    'GET /config/datastore/{name} returns maintenance-mode key message: row',
    'GET /config/datastore/{name} returns maintenance-mode key type: row',
  ]);
});
