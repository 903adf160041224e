/**
 * `pve-apidoc mcp --schema S [--schema LABEL=S ...]`: an MCP server (stdio) over the reference of
 * one or several versions (generator/mcp). The schemas are loaded once, before the server answers;
 * stdout carries only JSON-RPC, every message of ours goes to stderr.
 */
import { basename } from 'node:path';
import { loadModel, type ModelOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { Catalog, type Version } from '../mcp/catalog.js';
import { serveStdio } from '../mcp/server.js';
import { packageVersion } from '../paths.js';
import { printable } from '../text/printable.js';
import { parseLabeled } from '../versions/labels.js';
import type { ParsedArgs } from './args.js';

export async function runMcp(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE, repeated as LABEL=FILE)`);
  const o = args.options;
  const schemas = o.list('schema');
  if (schemas.length === 0) throw new UsageError('mcp needs --schema FILE (or --schema LABEL=FILE, repeated, for several versions)');
  const formats = o.text('formats');
  const versions: Version[] = [];
  for (const value of schemas) {
    const labeled = parseLabeled(value);
    const options: ModelOptions = { schema: labeled?.source ?? value, insecure: o.flag('insecure') };
    if (labeled) options.version = labeled.label;
    if (formats !== undefined) options.formats = formats;
    const { model } = await loadModel(options, log);
    const label = labeled?.label ?? (model.version || basename(value));
    if (versions.some((v) => v.label === label)) throw new UsageError(`version label "${label}" given twice (use --schema LABEL=FILE)`);
    versions.push({ label, model });
  }
  const catalog = new Catalog(versions);
  const version = packageVersion();
  log.info(`MCP server on stdio: ${catalog.labels.join(', ')} (read-only; stop with Ctrl-C or by closing stdin)`);
  await serveStdio(catalog, version, (message) => log.warn(printable(`mcp: ${message}`)));
  return EXIT.ok;
}
