/**
 * The call checker on the real Backup Server schema, whose patterns are JavaScript-style literals
 * around Rust regexes (`/^...$/`): valid PBS calls pass, and each pattern still rejects what the
 * PBS server rejects. Before the literals were unwrapped, every named parameter failed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { type Checker, createChecker } from '../../generator/check/index.js';
import { EXIT } from '../../generator/errors.js';
import { createLogger, silentLogger } from '../../generator/log.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../helpers/real-schemas.js';

const PBS = join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js');
const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const UPID = 'UPID:pbs1:0000A1B2:0001C3D4:00000001:66000000:garbage_collection:store1:root@pam:';

describe('check on the PBS schema', () => {
  let checker: Checker;
  beforeAll(async () => {
    const { model } = await loadModel({ schema: PBS }, silentLogger());
    checker = createChecker(model);
  });

  const errors = (method: string, path: string, params: Record<string, string> = {}): Record<string, string> =>
    checker.check({ method, path, params }).errors;

  it('accepts real PBS names: root@pam, store1, a PBS UPID, a backup id, a datastore name', () => {
    expect(errors('POST', '/access/ticket', { username: 'root@pam', password: 'secret' })).toEqual({});
    expect(errors('GET', '/admin/datastore/store1/status')).toEqual({});
    expect(errors('GET', `/nodes/localhost/tasks/${encodeURIComponent(UPID)}/status`)).toEqual({});
    expect(errors('GET', '/admin/datastore/store1/snapshots', { 'backup-type': 'vm', 'backup-id': '100' })).toEqual({});
    expect(errors('GET', '/admin/datastore/store1/snapshots', { 'backup-type': 'host', 'backup-id': 'web01.example.com' })).toEqual({});
    expect(errors('POST', '/config/datastore', { name: 'store1', path: '/mnt/datastore/store1' })).toEqual({});
  });

  it('rejects what the PBS patterns reject, naming the parameter', () => {
    const pattern = 'value does not match the regex pattern';
    expect(errors('POST', '/access/ticket', { username: 'root', password: 'secret' })).toEqual({ username: pattern });
    expect(errors('GET', '/admin/datastore/-store/status')).toEqual({ store: pattern });
    expect(errors('GET', '/nodes/localhost/tasks/UPID:pbs1:1:2:3:qmstart:100:root@pam:/status')).toEqual({ upid: pattern });
    expect(errors('GET', '/admin/datastore/store1/snapshots', { 'backup-id': 'web 01' })).toEqual({ 'backup-id': pattern });
    expect(errors('POST', '/config/datastore', { name: 'store 1', path: '/mnt/datastore/store1' })).toEqual({ name: pattern });
  });

  it('runs every pattern of the schema on the linear-time engine: none is reported as unrunnable', async () => {
    const lines: string[] = [];
    await loadModel({ schema: PBS }, createLogger({ verbose: true, write: (line) => lines.push(line) }));
    expect(lines.filter((l) => l.includes('pattern not run'))).toEqual([]);
  });

  it('pve-apidoc check accepts the two calls of issue 26 and rejects a bad store', () => {
    const run = (...call: string[]) => spawnSync(process.execPath, [BIN, 'check', '--schema', PBS, '--', ...call], { encoding: 'utf8' });
    expect(run('POST', '/access/ticket', 'username=root@pam').status).toBe(EXIT.ok);
    expect(run('GET', '/admin/datastore/store1/status').status).toBe(EXIT.ok);
    const bad = run('GET', '/admin/datastore/-store/status');
    expect(bad.status).toBe(EXIT.invalidCall);
    expect(bad.stdout).toContain('store: value does not match the regex pattern');
  });
});

describe('an unrunnable pattern is reported (PVE 9.1: an atomic group)', () => {
  it('names the file and JSON pointer with --verbose', async () => {
    const lines: string[] = [];
    await loadModel(
      { schema: join(SHARED_SCHEMAS, 'pve-9.1.apidata.js') },
      createLogger({ verbose: true, write: (line) => lines.push(line) }),
    );
    const reported = lines.filter((l) => l.includes('pattern not run'));
    expect(reported.length).toBeGreaterThan(0);
    expect(reported[0]).toMatch(/pve-9\.1\.apidata\.js:\/\d+\/.*\/pattern - pattern not run/);
  });
});
