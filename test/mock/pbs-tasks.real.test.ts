/** The stateless mock of PBS: a task's status reads its fields from PBS's UPID layout (a task counter after PSTART). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { createResponder, type Responder } from '../../generator/mock/respond.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const TOKEN = 'PBSAPIToken=root@pam!ci:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
let respond: Responder;

beforeAll(async () => {
  const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js') }, silentLogger());
  respond = createResponder(model);
});

describe('stateless PBS mock tasks', () => {
  it('reports the start time, worker type, id and user of the UPID it handed out', () => {
    const call = (method: string, url: string): { status: number; data: unknown } => {
      const answer = respond({ method, url: `/api2/json${url}`, headers: { authorization: TOKEN }, body: '' });
      const body = answer.body as { data: unknown };
      return { status: answer.status, data: body.data };
    };
    const started = call('POST', '/admin/datastore/store1/gc');
    expect(started.status).toBe(200);
    const upid = String(started.data);
    expect(upid.split(':')).toHaveLength(10);
    const status = call('GET', `/nodes/localhost/tasks/${encodeURIComponent(upid)}/status`);
    expect(status.status).toBe(200);
    expect(status.data).toMatchObject({
      upid,
      status: 'stopped',
      exitstatus: 'OK',
      starttime: 0x66000000,
      type: 'garbage_collection',
      user: 'root@pam!ci',
    });
  });
});
