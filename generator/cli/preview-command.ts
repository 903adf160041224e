/** `pve-apidoc preview`: serve a built output folder (default dist/) like a static host, until Ctrl+C. */
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { startPreview } from '../dev/preview.js';
import { parseBaseUrl } from '../publish/base-url.js';
import { untilInterrupted } from './dev-command.js';
import type { ParsedArgs } from './args.js';

export const PREVIEW_PORT = 4173;

export async function runPreview(args: ParsedArgs, log: Logger): Promise<number> {
  const o = args.options;
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  // `preview DIR` or `preview --out DIR` (the folder a build wrote).
  const dir = args.positionals[0] ?? o.text('out') ?? 'dist';
  const baseUrl = o.text('base-url');
  const server = await startPreview({
    dir,
    host: o.text('host') ?? '127.0.0.1',
    port: o.number('port') ?? PREVIEW_PORT,
    basePath: baseUrl === undefined ? '/' : parseBaseUrl(baseUrl).path,
  });
  log.info(`serving ${dir} at ${server.url} (Ctrl+C to stop)`);
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}
