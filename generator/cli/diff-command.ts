/**
 * `pve-apidoc diff OLD NEW [--format md|json] [--fail-on breaking]`: load and normalize both schemas,
 * compare the models (generator/diff), print the comparison to stdout. Exit code 7 (EXIT.breaking)
 * only with --fail-on breaking and only when something breaking changed; otherwise 0.
 * OLD and NEW are files or URLs; `LABEL=SOURCE` names a version (default: from the file name).
 */
import { loadModel, type ModelOptions } from '../build.js';
import { checkOneProduct, diffJson, diffMarkdown, diffModels } from '../diff/index.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { parseLabeled } from '../versions/labels.js';
import type { ParsedArgs } from './args.js';

export async function runDiff(args: ParsedArgs, log: Logger): Promise<number> {
  if (args.positionals.length !== 2) {
    throw new UsageError(
      `diff needs two schemas, OLD and NEW (got ${args.positionals.length}): pve-apidoc diff OLD NEW [--format md|json] [--fail-on breaking]`,
    );
  }
  const o = args.options;
  const insecure = o.flag('insecure');
  const models = [];
  for (const value of args.positionals) {
    const labeled = parseLabeled(value);
    const options: ModelOptions = { schema: labeled?.source ?? value, insecure };
    if (labeled) options.version = labeled.label;
    models.push((await loadModel(options, log)).model);
  }
  const [older, newer] = models;
  if (!older || !newer) throw new UsageError('diff needs two schemas, OLD and NEW');
  checkOneProduct(models);
  const diff = diffModels(older, newer);
  const text = o.text('format') === 'json' ? JSON.stringify(diffJson(diff), null, 2) + '\n' : diffMarkdown(diff);
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  return o.text('fail-on') === 'breaking' && diff.breaking ? EXIT.breaking : EXIT.ok;
}
