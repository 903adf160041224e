/** `pve-apidoc preview`: serve a built output folder (default dist/) like a static host, until Ctrl+C. */
import { EXIT, UsageError } from '../errors.js';
import { DEFAULT_HOST, DEFAULT_OUT } from '../options/declarations.js';
import type { Logger } from '../log.js';
import { startPreview } from '../dev/preview.js';
import { parseBaseUrl } from '../publish/base-url.js';
import { untilInterrupted } from './dev-command.js';
import type { ParsedArgs } from './args.js';

const PREVIEW_PORT = 4173;

/** The built folder to serve: `COMMAND DIR` or `COMMAND --out DIR` (default dist/); one at most. */
export function servedFolder(args: ParsedArgs): string {
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  return args.positionals[0] ?? args.options.text('out') ?? DEFAULT_OUT;
}

export async function runPreview(args: ParsedArgs, log: Logger): Promise<number> {
  const o = args.options;
  const dir = servedFolder(args);
  const baseUrl = o.text('base-url');
  const server = await startPreview({
    dir,
    host: o.text('host') ?? DEFAULT_HOST,
    port: o.number('port') ?? PREVIEW_PORT,
    basePath: baseUrl === undefined ? '/' : parseBaseUrl(baseUrl).path,
  });
  log.info(`serving ${dir} at ${server.url} (Ctrl+C to stop)`);
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}
