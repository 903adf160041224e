/**
 * Every CLI option declared once: name, type, default, help, and the commands that take it. The
 * declarations drive parsing (unknown flags are errors with a hint), `--help`, and validation.
 */
import { UsageError } from '../errors.js';

export type OptionType = 'string' | 'boolean' | 'string[]';

export interface OptionSpec {
  name: string;
  type: OptionType;
  help: string;
  /** Value placeholder for --help. */
  arg?: string;
  default?: string | boolean;
  commands: readonly string[];
  short?: string;
  choices?: readonly string[];
}

export const COMMANDS: Record<string, string> = {
  build: 'Build the reference site from a schema',
  help: 'Show this help',
};

export const DEFAULT_SCHEMA = 'schema/example-api.json';

export const OPTIONS: readonly OptionSpec[] = [
  { name: 'schema', type: 'string', arg: 'FILE|URL', help: `Schema source: a file, or an http(s) URL such as https://HOST:8006/pve-docs/api-viewer/apidata.js (default: the embedded example API)`, commands: ['build'] },
  { name: 'out', type: 'string', arg: 'DIR', default: 'dist', help: 'Output folder; replaced atomically (a failed build leaves it untouched)', commands: ['build'] },
  { name: 'formats', type: 'string', arg: 'FILE|URL', help: 'A formats registry (or reference dump) to expand named property-string formats of a viewer dump', commands: ['build'] },
  { name: 'title', type: 'string', arg: 'TEXT', help: 'Site title (default: product and version)', commands: ['build'] },
  { name: 'product', type: 'string', arg: 'ID', choices: ['pve', 'pmg', 'pbs'], help: 'Product: pve, pmg or pbs (default: detected from the paths)', commands: ['build'] },
  { name: 'api-version', type: 'string', arg: 'LABEL', help: 'Version label shown on the site (default: guessed from the file name, e.g. pve-9.1...)', commands: ['build'] },
  { name: 'insecure', type: 'boolean', default: false, help: 'Accept a self-signed TLS certificate when reading the schema from a URL', commands: ['build'] },
  { name: 'emit', type: 'string[]', arg: 'WHAT', choices: ['model'], help: 'Debug output beside the site: "model" writes model.json (the normalized model)', commands: ['build'] },
  { name: 'templates', type: 'string', arg: 'DIR', help: 'A folder whose templates override the built-in ones file by file (layout.hbs, pages/*.hbs, partials/*.hbs)', commands: ['build'] },
  { name: 'base-url', type: 'string', arg: 'URL', help: 'Public URL of the hosted site, for canonical links', commands: ['build'] },
  { name: 'offline', type: 'boolean', default: false, help: 'Offline bundle: links end in index.html so the site works when opened from disk', commands: ['build'] },
  { name: 'quiet', type: 'boolean', default: false, short: 'q', help: 'Print nothing but errors and warnings', commands: ['build'] },
  { name: 'verbose', type: 'boolean', default: false, help: 'Print stack traces of errors', commands: ['build'] },
  { name: 'help', type: 'boolean', default: false, short: 'h', help: 'Show help', commands: ['build', 'help'] },
];

export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  command: string;
  options: ParsedOptions;
  positionals: string[];
}

export function parseArgs(argv: string[]): ParsedArgs {
  const first = argv[0];
  const command = first === undefined || first.startsWith('-') ? 'help' : first;
  if (!(command in COMMANDS)) throw new UsageError(`unknown command "${command}"${hint(command, Object.keys(COMMANDS))}; run "pve-apidoc help"`);
  const rest = first === command ? argv.slice(1) : argv;
  const specs = OPTIONS.filter((o) => o.commands.includes(command));
  const options: ParsedOptions = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
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
      throw new UsageError(`unknown option ${flag} for "${command}"${hint(flag.replace(/^-+/, ''), specs.map((s) => s.name), '--')}`);
    }
    if (spec.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${spec.name} takes no value`);
      options[spec.name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`option --${spec.name} needs a value (${spec.arg ?? 'VALUE'})`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`option --${spec.name} must be one of ${spec.choices.join(', ')} (got "${value}")`);
    }
    if (spec.type === 'string[]') options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), value];
    else if (options[spec.name] !== undefined) throw new UsageError(`option --${spec.name} given twice`);
    else options[spec.name] = value;
  }
  for (const spec of specs) if (options[spec.name] === undefined && spec.default !== undefined) options[spec.name] = spec.default;
  return { command, options, positionals };
}

/** " (did you mean --schema?)" for a near miss, else "". */
function hint(given: string, known: string[], prefix = ''): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = distance(given, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean ${prefix}${best}?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
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
  lines.push('', 'Exit codes: 0 ok, 1 internal error, 2 usage, 3 input, 4 validation, 5 output, 6 --strict warnings, 7 breaking changes.');
  return lines.join('\n');
}
