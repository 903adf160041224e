/**
 * Command-line entry: parse arguments, run the command, turn errors into one line and an exit
 * code. Stack traces only with --verbose: users need the cause and the place, not our internals.
 */
import { ApidocError, EXIT, ValidationError } from '../errors.js';
import { createLogger } from '../log.js';
import { helpText, parseArgs, type ParsedArgs } from './options.js';
import { runBuild } from './build-command.js';

export async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs | undefined;
  const verbose = argv.includes('--verbose');
  try {
    args = parseArgs(argv);
    if (args.command === 'help' || args.options['help']) {
      process.stdout.write(helpText(args.command) + '\n');
      return EXIT.ok;
    }
    const log = createLogger({ quiet: args.options['quiet'] === true });
    switch (args.command) {
      case 'build':
        return await runBuild(args, log);
      default:
        process.stdout.write(helpText() + '\n');
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof ApidocError) {
      process.stderr.write(`pve-apidoc: ${error.message}\n`);
      if (verbose && error instanceof ValidationError) {
        for (const v of error.violations) process.stderr.write(`  ${error.source}:${v.pointer || '/'} - ${v.message}\n`);
      }
      if (verbose && error.stack) process.stderr.write(error.stack + '\n');
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`pve-apidoc: internal error: ${message}${verbose ? '' : ' (run with --verbose for details)'}\n`);
    if (verbose && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
    return EXIT.internal;
  }
}
