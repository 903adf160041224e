/**
 * `pve-apidoc mock --schema S [--port P] [--host H] [-- COMMAND ARGS...]`: a mock of the schema's
 * API (generator/mock) until Ctrl+C, or, with a command after `--`, while that command runs: the
 * mock stops when it ends and its exit code is ours. That form exists because a server started in
 * the background of a CI step is hard to stop (npx does not pass a kill on to it) and easy to leave
 * running. Loopback only unless --host says otherwise, and the start line says which.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type ModelOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { startMock } from '../mock/server.js';
import type { TlsIdentity } from '../mock/tls.js';
import { seedState } from '../mock/seed.js';
import { loadState, saveState } from '../mock/state.js';
import { createWorld, type World } from '../mock/world.js';
import type { ApiModel } from '../model/types.js';
import { PRODUCTS } from '../model/product.js';
import { DEFAULT_HOST, defaultSchema } from '../options/declarations.js';
import { type ParsedArgs, singleSchema } from './args.js';
import { untilInterrupted } from './dev-command.js';

/** The model behind a mock: --schema (one), --formats, --insecure. */
export function mockModelOptions(args: ParsedArgs, command: string): ModelOptions {
  const o = args.options;
  const options: ModelOptions = { schema: singleSchema(o, command) ?? defaultSchema(), insecure: o.flag('insecure') };
  const formats = o.text('formats');
  if (formats !== undefined) options.formats = formats;
  return options;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function runMock(args: ParsedArgs, log: Logger): Promise<number> {
  const stray = args.positionals.length - (args.passthrough?.length ?? 0);
  if (stray > 0)
    throw new UsageError(
      `unexpected argument "${args.positionals[0]}" (use --schema FILE; a command to run against the mock goes after --)`,
    );
  const [command, ...commandArgs] = args.passthrough ?? [];
  const o = args.options;
  const { model } = await loadModel(mockModelOptions(args, 'mock'), log);
  const host = o.text('host') ?? DEFAULT_HOST;
  const identity = await tlsIdentity(args, host);
  const stateFile = o.text('state');
  if (stateFile !== undefined && o.flag('stateless')) throw new UsageError('mock: --stateless keeps no state; leave out --state');
  const world = o.flag('stateless') ? null : await openWorld(model, stateFile, o.number('task-seconds') ?? 1);
  const mock = await startMock(model, {
    host,
    port: o.number('port') ?? PRODUCTS[model.product].port,
    log: (line) => log.info(line),
    ...(identity ? { tls: identity } : {}),
    ...(world ? { world } : {}),
  });
  // The certificate goes to a file of its own, so a client can trust it instead of skipping checks.
  const caDir = identity ? await mkdtemp(join(tmpdir(), 'pve-apidoc-mock-')) : null;
  const caFile = caDir ? join(caDir, 'mock-ca.pem') : null;
  if (identity && caFile) await writeFile(caFile, identity.cert, { mode: 0o644 });
  log.info(
    `mock ${model.productName} API (${model.stats.operations} operations) at ${mock.url}/api2/json/ - ${
      isLoopback(host) ? 'loopback only' : `listening on ${host}: reachable from the network`
    }; ${world ? `state in memory${stateFile ? `, saved to ${stateFile} on stop` : ''}` : 'stateless (nothing is stored between requests)'}; ${command === undefined ? 'Ctrl+C to stop' : `running ${command}`}`,
  );
  if (identity && caFile)
    log.info(`mock certificate: SHA-256 fingerprint ${identity.fingerprint}; PEM in ${caFile} (PVE_APIDOC_MOCK_CA for the command)`);
  const stop = async (): Promise<void> => {
    await mock.close();
    // The certificate's folder goes even when saving the state fails (that failure is still the exit).
    try {
      if (world && stateFile !== undefined) await saveState(world.state, stateFile);
    } finally {
      if (caDir) await rm(caDir, { recursive: true, force: true });
    }
  };
  if (command === undefined) {
    await untilInterrupted();
    await stop();
    return EXIT.ok;
  }
  try {
    return await runAgainst(
      command,
      commandArgs,
      { PVE_APIDOC_MOCK_URL: mock.url, ...(caFile ? { PVE_APIDOC_MOCK_CA: caFile } : {}) },
      log,
    );
  } finally {
    await stop();
  }
}

/** The state from --state FILE when it exists, else the seeded cluster (generator/mock/seed.ts). */
async function openWorld(model: ApiModel, file: string | undefined, seconds: number): Promise<World> {
  const state = file !== undefined && existsSync(file) ? await loadState(file) : seedState(model.product);
  return createWorld(model, state, { now: () => Date.now(), seconds });
}

/** --http: none; --cert/--key: those files; else a self-signed certificate made now for the listen host. */
async function tlsIdentity(args: ParsedArgs, host: string): Promise<TlsIdentity | null> {
  const o = args.options;
  const cert = o.text('cert');
  const key = o.text('key');
  if (o.flag('http')) {
    if (cert !== undefined || key !== undefined) throw new UsageError('mock: --http serves plain HTTP; leave out --cert/--key');
    return null;
  }
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('mock: give --cert FILE and --key FILE together');
  const tls = await import('../mock/tls.js');
  return cert !== undefined && key !== undefined ? tls.identityFromFiles(cert, key) : tls.selfSignedIdentity('pve1', [host]);
}

/**
 * Runs the command (no shell: the words are passed as they are) with PVE_APIDOC_MOCK_URL set to the
 * mock's base URL (and PVE_APIDOC_MOCK_CA to its certificate's PEM file over HTTPS); Ctrl+C or a kill of the mock goes on to it. Its exit code, or 128 + the signal's
 * number when a signal ended it, as a shell reports it.
 */
function runAgainst(command: string, commandArgs: string[], env: Record<string, string>, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (code: number): void => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (error) => {
      // Printed even with --quiet: without it a CI step would fail with no word of why.
      process.stderr.write(`pve-apidoc mock: cannot run ${JSON.stringify(command)}: ${error.message}\n`);
      done(127);
    });
    child.on('exit', (code, signal) => {
      if (signal) log.info(`mock: ${command} ended by ${signal}`);
      done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
