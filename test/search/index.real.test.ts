/**
 * The search index file: a deterministic classic script built from the model alone, one document
 * per operation, storing only what the results list shows; and the shared term processing.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { searchDocuments, searchIndexAsset, searchIndexScript, SEARCH_INDEX_FILE } from '../../generator/search/index.js';
import { loadSearchIndex, searchOperations, type LoadableIndex } from '../../generator/search/query.js';
import { indexTerm, INDEX_FORMAT, INDEX_GLOBAL, queryTerm, stem, STORE_FIELDS } from '../../generator/search/terms.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

function evalScript(script: string): LoadableIndex {
  const window: Record<string, unknown> = {};
  new Function('window', script)(window);
  return window[INDEX_GLOBAL] as LoadableIndex;
}

describe('search index (PVE 9.1)', () => {
  let model: ApiModel;
  let script: string;

  beforeAll(async () => {
    ({ model } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') }, silentLogger()));
    script = searchIndexScript(model);
  });

  it('is deterministic: the same model gives the same bytes', async () => {
    const { model: again } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') }, silentLogger());
    expect(searchIndexScript(again)).toBe(script);
    expect(searchIndexAsset(again, { 'search.js': 'x' })).toEqual(searchIndexAsset(model, { 'search.js': 'x' }));
  });

  it('is a classic script assigning one global: no module syntax, no fetch, safe to inline', () => {
    // A comment, then one assignment of a JSON value: nothing else can run.
    const prefix = /^\/\*[^*]*\*\/\n/.exec(script)?.[0] ?? '';
    const assign = `window.${INDEX_GLOBAL}=`;
    expect(script.slice(prefix.length, prefix.length + assign.length)).toBe(assign);
    expect(script.endsWith(';\n')).toBe(true);
    expect(() => JSON.parse(script.slice(prefix.length + assign.length, -2))).not.toThrow();
    expect(/<\/|\u2028|\u2029/.test(script)).toBe(false);
    const data = evalScript(script);
    expect(data.format).toBe(INDEX_FORMAT);
  });

  it('has one document per operation, storing only method, path, summary, file and anchor', () => {
    const data = evalScript(script) as { index: { documentCount: number; storedFields: Record<string, Record<string, unknown>> } };
    expect(data.index.documentCount).toBe(model.stats.operations);
    const stored = Object.values(data.index.storedFields);
    expect(stored).toHaveLength(model.stats.operations);
    for (const s of stored) expect(Object.keys(s).sort()).toEqual([...STORE_FIELDS].sort());
    // Every result points at the operation's page and anchor.
    const byKey = new Map(
      model.paths.flatMap((p) => p.operations.map((o) => [`${o.method} ${o.path}`, { file: p.file, anchor: o.anchor }])),
    );
    for (const s of stored)
      expect(byKey.get(`${String(s['method'])} ${String(s['path'])}`)).toEqual({ file: s['file'], anchor: s['anchor'] });
  });

  it('indexes parameter names, property-string keys and glued identifiers', () => {
    const docs = searchDocuments(model);
    const config = docs.find((d) => d.method === 'PUT' && d.path === '/nodes/{node}/qemu/{vmid}/config');
    expect(config?.params.split(' ')).toEqual(expect.arrayContaining(['net', 'macaddr', 'bridge', 'onboot']));
    const list = docs.find((d) => d.method === 'GET' && d.path === '/nodes/{node}/qemu');
    expect(list?.compounds.split(' ')).toEqual(expect.arrayContaining(['vm', 'list']));
    const hostname = docs.find((d) => d.path === '/nodes/{node}/qemu/{vmid}/agent/get-host-name');
    expect(hostname?.compounds.split(' ')).toContain('hostname');
  });

  it('ranks the exact path first for a pasted path, and tolerates typos', () => {
    const index = loadSearchIndex(evalScript(script));
    const first = (q: string): string => {
      const hit = searchOperations(index, q, 1)[0];
      return hit ? `${hit.method} ${hit.path}` : '';
    };
    expect(first('/nodes/{node}/qemu')).toBe('GET /nodes/{node}/qemu');
    expect(first('/nodes/{node}/qemu/{vmid}/status/start/')).toBe('POST /nodes/{node}/qemu/{vmid}/status/start');
    expect(first('snapshto vm')).toMatch(/ \/nodes\/\{node\}\/qemu\/\{vmid\}\/snapshot$/);
    expect(searchOperations(index, '   ', 5)).toEqual([]);
  });

  it('names the output file', () => {
    expect(SEARCH_INDEX_FILE).toBe('assets/search-index.js');
  });
});

describe('term processing (shared by build and browser)', () => {
  it('stems plurals lightly', () => {
    expect(stem('rules')).toBe('rule');
    expect(stem('entries')).toBe('entry');
    expect(stem('interfaces')).toBe('interface');
    expect(stem('status')).toBe('status');
    expect(stem('access')).toBe('access');
    expect(stem('dns')).toBe('dns');
  });

  it('maps synonyms to the schema word at query time and adds it at index time', () => {
    expect(queryTerm('VMs')).toBe('qemu');
    expect(queryTerm('ct')).toBe('lxc');
    expect(queryTerm('container')).toBe('lxc');
    expect(queryTerm('remove')).toBe('delete');
    expect(queryTerm('the')).toBeNull();
    expect(indexTerm('container')).toEqual(['container', 'lxc']);
    expect(indexTerm('qemu')).toBe('qemu');
  });
});
