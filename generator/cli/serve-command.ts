/**
 * `pve-apidoc serve --out DIR [--proxy https://HOST:8006 [--insecure] | --schema S]`: the built site
 * with /api2/json/* on the same origin, forwarded to that one host or answered by the mock of the
 * schema (generator/dev/serve.ts). Loopback unless --host says otherwise, and the start line says so.
 */
import { loadModel } from '../build.js';
import { DEFAULT_HOST } from '../options/declarations.js';
import { parseProxyTarget, startServe } from '../dev/serve.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { ApiModel } from '../model/types.js';
import { untilInterrupted } from './dev-command.js';
import { servedFolder } from './preview-command.js';
import { isLoopback, mockModelOptions } from './mock-command.js';
import type { ParsedArgs } from './args.js';

const SERVE_PORT = 4174;

export async function runServe(args: ParsedArgs, log: Logger): Promise<number> {
  const o = args.options;
  const dir = servedFolder(args);
  const proxyUrl = o.text('proxy');
  const proxy = proxyUrl === undefined ? undefined : parseProxyTarget(proxyUrl);
  if (proxy && o.has('schema')) throw new UsageError('serve: give --proxy (a real host) or --schema (the mock), not both');
  // Either the one real host or the mock of the schema answers /api2/json/.
  const backend = proxy
    ? { proxy, api: `forwarded to ${proxy.origin} only${o.flag('insecure') ? ' (its certificate is not checked: --insecure)' : ''}` }
    : await mockBackend(args, log);
  const host = o.text('host') ?? DEFAULT_HOST;
  const { api, ...target } = backend;
  const server = await startServe({
    dir,
    host,
    port: o.number('port') ?? SERVE_PORT,
    ...target,
    insecure: o.flag('insecure'),
    log: (line) => log.info(line),
  });
  log.info(
    `serving ${dir} at ${server.url}; /api2/json/ ${api}; ${isLoopback(host) ? 'loopback only' : `listening on ${host}: reachable from the network`} (Ctrl+C to stop)`,
  );
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}

async function mockBackend(args: ParsedArgs, log: Logger): Promise<{ mock: ApiModel; api: string }> {
  const { model } = await loadModel(mockModelOptions(args, 'serve'), log);
  return { mock: model, api: `answered by the mock of ${model.productName} (stateless)` };
}
