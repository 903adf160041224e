/**
 * A path value with `/` (a CIDR, 192.0.2.0/24) in the real PVE 9.1 and PMG schemas. pve-common's
 * router decodes `%2F` before it splits the path, and the firewall IP sets and PMG's mynetworks sit
 * below a subclass mounted with `fragmentDelimiter => ''`, whose last `{param}` takes the rest of the
 * path; pvesh/pmgsh hand the path to that router undecoded. So the shell example keeps the `/` (a
 * `%2F` there would reach the handler verbatim and fail the CIDR format), the URL may send `%2F`,
 * and the page says why the shell path looks one segment longer.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadModel } from '../../generator/build.js';
import { operationDoc } from '../../generator/document/operation.js';
import { silentLogger } from '../../generator/log.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const SCHEMAS = [
  { file: 'pve-9.1.apidata.js', shell: 'pvesh', count: 9 },
  { file: 'pmg-2019-08.apidata.js', shell: 'pmgsh', count: 3 },
];

describe.each(SCHEMAS)('$file', ({ file, shell, count }) => {
  it('writes a CIDR path value as is for the shell, %2F in URLs, and says so on the parameter', async () => {
    const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, file) }, silentLogger());
    const seen: string[] = [];
    for (const page of model.paths) {
      for (const op of page.operations) {
        const doc = operationDoc(op, model, page);
        const cli = doc.examples.find((e) => e.id === 'pvesh')?.code.split('\n')[0] ?? '';
        const cliPath = cli.split(' ')[2] ?? '';
        const slashed = cliPath.split('/').length !== op.path.split('/').length;
        const notes = doc.params.flatMap((p) => p.field.notes.filter((n) => n.kind === 'slash-in-path'));
        if (!slashed && notes.length === 0) continue;
        seen.push(`${op.method} ${op.path}`);
        expect(cliPath, op.path).toMatch(/\/192\.0\.2\.0\/24$/);
        for (const e of doc.examples.filter((x) => x.id.startsWith('curl'))) expect(e.code).toContain('192.0.2.0%2F24');
        expect(notes, op.path).toEqual([{ kind: 'slash-in-path', name: 'cidr', example: '192.0.2.0/24', cli: shell }]);
      }
    }
    expect(seen).toHaveLength(count);
  }, 120_000);
});
