/**
 * The PVE 9.1 OpenAPI export in the hands of typed-client generators: openapi-typescript (types for
 * openapi-fetch) and @hey-api/openapi-ts (an SDK) each generate from it, and `tsc --strict` (the
 * project's TypeScript) compiles 16 typical calls through each, plus calls that must not compile.
 * Slow (the generators take ~15 and ~35 s on the real document); no timing is asserted.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { serializeOpenApi, toOpenApi } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT, VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { heyApiCalls, OPENAPI_FETCH_CALLS, OPERATIONS, type OperationKey } from './typed-clients/calls.js';

const run = promisify(execFile);
const HOOK = join(REPO_ROOT, 'test', 'export', 'typed-clients', 'use-typescript-5.mjs');
const modules = join(REPO_ROOT, 'node_modules');
type Any = Record<string, any>;

/** Inside the repository (test/.tmp is git-ignored) so that the calls resolve openapi-fetch from node_modules. */
let dir: string;
let doc: Any;

async function node(args: string[]): Promise<void> {
  await run(process.execPath, ['--import', HOOK, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
}

/** hey-api's SDK function name for an operationId: camelCase over `_` and other separators. */
function camel(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1)).join('');
}

function operationId(key: OperationKey): string {
  const [method, path] = key.split(' ') as [string, string];
  const id = doc.paths[path]?.[method.toLowerCase()]?.operationId;
  if (typeof id !== 'string') throw new Error(`no operation ${key} in the export`);
  return id;
}

describe('typed clients from the PVE 9.1 OpenAPI export', () => {
  beforeAll(async () => {
    mkdirSync(join(REPO_ROOT, 'test', '.tmp'), { recursive: true });
    dir = mkdtempSync(join(REPO_ROOT, 'test', '.tmp', 'typed-clients-'));
    const file = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
    const { model } = await loadModel({ schema: file }, silentLogger());
    doc = toOpenApi(model) as Any;
    writeFileSync(join(dir, 'openapi.json'), serializeOpenApi(doc, 'json'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports the families as explicit members sharing one component, with x-proxmox-family', () => {
    const body = doc.paths['/nodes/{node}/qemu'].post.requestBody.content['application/json'].schema;
    expect(body.$ref).toBeUndefined();
    expect(body.patternProperties).toBeUndefined();
    const net0 = body.properties.net0.$ref as string;
    expect(body.properties.net31.$ref).toBe(net0);
    expect(body.properties.net32).toBeUndefined();
    const component = doc.components.schemas[net0.split('/').pop()!];
    expect(component['x-proxmox-family']).toEqual({ name: 'net[n]', base: 'net', first: 0, last: 31, range: 'assumed' });
    // scsi's description states "n is 0 to 30".
    const scsi = doc.components.schemas[(body.properties.scsi0.$ref as string).split('/').pop()!];
    expect(scsi['x-proxmox-family']).toMatchObject({ first: 0, last: 30, range: 'description' });
    expect(body.properties.scsi30).toBeDefined();
    expect(body.properties.scsi31).toBeUndefined();
  });

  it('generates with both generators and compiles 16 typical calls (and rejects 5 wrong ones) under tsc --strict', async () => {
    await Promise.all([
      node([join(modules, 'openapi-typescript', 'bin', 'cli.js'), 'openapi.json', '-o', 'openapi-typescript.d.ts']),
      // dist/run.mjs rather than bin/run.js: the bin re-spawns node without the --import hook.
      node([
        join(modules, '@hey-api', 'openapi-ts', 'dist', 'run.mjs'),
        '-i',
        'openapi.json',
        '-o',
        'hey-api',
        '-c',
        '@hey-api/client-fetch',
        '--no-log-file',
        '-s',
      ]),
    ]);
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(15);
    writeFileSync(join(dir, 'openapi-fetch-calls.ts'), OPENAPI_FETCH_CALLS);
    const fn = (key: OperationKey): string => camel(operationId(key));
    const dataType = (key: OperationKey): string => {
      const name = fn(key);
      return `${name[0]!.toUpperCase()}${name.slice(1)}Data`;
    };
    writeFileSync(join(dir, 'hey-api-calls.ts'), heyApiCalls(fn, dataType));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        noUncheckedIndexedAccess: true,
      },
      files: ['openapi-fetch-calls.ts', 'hey-api-calls.ts'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = join(modules, 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(result.out).toBe('');
    expect(result.code).toBe(0);
  }, 600_000);
});
