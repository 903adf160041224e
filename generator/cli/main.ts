/**
 * Command-line entry: parse arguments, run the command, turn errors into one line and an exit
 * code. Stack traces only with --verbose: users need the cause and the place, not our internals.
 */
// Messages can quote schema text or server replies: never let them drive the terminal.
import { printable } from '../text/printable.js';
import { ApidocError, EXIT, ValidationError } from '../errors.js';
import { colorEnabled, createLogger, palette, type Logger } from '../log.js';
import { applyConfig } from './apply-config.js';
import { failureSummary } from '../publish/summary.js';
import { helpText, parseArgs, type ParsedArgs } from './args.js';
import { packageVersion } from '../paths.js';

type Runner = (args: ParsedArgs, log: Logger) => Promise<number>;

/**
 * Each command's entry point (help is answered before any of them), imported when that command
 * runs: importing every command cost ~0.5 s at start-up, most of it the MCP SDK and zod, which
 * only `mcp` needs (a build imports ~0.2 s of modules of its own).
 */
const COMMAND_RUNNERS = new Map<string, () => Promise<Runner>>([
  ['build', async () => (await import('./build-command.js')).runBuild],
  ['diff', async () => (await import('./diff-command.js')).runDiff],
  ['openapi', async () => (await import('./openapi-command.js')).runOpenApi],
  ['dev', async () => (await import('./dev-command.js')).runDev],
  ['preview', async () => (await import('./preview-command.js')).runPreview],
  ['check', async () => (await import('./check-command.js')).runCheck],
  ['mcp', async () => (await import('./mcp-command.js')).runMcp],
  ['mock', async () => (await import('./mock-command.js')).runMock],
  ['serve', async () => (await import('./serve-command.js')).runServe],
]);

export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs | undefined;
  const verbose = argv.includes('--verbose');
  let log: Logger | undefined;
  try {
    // `--version` alone (or as the only word after the program name) answers before any parsing.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version')) {
      process.stdout.write(`pve-apidoc ${packageVersion()}\n`);
      return EXIT.ok;
    }
    args = parseArgs(argv);
    if (args.command === 'help' || args.options.flag('help')) {
      process.stdout.write(helpText(args.command) + '\n');
      return EXIT.ok;
    }
    // A config file's values become the defaults of this command's options (flags still win).
    args = await applyConfig(argv, args);
    log = createLogger({ quiet: args.options.flag('quiet'), verbose });
    const runner = COMMAND_RUNNERS.get(args.command);
    if (runner) return await (await runner())(args, log);
    process.stdout.write(helpText() + '\n');
    return EXIT.usage;
  } catch (error) {
    log?.progress?.('');
    // --json: a failed build still prints its summary (ok: false, the error) for the machine reading stdout.
    if (args?.options.flag('json') === true || (args === undefined && argv.includes('--json'))) {
      process.stdout.write(JSON.stringify(failureSummary(args?.command ?? argv[0] ?? '', error, log?.warnings ?? []), null, 2) + '\n');
    }
    const prefix = palette(colorEnabled()).red('pve-apidoc:');
    if (error instanceof ApidocError) {
      process.stderr.write(`${prefix} ${printable(error.message)}\n`);
      if (verbose && error instanceof ValidationError) {
        for (const v of error.violations) process.stderr.write(`  ${printable(`${error.source}:${v.pointer || '/'} - ${v.message}`)}\n`);
      }
      if (verbose && error.stack) process.stderr.write(error.stack + '\n');
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${prefix} internal error: ${printable(message)}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return EXIT.internal;
  }
}
