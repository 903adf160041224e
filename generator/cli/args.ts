/**
 * Command-line parsing and `--help`, driven by the option declarations (generator/options): unknown
 * commands and flags are errors with a hint.
 */
import { UsageError } from '../errors.js';
import { COMMANDS, OPTIONS, type OptionSpec, type ParsedOptions } from '../options/declarations.js';
import type { Product } from '../model/types.js';
import { hint } from '../text/hint.js';

export interface ParsedArgs {
  command: string;
  options: ParsedOptions;
  positionals: string[];
  /** The words after `--` (also the tail of positionals), or null when there is no `--`. */
  passthrough: string[] | null;
}

/** `defaults` (from a config file) take the place of the declared defaults; flags still win. */
export function parseArgs(argv: string[], defaults: ParsedOptions = {}): ParsedArgs {
  const first = argv[0];
  const command = first === undefined || first.startsWith('-') ? 'help' : first;
  if (!(command in COMMANDS))
    throw new UsageError(`unknown command "${command}"${hint(command, Object.keys(COMMANDS))}; run "pve-apidoc help"`);
  const rest = first === command ? argv.slice(1) : argv;
  const specs = OPTIONS.filter((o) => o.commands.includes(command));
  const options: ParsedOptions = {};
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
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${spec.name} takes no value`);
      options[spec.name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new UsageError(`option --${spec.name} needs a value (${spec.arg ?? 'VALUE'})`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`option --${spec.name} must be one of ${spec.choices.join(', ')} (got "${value}")`);
    }
    if (spec.type === 'string[]') options[spec.name] = [...listOption(options, spec.name), value];
    else if (options[spec.name] !== undefined && spec.repeatable?.includes(command)) {
      const previous = options[spec.name];
      options[spec.name] = [...(Array.isArray(previous) ? previous : [String(previous)]), value];
    } else if (options[spec.name] !== undefined) throw new UsageError(`option --${spec.name} given twice`);
    else options[spec.name] = spec.type === 'number' ? parseNumber(spec, value) : value;
  }
  for (const spec of specs) {
    const fallback = defaults[spec.name] !== undefined ? defaults[spec.name] : spec.default;
    if (options[spec.name] === undefined && fallback !== undefined) options[spec.name] = fallback;
  }
  return { command, options, positionals, passthrough };
}

/** A string option's value, or undefined when it was not given (or is a list). */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable or list option's values: always a list (empty when not given). */
export function listOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

export function numberOption(options: ParsedOptions, name: string): number | undefined {
  const value = options[name];
  return typeof value === 'number' ? value : undefined;
}

const PRODUCT_IDS: readonly Product[] = ['pve', 'pmg', 'pbs'];

/** --product, checked against the declared choices by the parser; typed here without a cast. */
export function productOption(options: ParsedOptions): Product | undefined {
  const value = stringOption(options, 'product');
  return PRODUCT_IDS.find((p) => p === value);
}

function parseNumber(spec: OptionSpec, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new UsageError(`option --${spec.name} must be a whole number (got "${value}")`);
  return Number(value);
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
