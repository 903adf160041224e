/**
 * `pve-apidoc mcp` on PVE 9.0 and 9.1, driven over stdio by the MCP SDK's own client: every tool
 * and resource, each answer checked against what the model says (loaded here independently, and
 * run through the same search, Markdown, checker and diff code the site and CLI use), every result
 * within the page bound, and a server that answers malformed input with JSON-RPC errors and keeps
 * serving. Needs the built CLI (npm run compile).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { createChecker } from '../../generator/check/index.js';
import { diffModels } from '../../generator/diff/index.js';
import { llmsTxt } from '../../generator/export/llms.js';
import { operationMarkdown, pathMarkdown } from '../../generator/export/markdown.js';
import { silentLogger } from '../../generator/log.js';
import { pathUri } from '../../generator/mcp/server.js';
import { PAGE_BYTES } from '../../generator/mcp/paging.js';
import { quoted } from '../../generator/mcp/quote.js';
import type { ApiModel } from '../../generator/model/types.js';
import { searchIndexData } from '../../generator/search/index.js';
import { loadSearchIndex, search } from '../../generator/search/query.js';
import { VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { connect, RawServer, textOf } from './client.js';

const file90 = VIEWER_DUMPS.find((d) => d.version === '9.0')!.file;
const file91 = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
const SCHEMAS = [`9.0=${file90}`, `9.1=${file91}`];

let client: Client;
let m90: ApiModel;
let m91: ApiModel;
/** The largest tool result seen, in bytes of its JSON-RPC result. */
let largest = { bytes: 0, call: '' };

async function call(name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean; json: () => any }> {
  const r = textOf(await client.callTool({ name, arguments: args }));
  if (r.bytes > largest.bytes) largest = { bytes: r.bytes, call: `${name} ${JSON.stringify(args).slice(0, 120)}` };
  expect(Buffer.byteLength(r.text, 'utf8'), `${name} result size`).toBeLessThanOrEqual(PAGE_BYTES);
  return { ...r, json: () => JSON.parse(r.text) };
}

/**
 * Every page of a paged text result, concatenated without the continuation footers; `quoted` is
 * the schema text of the pages' fenced blocks, joined (each page quotes its own slice).
 */
