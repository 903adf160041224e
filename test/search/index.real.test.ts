/**
 * The search index file: a deterministic classic script built from the model alone, one document
 * per operation and per distinct parameter, storing only what the results list shows; and the
 * vocabulary's grounding in the schema.
 */
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { fieldSummary } from '../../generator/document/fields.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { SEARCH_INDEX_FILE, searchDocuments, searchIndexAsset, searchIndexScript } from '../../generator/search/index.js';
import { loadSearchIndex, search } from '../../generator/search/query.js';
import { compileTerms, INDEX_FORMAT, INDEX_GLOBAL, indexOptions, stem, tokenize } from '../../generator/search/terms.js';
import { jsonForScript } from '../../generator/text/script-json.js';
import { readVocabulary } from '../../generator/search/vocabulary.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { runIndexScript } from '../helpers/search-script.js';

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

  it('is the bytes of MiniSearch toJSON without a term memo, written as script JSON', () => {
    // The build memoizes the term function and writes the JSON from MiniSearch's maps (script-index.ts).
    const vocabulary = readVocabulary();
    const plain = new MiniSearch(indexOptions(compileTerms(vocabulary)));
    plain.addAll(searchDocuments(model, vocabulary));
    const { labels: _labels, operations: _operations, products: _products, ...ranking } = vocabulary;
    const data = { format: INDEX_FORMAT, vocabulary: ranking, index: plain.toJSON() };
    expect(script).toBe(`/* pve-apidoc search index */\nwindow.${INDEX_GLOBAL}=${jsonForScript(data)};\n`);
  });

  it('is a classic script assigning one global: no module syntax, no fetch, safe to inline', () => {
    // A comment, then one assignment of a JSON value: nothing else can run.
    const prefix = /^\/\*[^*]*\*\/\n/.exec(script)?.[0] ?? '';
    const assign = `window.${INDEX_GLOBAL}=`;
    expect(script.slice(prefix.length, prefix.length + assign.length)).toBe(assign);
    expect(script.endsWith(';\n')).toBe(true);
    expect(() => JSON.parse(script.slice(prefix.length + assign.length, -2))).not.toThrow();
    expect(/<\/|\u2028|\u2029/.test(script)).toBe(false);
    const data = runIndexScript(script);
    expect(data.format).toBe(INDEX_FORMAT);
  });

  it('has one document per operation and one per distinct parameter, storing only what results show', () => {
    const data = runIndexScript(script) as unknown as {
      index: { documentCount: number; storedFields: Record<string, Record<string, unknown>> };
    };
    const stored = Object.values(data.index.storedFields);
    const ops = stored.filter((s) => !Array.isArray(s['ops']));
    const params = stored.filter((s) => Array.isArray(s['ops']));
    expect(ops).toHaveLength(model.stats.operations);
    expect(data.index.documentCount).toBe(ops.length + params.length);
    const labelled = readVocabulary().operations;
    for (const s of ops) {
      const label = Object.hasOwn(labelled, `${String(s['method'])} ${String(s['path'])}`);
      expect(Object.keys(s).sort()).toEqual(['anchor', 'file', 'method', ...(label ? ['olabel'] : []), 'path', 'summary']);
    }
    for (const s of params) expect(Object.keys(s).sort()).toEqual(['anchors', 'ops', 'param', 'text']);
    // Every operation result points at the operation's page and anchor.
    const byKey = new Map(
      model.paths.flatMap((p) => p.operations.map((o) => [`${o.method} ${o.path}`, { file: p.file, anchor: o.anchor }])),
    );
    for (const s of ops) expect(byKey.get(`${String(s['method'])} ${String(s['path'])}`)).toEqual({ file: s['file'], anchor: s['anchor'] });
    // Every non-path parameter of every operation is reachable, with the anchor of its row.
    const rows = new Set<string>();
    // MiniSearch's short ids follow insertion order, as the document ids do.
    for (const s of params) {
      (s['ops'] as number[]).forEach((o, i) => {
        const op = data.index.storedFields[String(o)] ?? {};
        rows.add(`${String(op['method'])} ${String(op['path'])} ${String(s['param'])} ${String((s['anchors'] as string[])[i])}`);
      });
    }
    const expected = model.paths.flatMap((p) =>
      p.operations.flatMap((o) =>
        o.parameters.filter((x) => x.location !== 'path').map((x) => `${o.method} ${p.path} ${x.name} ${x.anchor}`),
      ),
    );
    expect(rows.size).toBe(expected.length);
    expect([...rows].sort()).toEqual(expected.sort());
  });

  it('indexes parameters with their labels and property-string keys, and glued identifiers', () => {
    const docs = searchDocuments(model, readVocabulary());
    const net = docs.find((d) => d.param === 'net[n]' && d.ops?.some((o) => docs[o]?.path === '/nodes/{node}/qemu/{vmid}/config'));
    expect(net?.pkeys?.split(' ')).toEqual(expect.arrayContaining(['macaddr', 'bridge', 'tag']));
    expect(net?.pname?.split(' ')).toEqual(expect.arrayContaining(['net', 'net[n]']));
    const onboot = docs.find((d) => d.param === 'onboot' && d.ops?.some((o) => docs[o]?.method === 'PUT'));
    expect(onboot?.plabel).toMatch(/Start at boot/);
    expect(onboot?.anchors).toContain('put-onboot');
    const list = docs.find((d) => d.method === 'GET' && d.path === '/nodes/{node}/qemu');
    expect(list?.compounds?.split(' ')).toEqual(expect.arrayContaining(['vm', 'list']));
    const hostname = docs.find((d) => d.path === '/nodes/{node}/qemu/{vmid}/agent/get-host-name');
    expect(hostname?.glued?.split(' ')).toContain('hostname');
  });

  it("shows on a parameter hit the sentence its page row shows (the document layer's), cut only for width", () => {
    const docs = searchDocuments(model, readVocabulary());
    const params = model.paths.flatMap((p) => p.operations.flatMap((op) => op.parameters));
    for (const d of docs.filter((x) => x.param !== undefined)) {
      const row = params.find((p) => p.name === d.param && fieldSummary(p.schema).startsWith((d.text ?? '').replace(/…$/, '')));
      expect(row, d.param).toBeDefined();
    }
    // Its description alone has no sentence end; verbose_description has the row's sentence.
    const serial = docs.find((d) => d.param === 'serial[n]');
    expect(serial?.text).toMatch(/^Create a serial device inside the VM \(n is 0 to 3\), and pass through/);
  });

  it('ranks the exact path first for a pasted path, tolerates typos, lands parameters on their row', () => {
    const index = loadSearchIndex(runIndexScript(script));
    const first = (q: string): string => {
      const hit = search(index, q, { limit: 1 }).hits[0];
      return hit ? `${hit.method} ${hit.path}${hit.param ? ` ${hit.param} #${hit.anchor}` : ''}` : '';
    };
    expect(first('/nodes/{node}/qemu')).toBe('GET /nodes/{node}/qemu');
    expect(first('/nodes/{node}/qemu/{vmid}/status/start/')).toBe('POST /nodes/{node}/qemu/{vmid}/status/start');
    expect(first('snapshto vm')).toMatch(/ \/nodes\/\{node\}\/qemu\/\{vmid\}\/snapshot$/);
    expect(first('set vm onboot')).toBe('PUT /nodes/{node}/qemu/{vmid}/config onboot #put-onboot');
    expect(search(index, '   ').hits).toEqual([]);
  });

  it('pages through all matches: limit, offset and total', () => {
    const index = loadSearchIndex(runIndexScript(script));
    const all = search(index, 'firewall', { limit: Infinity });
    expect(all.total).toBeGreaterThan(100);
    expect(all.hits).toHaveLength(all.total);
    const page = search(index, 'firewall', { limit: 10, offset: 20 });
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => `${h.method} ${h.path} ${h.anchor}`)).toEqual(
      all.hits.slice(20, 30).map((h) => `${h.method} ${h.path} ${h.anchor}`),
    );
  });

  it('grounds the vocabulary in the schema: every synonym group names a word the PVE schema uses', () => {
    const vocabulary = readVocabulary();
    const corpus = new Set<string>();
    // The schema's own words: not the labels, which are ours.
    for (const d of searchDocuments(model, vocabulary)) {
      for (const [field, value] of Object.entries(d))
        if (typeof value === 'string' && field !== 'plabel' && field !== 'olabel')
          for (const t of tokenize(value)) corpus.add(stem(t.toLowerCase()));
    }
    const missing = vocabulary.synonyms.map((g) => g[0] ?? '').filter((w) => !corpus.has(stem(w)));
    expect(missing).toEqual([]);
    // Labels name parameters that exist.
    const names = new Set(
      model.paths.flatMap((p) =>
        p.operations.flatMap((o) => o.parameters.flatMap((x) => [x.name, x.family ?? '', x.name.replace(/\d+$/, '')])),
      ),
    );
    expect(Object.keys(vocabulary.labels).filter((k) => !names.has(k))).toEqual([]);
    // Operation labels name operations that exist, and are indexed with them.
    const operations = new Set(model.paths.flatMap((p) => p.operations.map((o) => `${o.method} ${p.path}`)));
    expect(Object.keys(vocabulary.operations).filter((k) => !operations.has(k))).toEqual([]);
  });

  it('indexes an operation with what the interface and the documentation call it', () => {
    const docs = searchDocuments(model, readVocabulary());
    const vzdump = docs.find((d) => d.method === 'POST' && d.path === '/nodes/{node}/vzdump');
    expect(vzdump?.olabel).toMatch(/Backup now/);
    const index = loadSearchIndex(runIndexScript(script));
    const top = search(index, 'which users are logged in to the guest', { limit: 3 }).hits;
    const users = top.find((h) => h.path === '/nodes/{node}/qemu/{vmid}/agent/get-users');
    expect(users).toMatchObject({ kind: 'operation', method: 'GET', label: expect.stringMatching(/logged in/) });
    // The label travels as the operation's stored text, not as vocabulary (parameter labels stay out).
    expect(script).not.toContain('Start at boot');
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
});
