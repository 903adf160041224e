/**
 * `pve-apidoc openapi`: options -> loadModel() -> toOpenApi() -> one file, written atomically
 * (a temporary file beside the target, then a rename), or stdout with `--out -`.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadModel, type ModelOptions } from '../build.js';
import type { Phase } from '../build-result.js';
import { EXIT, OutputError, UsageError } from '../errors.js';
import { formatForFile, serializeOpenApi, toOpenApi } from '../export/openapi.js';
import type { Logger } from '../log.js';
import { defaultSchema } from '../options/declarations.js';
import { type ParsedArgs, productOption, singleSchema } from './args.js';

export async function runOpenApi(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}" (use --schema FILE and --out FILE)`);
  const o = args.options;
  const out = o.text('out') ?? 'openapi.json';
  const options: ModelOptions = { schema: singleSchema(o, 'openapi') ?? defaultSchema(), insecure: o.flag('insecure') };
  const formats = o.text('formats');
  if (formats !== undefined) options.formats = formats;
  const title = o.text('title');
  if (title !== undefined) options.title = title;
  const product = productOption(o);
  if (product !== undefined) options.product = product;
  const version = o.text('api-version');
  if (version !== undefined) options.version = version;

  const started = performance.now();
  const timings: Partial<Record<Phase, number>> = {};
  const { model } = await loadModel(options, log, timings);
  const loaded = performance.now();
  const format = out === '-' ? 'json' : formatForFile(out);
  const text = serializeOpenApi(toOpenApi(model), format);
  const exported = performance.now();
  if (out === '-') await writeStdout(text);
  else writeAtomically(out, text);
  const done = performance.now();

  const ms = (n: number): string => `${Math.round(n)} ms`;
  const bytes = Buffer.byteLength(text);
  log.info(
    `exported ${model.stats.operations} operations on ${model.paths.filter((p) => p.operations.length > 0).length} paths as OpenAPI 3.1 ${format.toUpperCase()} to ${out === '-' ? 'stdout' : out} (${(bytes / 1024 / 1024).toFixed(2)} MB, ${bytes} bytes) in ${ms(done - started)}`,
  );
  log.info(`  load+normalize ${ms(loaded - started)} · export ${ms(exported - loaded)} · write ${ms(done - exported)}`);
  return EXIT.ok;
}

/** stdout; a reader that stops early (`| head`) is not an error. */
function writeStdout(text: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException): void =>
      error.code === 'EPIPE' ? done() : fail(new OutputError(`cannot write to stdout: ${error.message}`, { cause: error }));
    process.stdout.once('error', onError);
    process.stdout.write(text, (error) => {
      // On failure the stream also emits 'error' afterwards: the once-listener stays to take it.
      if (!error) process.stdout.off('error', onError);
      if (error && !('code' in error && error.code === 'EPIPE'))
        fail(new OutputError(`cannot write to stdout: ${error.message}`, { cause: error }));
      else done();
    });
  });
}

function writeAtomically(file: string, text: string): void {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new OutputError(`cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
