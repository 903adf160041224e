/** `pve-apidoc build`: options -> build() -> a summary line with the phase timings. */
import { join } from 'node:path';
import { build, type BuildOptions } from '../build.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Product } from '../model/types.js';
import { packageRoot } from '../paths.js';
import { DEFAULT_SCHEMA, type ParsedArgs } from './options.js';

export async function runBuild(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE)`);
  const o = args.options;
  const str = (name: string): string | undefined => (typeof o[name] === 'string' ? (o[name] as string) : undefined);
  const options: BuildOptions = {
    schema: str('schema') ?? join(packageRoot(), DEFAULT_SCHEMA),
    out: str('out') ?? 'dist',
    insecure: o['insecure'] === true,
    offline: o['offline'] === true,
    emit: (o['emit'] as string[] | undefined) ?? [],
  };
  const optional: [keyof BuildOptions, string | undefined][] = [
    ['formats', str('formats')],
    ['title', str('title')],
    ['product', str('product') as Product | undefined],
    ['version', str('api-version')],
    ['templates', str('templates')],
    ['baseUrl', str('base-url')],
  ];
  for (const [key, value] of optional) if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;

  const started = performance.now();
  const result = await build(options, log);
  const total = performance.now() - started;
  const t = result.timings;
  const ms = (n: number): string => `${Math.round(n)} ms`;
  log.info(
    `built ${result.model.stats.paths} path pages (${result.model.stats.operations} operations, ${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MB) into ${result.out} in ${ms(total)}`,
  );
  log.info(
    `  load ${ms(t.load)} · validate ${ms(t.validate)} · deref ${ms(t.deref)}${result.references ? ` (${result.references} $refs)` : ''} · normalize ${ms(t.normalize)} · render ${ms(t.render)} · write ${ms(t.write)}`,
  );
  return EXIT.ok;
}
