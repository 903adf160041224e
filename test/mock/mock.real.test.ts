/**
 * The mock against the real PVE 9.1 schema, over HTTP on 127.0.0.1: one request per operation
 * (the pages' example request, authenticated as the operation allows), each answer checked against
 * the operation's returns schema by the call checker's rules (generator/check/returns.ts, code apart
 * from the example generator that made the values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { checkResponse } from '../../generator/check/returns.js';
import { taskKind } from '../../generator/document/examples/tasks.js';
import { silentLogger } from '../../generator/log.js';
import { type RunningMock, startMock } from '../../generator/mock/server.js';
import { PRODUCTS } from '../../generator/model/product.js';
import type { ApiModel, SchemaNode } from '../../generator/model/types.js';
import { exampleRequest } from '../../generator/document/examples/request.js';
import { VIEWER_DUMPS } from '../helpers/real-schemas.js';

let model: ApiModel;
let mock: RunningMock;
const TOKEN = 'PVEAPIToken=root@pam!ci=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

beforeAll(async () => {
  model = (await loadModel({ schema: VIEWER_DUMPS.find((d) => d.version === '9.1')!.file }, silentLogger())).model;
  mock = await startMock(model, { host: '127.0.0.1', port: 0 });
});
afterAll(() => mock?.close());

/** Is the property named by `where` ("data.type" / "data.x.y", array items skipped) untyped in the schema? */
function untypedNull(_data: unknown, where: string, returns: SchemaNode): boolean {
  let schema: SchemaNode | undefined = returns;
  for (const name of where.split('.').slice(1)) {
    while (schema?.type === 'array' && schema.items) schema = schema.items;
    schema = schema?.properties?.find((p) => p.name === name)?.schema;
  }
  return schema?.type === 'any';
}

describe('mock of PVE 9.1', () => {
  it('answers every operation, with a response that fits the returns schema', async () => {
    const login = await fetch(`${mock.url}/api2/json/access/ticket`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'root@pam', password: 'x' }),
    });
    const { ticket, CSRFPreventionToken: csrf } = ((await login.json()) as { data: { ticket: string; CSRFPreventionToken: string } }).data;
    const statuses = new Map<number, number>();
    const misfits: string[] = [];
    const rejected: string[] = [];
    const nullAny: string[] = [];
    let tasks = 0;
    for (const p of model.paths) {
      for (const op of p.operations) {
        const req = exampleRequest(op, { product: PRODUCTS.pve, host: 'pve.example.com', formats: model.formats });
        const form = new URLSearchParams(req.args.map((a) => [a.name, a.value]));
        const url = `${mock.url}/api2/json${req.urlPath}${req.argsIn === 'query' && req.args.length > 0 ? `?${form}` : ''}`;
        const headers: Record<string, string> = {};
        if (op.permissions.mode !== 'world') {
          if (op.flags.allowToken) headers['authorization'] = TOKEN;
          else {
            headers['cookie'] = `PVEAuthCookie=${encodeURIComponent(ticket)}`;
            headers['csrfpreventiontoken'] = csrf;
          }
        }
        const res = await fetch(url, { method: op.method, headers, ...(req.argsIn === 'body' ? { body: form } : {}) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = (await res.json()) as { data: unknown; errors?: Record<string, string> };
        if (res.status === 400) {
          // Only where the pages' example itself is a <placeholder> the schema rejects.
          const unexplained = Object.keys(body.errors ?? {}).filter(
            (name) => !req.args.some((a) => a.name === name && a.value.includes('<')),
          );
          if (unexplained.length > 0) misfits.push(`${op.method} ${op.path}: 400 ${JSON.stringify(body.errors)}`);
          rejected.push(`${op.method} ${op.path}`);
          continue;
        }
        if (res.status !== 200) {
          misfits.push(`${op.method} ${op.path}: ${res.status}`);
          continue;
        }
        const check = checkResponse(body.data, op.returns, model.formats);
        for (const [where, message] of Object.entries(check.errors)) {
          // Known gap of the example generator (issue "examples"): a required property typed `any`
          // gets null, which the server's rules read as missing. Counted and printed, not hidden.
          if (message === 'property is missing and it is not optional' && untypedNull(body.data, where, op.returns))
            nullAny.push(`${op.method} ${op.path} ${where}`);
          else misfits.push(`${op.method} ${op.path}: ${where}: ${message}`);
        }
        if (taskKind(op) !== 'none' && typeof body.data === 'string' && body.data.startsWith('UPID:')) tasks++;
      }
    }
    expect(misfits).toEqual([]);
    console.log(
      `mock PVE 9.1: ${[...statuses].map(([s, n]) => `${n}x ${s}`).join(', ')}; ${tasks} task UPIDs; 400 only for placeholder examples: ${rejected.join('; ')}; null for a required untyped property: ${nullAny.join('; ') || 'none'}`,
    );
    expect(nullAny.length).toBeLessThan(5);
    expect(statuses.get(200)).toBeGreaterThan(640);
    expect(tasks).toBeGreaterThan(50);
  });

  it('reports a task it started as stopped/OK on the task status endpoint', async () => {
    const start = await fetch(`${mock.url}/api2/json/nodes/pve1/qemu/100/status/start`, {
      method: 'POST',
      headers: { authorization: TOKEN },
    });
    const upid = ((await start.json()) as { data: string }).data;
    expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:[^:]+:100:root@pam!ci:$/);
    const status = await fetch(`${mock.url}/api2/json/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`, {
      headers: { authorization: TOKEN },
    });
    const data = ((await status.json()) as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ upid, status: 'stopped', exitstatus: 'OK', node: 'pve1', id: '100', user: 'root@pam!ci' });
    const op = model.paths.find((p) => p.path === '/nodes/{node}/tasks/{upid}/status')!.operations[0]!;
    expect(checkResponse(data, op.returns, model.formats).errors).toEqual({});
  });

  it('names the worker in a stateless UPID as the stateful mock does (qmstart, vzstop), not by the method name', async () => {
    const started = async (path: string): Promise<string> => {
      const res = await fetch(`${mock.url}/api2/json${path}`, { method: 'POST', headers: { authorization: TOKEN } });
      return ((await res.json()) as { data: string }).data;
    };
    expect((await started('/nodes/pve1/qemu/100/status/start')).split(':')[5]).toBe('qmstart');
    expect((await started('/nodes/pve1/lxc/200/status/stop')).split(':')[5]).toBe('vzstop');
  });
});
