/** `pve-apidoc dev`: the build options, served live by the dev server until Ctrl+C. */
import { EXIT, UsageError } from '../errors.js';
import { DEFAULT_HOST } from '../options/declarations.js';
import type { Logger } from '../log.js';
import { startDevServer } from '../dev/server.js';
import { buildOptionsFrom } from './build-command.js';
import { type ParsedArgs, singleSchema } from './args.js';

const DEV_PORT = 5173;

export async function runDev(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE)`);
  singleSchema(args.options, 'dev');
  const server = await startDevServer(
    {
      build: buildOptionsFrom(args),
      host: args.options.text('host') ?? DEFAULT_HOST,
      port: args.options.number('port') ?? DEV_PORT,
    },
    log,
  );
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}

/** Resolves on Ctrl+C or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((ok) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ok();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
