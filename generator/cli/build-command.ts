/** `pve-apidoc build`: options -> build() -> a summary line with the phase timings. */
import { resolve } from 'node:path';
import { build, type BuildOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { DEFAULT_OUT, defaultSchema } from '../options/declarations.js';
import { type ParsedArgs, productOption } from './args.js';
import { parseBaseUrl } from '../publish/base-url.js';
import { buildSummary } from '../publish/summary.js';
import { validateTheme, type ThemeOptions } from '../publish/theme.js';
import { parseSchemaValues } from '../versions/labels.js';
import { runVersionsBuild } from '../versions/command.js';
import { defaultCacheDir } from '../cache/dir.js';

/** BuildOptions from the parsed options (shared with `dev`, which builds the same site in memory). */
export function buildOptionsFrom(args: ParsedArgs): BuildOptions {
  const o = args.options;
  const product = productOption(o);
  const baseUrl = o.text('base-url');
  const options: BuildOptions = {
    // A multi-version build reads its schemas itself (runVersionsBuild); here the first (or only) one.
    schema: o.list('schema')[0] ?? defaultSchema(),
    out: o.text('out') ?? DEFAULT_OUT,
    insecure: o.flag('insecure'),
    offline: o.flag('offline'),
    ...(o.flag('force') ? { force: true } : {}),
    ...(o.flag('try-it') ? { tryIt: true } : {}),
    ...(o.text('layout') === 'pve-host' ? { layout: 'pve-host' as const } : {}),
    emit: o.list('emit'),
    ...defined('formats', o.text('formats')),
    ...defined('title', o.text('title')),
    ...defined('product', product),
    ...defined('version', o.text('api-version')),
    ...defined('templates', o.text('templates')),
    ...defined('baseUrl', baseUrl === undefined ? undefined : parseBaseUrl(baseUrl).href),
  };
  const theme: ThemeOptions = {
    ...defined('logo', o.text('logo')),
    ...defined('accent', o.text('accent')),
    ...defined('headerLinks', o.has('header-link') ? o.list('header-link') : undefined),
    ...defined('footerLinks', o.has('footer-link') ? o.list('footer-link') : undefined),
  };
  if (Object.keys(theme).length > 0) {
    validateTheme(theme);
    options.theme = theme;
  }
  return options;
}

export async function runBuild(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE)`);
  const o = args.options;
  const options = buildOptionsFrom(args);
  if (!o.flag('no-cache')) options.cache = o.text('cache') ?? defaultCacheDir();

  // `--schema LABEL=SOURCE`, once or repeated: a site with several versions (generator/versions).
  const schemas = o.list('schema');
  const parsed = schemas.length > 0 ? parseSchemaValues(schemas) : null;
  if (parsed && 'versions' in parsed) {
    if (options.layout === 'pve-host') throw new UsageError('--layout pve-host builds one version: give --schema once');
    const code = await runVersionsBuild(parsed.versions, options, log);
    const exit = code === EXIT.ok && o.flag('strict') && log.warnings.length > 0 ? EXIT.strict : code;
    if (o.flag('json')) {
      const summary = {
        ok: exit === EXIT.ok,
        exitCode: exit,
        command: 'build',
        versions: parsed.versions.map((v) => v.label),
        warnings: { count: log.warnings.length, messages: [...log.warnings] },
        outputs: { dir: resolve(options.out) },
      };
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    }
    if (exit === EXIT.strict)
      process.stderr.write(`pve-apidoc: ${log.warnings.length} warning${log.warnings.length === 1 ? '' : 's'} with --strict\n`);
    return exit;
  }

  const started = performance.now();
  const result = await build(options, log);
  const total = performance.now() - started;
  const t = result.timings;
  const ms = (n: number): string => `${Math.round(n)} ms`;
  log.info(
    `built ${result.model.stats.paths} path pages (${result.model.stats.operations} operations, ${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MB) into ${result.out}${result.unchanged ? ' (unchanged: it already held these files, nothing written)' : ''} in ${ms(total)}`,
  );
  log.info(
    `  load ${ms(t.load)} · validate ${ms(t.validate)} · deref ${ms(t.deref)}${result.references ? ` (${result.references} $refs)` : ''} · normalize ${ms(t.normalize)} · render ${ms(t.render)} · write ${ms(t.write)}${result.zip ? ` · zip ${ms(t.zip)}` : ''}`,
  );
  if (result.zip) log.info(`  offline bundle: ${result.zip.path} (${(result.zip.bytes / 1024 / 1024).toFixed(1)} MB)`);
  // --strict: the output is written (it is valid), but warnings fail the run for CI.
  const exit = o.flag('strict') && log.warnings.length > 0 ? EXIT.strict : EXIT.ok;
  if (o.flag('json')) process.stdout.write(JSON.stringify(buildSummary(result, log.warnings, total, exit), null, 2) + '\n');
  if (exit === EXIT.strict)
    process.stderr.write(`pve-apidoc: ${log.warnings.length} warning${log.warnings.length === 1 ? '' : 's'} with --strict\n`);
  return exit;
}

/** `{ key: value }` when the value is given, else `{}`: optional fields stay absent, never undefined. */
function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  const out: { [P in K]?: V } = {};
  if (value !== undefined) out[key] = value;
  return out;
}
