/**
 * The logger passed through the pipeline (no global): counts warnings so `--strict` can fail on
 * them, prints `source:pointer - message` lines, and keeps a copy for the `--json` summary.
 */

export interface Logger {
  warn(message: string): void;
  info(message: string): void;
  readonly warnings: readonly string[];
}

export interface LoggerOptions {
  quiet?: boolean;
  /** Where lines go; stderr by default so stdout stays clean for --json and piping. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const warnings: string[] = [];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  return {
    warnings,
    warn(message) {
      warnings.push(message);
      write(`warning: ${message}`);
    },
    info(message) {
      if (!options.quiet) write(message);
    },
  };
}

/** A logger that records but prints nothing (tests, library use). */
export function silentLogger(): Logger {
  return createLogger({ quiet: true, write: () => {} });
}
