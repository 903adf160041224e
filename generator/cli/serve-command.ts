/**
 * `pve-apidoc serve --out DIR [--proxy https://HOST:8006 [--insecure] | --schema S]`: the built site
 * with /api2/json/* on the same origin, forwarded to that one host or answered by the mock of the
 * schema (generator/dev/serve.ts). Loopback unless --host says otherwise, and the start line says so.
 */
import { loadModel } from '../build.js';
import { parseProxyTarget, startServe } from '../dev/serve.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { untilInterrupted } from './dev-command.js';
import { isLoopback, mockModelOptions } from './mock-command.js';
import type { ParsedArgs } from './args.js';

export const SERVE_PORT = 4174;

export async function runServe(args: ParsedArgs, log: Logger): Promise<number> {
  const o = args.options;
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  const dir = args.positionals[0] ?? (typeof o['out'] === 'string' ? o['out'] : 'dist');
  const proxy = typeof o['proxy'] === 'string' ? parseProxyTarget(o['proxy']) : undefined;
  if (proxy && o['schema'] !== undefined) throw new UsageError('serve: give --proxy (a real host) or --schema (the mock), not both');
  const mock = proxy ? undefined : (await loadModel(mockModelOptions(args, 'serve'), log)).model;
  const host = typeof o['host'] === 'string' ? o['host'] : '127.0.0.1';
  const server = await startServe({
    dir,
    host,
    port: typeof o['port'] === 'number' ? o['port'] : SERVE_PORT,
    ...(proxy ? { proxy } : {}),
    ...(mock ? { mock } : {}),
    insecure: o['insecure'] === true,
    log: (line) => log.info(line),
  });
  const api = proxy
    ? `forwarded to ${proxy.origin} only${o['insecure'] === true ? ' (its certificate is not checked: --insecure)' : ''}`
    : `answered by the mock of ${mock!.productName} (stateless)`;
  log.info(
    `serving ${dir} at ${server.url}; /api2/json/ ${api}; ${isLoopback(host) ? 'loopback only' : `listening on ${host}: reachable from the network`} (Ctrl+C to stop)`,
  );
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}
