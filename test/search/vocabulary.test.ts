/**
 * The vocabulary file and how a query is read (unit tier: the embedded example API only): the data
 * file is checked with JSON pointers, intent verbs and list words are recognized, synonyms and
 * phrases become the schema's word, and a parameter of the example API is found on its row.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { searchIndexData } from '../../generator/search/index.js';
import { analyzeQuery, loadSearchIndex, search } from '../../generator/search/query.js';
import { compileTerms } from '../../generator/search/terms.js';
import { checkVocabulary, readVocabulary } from '../../generator/search/vocabulary.js';
import { packageRoot } from '../../generator/paths.js';

const terms = compileTerms(readVocabulary());

describe('search vocabulary (data file)', () => {
  it('reads the shipped file', () => {
    const v = readVocabulary();
    expect(v.synonyms.length).toBeGreaterThan(10);
    expect(v.synonyms.find((g) => g[0] === 'qemu')).toEqual(expect.arrayContaining(['vm', 'kvm']));
    expect(v.labels['onboot']).toMatch(/Start at boot/);
  });

  it('rejects a malformed file naming the place', () => {
    const base = { synonyms: [], labels: {}, operations: {}, intents: {}, collection: [], weak: [], stop: [] };
    expect(() => checkVocabulary({ ...base, synonyms: [['only']] }, 'v.json')).toThrow(
      'v.json:/synonyms/0 - a group needs at least two entries',
    );
    expect(() => checkVocabulary({ ...base, labels: { onboot: 1 } }, 'v.json')).toThrow('v.json:/labels/onboot - expected a string');
    expect(() => checkVocabulary({ ...base, intents: { GET: ['li<st'] } }, 'v.json')).toThrow('v.json:/intents/GET/0');
    expect(() => checkVocabulary([], 'v.json')).toThrow('v.json: - expected an object');
    expect(() => checkVocabulary({ ...base, operations: { 'GET /nodes': 2 } }, 'v.json')).toThrow(
      'v.json:/operations/GET ~1nodes - expected a string',
    );
    expect(() => checkVocabulary({ ...base, operations: { 'FETCH /nodes': 'x' } }, 'v.json')).toThrow(
      'v.json:/operations/FETCH ~1nodes - expected a key "METHOD /path"',
    );
    expect(() => checkVocabulary({ ...base, operations: undefined }, 'v.json')).toThrow('v.json:/operations - expected an object');
  });
});

describe('reading a query', () => {
  const words = (q: string): string[] => analyzeQuery(terms, q).terms.map((t) => t.term);

  it('names the HTTP method from verbs, and a list from list words or plurals', () => {
    expect([...analyzeQuery(terms, 'remove a snapshot').methods]).toEqual(['DELETE']);
    expect([...analyzeQuery(terms, 'set the memory').methods]).toEqual(['PUT']);
    expect([...analyzeQuery(terms, 'add a user').methods]).toEqual(['POST']);
    expect(analyzeQuery(terms, 'list storage').collection).toBe(true);
    expect(analyzeQuery(terms, 'storage status').collection).toBe(false);
    expect(analyzeQuery(terms, 'containers on node').plural).toBe(true);
  });

  it("replaces synonyms and phrases by the schema's word, drops stop words, keeps numbered families", () => {
    expect(words('the VMs')).toEqual(['qemu']);
    expect(words('ct')).toEqual(['lxc']);
    expect(words('cloud init')).toEqual(['cloudinit', 'cloud', 'init']);
    expect(words('net0')).toEqual(['net0', 'net']);
    const weak = analyzeQuery(terms, 'vm config').terms.find((t) => t.term === 'config');
    expect(weak?.boost).toBeLessThan(1);
    expect(weak?.prefix).toBe(false);
  });
});

describe('search on the example API', () => {
  it('finds a parameter on its row and an operation by its words', async () => {
    const { model } = await loadModel({ schema: join(packageRoot(), 'schema', 'example-api.json') }, silentLogger());
    const index = loadSearchIndex(searchIndexData(model));
    const agent = search(index, 'enable the guest agent').hits[0];
    expect(agent).toMatchObject({
      kind: 'parameter',
      method: 'PUT',
      path: '/nodes/{node}/vms/{vmid}/config',
      param: 'agent',
      anchor: 'put-agent',
    });
    expect(agent?.matched).toContain('agent');
    const start = search(index, 'start vm').hits[0];
    expect(start).toMatchObject({ kind: 'operation', method: 'POST', path: '/nodes/{node}/vms/{vmid}/status/start', anchor: 'post' });
    expect(search(index, 'zzqqxx')).toEqual({ total: 0, hits: [] });
  });
});