async function allPages(name: string, args: Record<string, unknown>): Promise<{ text: string; quoted: string; pages: number }> {
  let text = '';
  let inside = '';
  let pages = 0;
  let cursor: string | undefined;
  do {
    const r = await call(name, cursor ? { ...args, cursor } : args);
    expect(r.isError).toBe(false);
    const m = /\[\.\.\. continued: call again with cursor "([A-Za-z0-9_-]+)"\]$/.exec(r.text);
    const page = m ? r.text.slice(0, m.index) : r.text;
    text += page;
    const block = /^(`{3,})markdown\n([\s\S]*?)\n\1\n$/m.exec(page);
    expect(block, `${name}: a fenced block of schema text`).not.toBeNull();
    inside += `${block![2]}\n`;
    cursor = m?.[1];
    pages++;
  } while (cursor);
  return { text, quoted: inside, pages };
}

beforeAll(async () => {
  [m90, m91] = (await Promise.all([file90, file91].map(async (f) => (await loadModel({ schema: f }, silentLogger())).model))) as [
    ApiModel,
    ApiModel,
  ];
  client = await connect(SCHEMAS);
}, 300_000);

afterAll(async () => {
  await client?.close();
  console.log(`largest MCP tool result: ${largest.bytes} bytes (${largest.call})`);
});

describe('pve-apidoc mcp over stdio (PVE 9.0 and 9.1)', () => {
  it('lists the five read-only tools with input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['check_call', 'diff', 'get_operation', 'list_paths', 'search']);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
      expect(t.annotations?.openWorldHint).toBe(false);
    }
  });

  it('search: the site ranking, operation and parameter hits, paged with a cursor', async () => {
    const local = loadSearchIndex(searchIndexData(m91));
    const expected = search(local, 'start vm at boot', { limit: 5 });
    const first = (await call('search', { query: 'start vm at boot', limit: 5 })).json();
    expect(first.version).toBe('9.1');
    expect(first.total).toBe(expected.total);
    expect(first.hits.map((h: any) => `${h.kind} ${h.method} ${h.path} ${h.parameter ?? ''}`)).toEqual(
      expected.hits.map((h) => `${h.kind} ${h.method} ${h.path} ${h.param ?? ''}`),
    );
    expect(first.hits.some((h: any) => h.kind === 'parameter' && h.parameter === 'onboot')).toBe(true);
    const second = (await call('search', { query: 'start vm at boot', limit: 5, cursor: first.nextCursor })).json();
    expect(second.offset).toBe(5);
    const expected2 = search(local, 'start vm at boot', { limit: 5, offset: 5 });
    expect(second.hits.map((h: any) => h.path)).toEqual(expected2.hits.map((h) => h.path));
    // A cursor from another query is refused, not misread.
    const wrong = await call('search', { query: 'storage', cursor: first.nextCursor });
    expect(wrong.isError).toBe(true);
    const old = (await call('search', { query: 'arm-ha', version: '9.0', limit: 25 })).json();
    expect(old.version).toBe('9.0');
    expect(old.hits.some((h: any) => h.path === '/cluster/ha/status/arm-ha')).toBe(false);
  });

  it('get_operation: the Markdown export of the operation, all of it across pages', async () => {
    const op = m91.paths.find((p) => p.path === '/nodes/{node}/qemu')!.operations.find((o) => o.method === 'POST')!;
    const { text, quoted: inside, pages } = await allPages('get_operation', { method: 'POST', path: '/nodes/{node}/qemu' });
    expect(pages).toBeGreaterThan(1);
    expect(text.startsWith('<!-- Proxmox VE 9.1 -->\n')).toBe(true);
    // Cut at line breaks, each page quoted: the slices join to the Markdown export.
    expect(inside.trimEnd()).toBe(operationMarkdown(m91, m91.paths.find((p) => p.path === op.path)!, op, (to: string) => to).trimEnd());
    for (const p of op.parameters) expect(text).toContain(`\`${p.name}\``);
    expect(text).toContain('### Permissions');
    expect(text).toContain('### Returns');
    expect(text).toContain('### Examples');
    // A concrete path resolves to the same operation, and an unknown one is a tool error.
    const concrete = await call('get_operation', { method: 'get', path: '/api2/json/nodes/pve1/qemu/100/status/current' });
    expect(concrete.text).toContain('## GET `/nodes/{node}/qemu/{vmid}/status/current`');
    const missing = await call('get_operation', { method: 'GET', path: '/no/such/path' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('no GET /no/such/path in version 9.1');
  });

  it('list_paths: every path with methods under a prefix, each page bounded, the cursor walks all of them', async () => {
    const under = (await call('list_paths', { prefix: '/nodes/{node}/qemu/{vmid}/firewall' })).json();
    const expected = m91.paths.filter((p) => p.operations.length > 0 && p.path.startsWith('/nodes/{node}/qemu/{vmid}/firewall'));
    expect(under.paths.map((p: any) => p.path)).toEqual(expected.map((p) => p.path));
    expect(under.paths[0].methods[0]).toEqual({ method: 'GET', summary: expected[0]!.operations[0]!.summary });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await call('list_paths', cursor ? { cursor } : {})).json();
      seen.push(...page.paths.map((p: any) => p.path));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(m91.paths.filter((p) => p.operations.length > 0).map((p) => p.path));
  });

  it('check_call: the call checker, with the same errors', async () => {
    const checker = createChecker(m91);
    const params = { vmid: '100', memroy: '2048', net0: 'virtio,bridge=vmbr0', ostype: 'dos' };
    const expected = checker.check({ method: 'POST', path: '/nodes/pve1/qemu', params });
    const r = (await call('check_call', { method: 'POST', path: '/nodes/pve1/qemu', params })).json();
    expect(r.status).toBe(400);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual(expected.errors);
    expect(Object.keys(r.errors).sort()).toEqual(['memroy', 'ostype']);
    const ok = (
      await call('check_call', { command: 'pvesh create /nodes/pve1/qemu --vmid 100 --net0 virtio,bridge=vmbr0 --scsi0 local-lvm:32' })
    ).json();
    expect(ok).toMatchObject({ valid: true, status: 200, operation: 'POST /nodes/{node}/qemu', pathParams: { node: 'pve1' } });
    const none = (await call('check_call', { method: 'GET', path: '/nodes/pve1/nothing' })).json();
    expect(none.status).toBe(501);
    // The ha arm call exists in 9.1 only.
    const v90 = (await call('check_call', { method: 'POST', path: '/cluster/ha/status/arm-ha', version: '9.0' })).json();
    expect(v90.status).toBe(501);
  });

  it('diff: what changed between the two loaded versions, for all and for one operation', async () => {
    const d = diffModels(m90, m91);
    const all = await allPages('diff', { from: '9.0', to: '9.1' });
    expect(all.text).toContain('# API changes from 9.0 to 9.1');
    for (const op of d.added) expect(all.text).toContain(`\`${op}\``);
    for (const op of d.changed) expect(all.text).toContain(`### \`${op.operation}\``);
    const qemu = d.changed.find((c) => c.operation === 'POST /nodes/{node}/qemu')!;
    const one = await call('diff', { from: '9.0', to: '9.1', path: '/nodes/{node}/qemu', method: 'POST' });
    expect(one.text).toContain('for POST /nodes/{node}/qemu');
    expect(one.text.match(/^- /gm)?.length).toBe(qemu.changes.length);
    expect(one.text).not.toContain('/cluster/');
    const same = await call('diff', { from: '9.0', to: '9.1', path: '/version' });
    expect(same.text).toContain('No change for any method /version');
    expect((await call('diff', { from: '8.4', to: '9.1' })).isError).toBe(true);
  });

  it('resources: llms.txt per version and the Markdown of every path', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('pve-apidoc://9.1/llms.txt');
    expect(uris).toContain('pve-apidoc://9.0/llms.txt');
    expect(uris.filter((u) => u.startsWith('pve-apidoc://9.1/path/'))).toHaveLength(m91.paths.length);
    const llms = await client.readResource({ uri: 'pve-apidoc://9.1/llms.txt' });
    expect((llms.contents[0] as { text: string }).text).toBe(quoted(llmsTxt(m91)));
    const qemu = m91.paths.find((p) => p.path === '/nodes/{node}/qemu')!;
    const page = await client.readResource({ uri: pathUri('9.1', qemu.path) });
    expect((page.contents[0] as { text: string }).text).toBe(quoted(pathMarkdown(m91, qemu, (to) => to)));
  });

  it('answers malformed input with JSON-RPC errors and keeps serving', async () => {
    const raw = new RawServer(SCHEMAS);
    try {
      await raw.initialize();
      raw.send('this is not json\n');
      const parse = await raw.next((m) => m.error?.code === -32700);
      expect(parse).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      raw.send('{"id": 7, "method": 42}\n');
      const invalid = await raw.next((m) => m.error?.code === -32600);
      expect(invalid.id).toBeNull();
      const unknown = await raw.request(8, 'no/such/method');
      expect(unknown.error.code).toBe(-32601);
      const badArgs = await raw.request(9, 'tools/call', { name: 'get_operation', arguments: { method: 'FETCH', path: 1 } });
      // Arguments that fail the tool's input schema: an invalid-params error or a tool error, never a crash.
      expect(badArgs.error?.code === -32602 || badArgs.result?.isError === true).toBe(true);
      const after = await raw.request(10, 'tools/call', { name: 'list_paths', arguments: { prefix: '/version' } });
      expect(JSON.parse(after.result.content[0].text).paths.map((p: any) => p.path)).toEqual(['/version']);
      for (const line of raw.lines) expect(JSON.parse(line).jsonrpc).toBe('2.0');
    } finally {
      await raw.close();
    }
  }, 300_000);
});
