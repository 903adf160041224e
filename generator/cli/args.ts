/**
 * Command-line parsing and `--help`, driven by the option declarations (generator/options): unknown
 * commands and flags are errors with a hint.
 */
import { UsageError } from '../errors.js';
import type { Product } from '../model/types.js';
import { COMMANDS, OPTIONS } from '../options/declarations.js';
import { defaultValue, type OptionValue, OptionValues, parseFlagValue } from '../options/values.js';
import { hint } from '../text/hint.js';

export interface ParsedArgs {
  command: string;
  options: OptionValues;
  positionals: string[];
  /** The words after `--` (also the tail of positionals), or null when there is no `--`. */
  passthrough: string[] | null;
}

/** `defaults` (from a config file) take the place of the declared defaults; flags still win. */
export function parseArgs(argv: string[], defaults: ReadonlyMap<string, OptionValue> = new Map()): ParsedArgs {
  const first = argv[0];
  const command = first === undefined || first.startsWith('-') ? 'help' : first;
  if (!(command in COMMANDS))
    throw new UsageError(`unknown command "${command}"${hint(command, Object.keys(COMMANDS))}; run "pve-apidoc help"`);
  const rest = first === command ? argv.slice(1) : argv;
  const specs = OPTIONS.filter((o) => o.commands.includes(command));
  const options = new Map<string, OptionValue>();
  const positionals: string[] = [];
  let passthrough: string[] | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === undefined) break;
    if (arg === '--') {
      passthrough = rest.slice(i + 1);
      positionals.push(...passthrough);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const spec = flag.startsWith('--')
      ? specs.find((s) => s.name === flag.slice(2))
      : specs.find((s) => s.short !== undefined && `-${s.short}` === flag);
    if (!spec) {
      throw new UsageError(
        `unknown option ${flag} for "${command}"${hint(
          flag.replace(/^-+/, ''),
          specs.map((s) => s.name),
          '--',
        )}`,
      );
    }
    const where = `option --${spec.name}`;
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`${where} takes no value`);
      options.set(spec.name, { kind: 'flag', value: true });
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${where} needs a value (${spec.arg ?? 'VALUE'})`);
    options.set(spec.name, parseFlagValue(spec, value, where, options.get(spec.name), spec.repeatable?.includes(command) === true));
  }
  for (const spec of specs) {
    if (options.has(spec.name)) continue;
    const fallback = defaults.get(spec.name) ?? defaultValue(spec);
    if (fallback !== undefined) options.set(spec.name, fallback);
  }
  return { command, options: new OptionValues(options), positionals, passthrough };
}

const PRODUCT_IDS: readonly Product[] = ['pve', 'pmg', 'pbs'];

/** --product, checked against the declared choices by the parser; typed here without a cast. */
export function productOption(options: OptionValues): Product | undefined {
  const value = options.text('product');
  return PRODUCT_IDS.find((p) => p === value);
}

/**
 * The one schema of a command that takes one (`--schema` is always a list): undefined when none
 * is given, an error when a config file gave several.
 */
export function singleSchema(options: OptionValues, command: string): string | undefined {
  const schemas = options.list('schema');
  if (schemas.length > 1) throw new UsageError(`${command} reads one schema: give --schema once`);
  return schemas[0];
}

export function helpText(command?: string): string {
  const lines = ['Usage: pve-apidoc <command> [options]', '', 'Commands:'];
  for (const [name, text] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${text}`);
  const shown = command && command !== 'help' ? [command] : Object.keys(COMMANDS).filter((c) => c !== 'help');
  for (const cmd of shown) {
    lines.push('', `Options for ${cmd}:`);
    for (const spec of OPTIONS.filter((o) => o.commands.includes(cmd))) {
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}${spec.arg ? ' ' + spec.arg : ''}`;
      const def = spec.default !== undefined && spec.default !== false ? ` (default: ${String(spec.default)})` : '';
      lines.push(`  ${flag.padEnd(28)} ${spec.help}${def}`);
    }
  }
  lines.push(
    '',
    'Exit codes: 0 ok, 1 internal error, 2 usage, 3 input, 4 validation, 5 output, 6 --strict warnings, 7 breaking changes, 8 invalid calls (check), 9 templates.',
  );
  return lines.join('\n');
}
