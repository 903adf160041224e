/**
 * `pve-apidoc mock --schema S [--port P] [--host H] [-- COMMAND ARGS...]`: a mock of the schema's
 * API (generator/mock) until Ctrl+C, or, with a command after `--`, while that command runs: the
 * mock stops when it ends and its exit code is ours. That form exists because a server started in
 * the background of a CI step is hard to stop (npx does not pass a kill on to it) and easy to leave
 * running. Loopback only unless --host says otherwise, and the start line says which.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { loadModel, type ModelOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { startMock } from '../mock/server.js';
import { DEFAULT_HOST, defaultSchema } from '../options/declarations.js';
import { type ParsedArgs, singleSchema } from './args.js';
import { untilInterrupted } from './dev-command.js';

export const MOCK_PORT = 8006;

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
  const { model } = await loadModel(mockModelOptions(args, 'mock'), log);
  const host = args.options.text('host') ?? DEFAULT_HOST;
  const mock = await startMock(model, {
    host,
    port: args.options.number('port') ?? MOCK_PORT,
    log: (line) => log.info(line),
  });
  log.info(
    `mock ${model.productName} API (${model.stats.operations} operations) at ${mock.url}/api2/json/ - ${
      isLoopback(host) ? 'loopback only' : `listening on ${host}: reachable from the network`
    }; stateless (nothing is stored between requests); ${command === undefined ? 'Ctrl+C to stop' : `running ${command}`}`,
  );
  if (command === undefined) {
    await untilInterrupted();
    await mock.close();
    return EXIT.ok;
  }
  try {
    return await runAgainst(command, commandArgs, mock.url, log);
  } finally {
    await mock.close();
  }
}

/**
 * Runs the command (no shell: the words are passed as they are) with PVE_APIDOC_MOCK_URL set to the
 * mock's base URL; Ctrl+C or a kill of the mock goes on to it. Its exit code, or 128 + the signal's
 * number when a signal ended it, as a shell reports it.
 */
function runAgainst(command: string, commandArgs: string[], url: string, log: Logger): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env: { ...process.env, PVE_APIDOC_MOCK_URL: url } });
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
