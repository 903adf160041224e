/**
 * MCP check_call on a hostile command line: one key repeated 19,000 times within the 100,000
 * characters the tool takes (the copying parser stalled the server 11-35 s on it), and a call
 * with thousands of unknown parameters, whose answer lists 100 errors and counts the rest.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { Catalog } from '../../generator/mcp/catalog.js';
import { checkCallTool } from '../../generator/mcp/tools.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

let catalog: Catalog;

beforeAll(async () => {
  const { model } = await loadModel({ schema: join(REPO_ROOT, 'schema', 'example-api.json') }, silentLogger());
  catalog = new Catalog([{ label: '1.0', model }]);
});

describe('check_call on hostile input', () => {
  it('reads one key repeated 19,000 times in one command line', () => {
    const command = `pvesh create /nodes/pve1/vms${' -x 1'.repeat(19_000)}`;
    expect(command.length).toBeLessThanOrEqual(100_000);
    const out = JSON.parse(checkCallTool(catalog, { command }).text);
    expect(out.status).toBe(400);
    expect(out.errors.x).toMatch(/property is not defined/);
    // Not a speed assertion: a bound 50 times what it needs, which the copying parser (40 s) cannot meet.
  }, 15_000);

  it('lists 100 errors of 5,000 and counts the rest', () => {
    const params = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, '1']));
    const out = JSON.parse(checkCallTool(catalog, { method: 'POST', path: '/nodes/pve1/vms', params: { vmid: '100', ...params } }).text);
    expect(Object.keys(out.errors)).toHaveLength(100);
    expect(out.errorsOmitted).toBe(4900);
  });
});
