/**
 * `pve-apidoc mock --schema S [--port P] [--host H]`: a mock of the schema's API until Ctrl+C
 * (generator/mock). Loopback only unless --host says otherwise, and the start line says which.
 */
import { loadModel, type ModelOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { startMock } from '../mock/server.js';
import { DEFAULT_SCHEMA } from '../options/declarations.js';
import { type ParsedArgs, singleSchema } from './args.js';
import { untilInterrupted } from './dev-command.js';

export const MOCK_PORT = 8006;

/** The model behind a mock: --schema (one), --formats, --insecure. */
export function mockModelOptions(args: ParsedArgs, command: string): ModelOptions {
  const o = args.options;
  const options: ModelOptions = { schema: singleSchema(o, command) ?? DEFAULT_SCHEMA, insecure: o.flag('insecure') };
  const formats = o.text('formats');
  if (formats !== undefined) options.formats = formats;
  return options;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function runMock(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE)`);
  const { model } = await loadModel(mockModelOptions(args, 'mock'), log);
  const host = args.options.text('host') ?? '127.0.0.1';
  const mock = await startMock(model, {
    host,
    port: args.options.number('port') ?? MOCK_PORT,
    log: (line) => log.info(line),
  });
  log.info(
    `mock ${model.productName} API (${model.stats.operations} operations) at ${mock.url}/api2/json/ - ${
      isLoopback(host) ? 'loopback only' : `listening on ${host}: reachable from the network`
    }; stateless (nothing is stored between requests); Ctrl+C to stop`,
  );
  await untilInterrupted();
  await mock.close();
  return EXIT.ok;
}
