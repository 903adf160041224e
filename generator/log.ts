/**
 * The logger passed through the pipeline (no global): counts warnings so `--strict` can fail on
 * them, prints `source:pointer - message` lines, and keeps a copy for the `--json` summary.
 * Colour and the progress line appear only on a terminal: piped output and CI logs stay plain,
 * and NO_COLOR (https://no-color.org) turns colour off everywhere.
 */

import { printable } from './text/printable.js';
export interface Logger {
  warn(message: string): void;
  info(message: string): void;
  /** One rewritable status line for long phases ("" clears it); a no-op unless stderr is a terminal. */
  progress?(text: string): void;
  readonly warnings: readonly string[];
}

export interface LoggerOptions {
  quiet?: boolean;
  /** Where lines go; stderr by default so stdout stays clean for --json and piping. */
  write?: (line: string) => void;
  /** Colour the "warning:" prefix (default: stderr is a terminal and NO_COLOR is not set). */
  color?: boolean;
  /** Show a progress line (default: stderr is a terminal and not quiet). */
  progress?: boolean;
}

export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** True when `stream` is a terminal and colour is not switched off (NO_COLOR set to anything but "", TERM=dumb). */
export function colorEnabled(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

export function palette(enabled: boolean): Palette {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const warnings: string[] = [];
  const custom = options.write !== undefined;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const colors = palette(options.color ?? (!custom && colorEnabled()));
  const showProgress = options.progress ?? (!custom && !options.quiet && process.stderr.isTTY === true);
  let progressShown = false;
  // "\r" + erase line: the status line is overwritten in place and removed before any real line.
  const clearProgress = (): void => {
    if (progressShown) process.stderr.write('\r\x1b[2K');
    progressShown = false;
  };
  return {
    warnings,
    warn(message) {
      warnings.push(message);
      clearProgress();
      write(`${colors.yellow('warning:')} ${printable(message)}`);
    },
    info(message) {
      if (options.quiet) return;
      clearProgress();
      write(message);
    },
    progress(text) {
      if (!showProgress) return;
      if (text === '') return clearProgress();
      const width = (process.stderr.columns || 80) - 1;
      process.stderr.write(`\r\x1b[2K${colors.dim(text.length > width ? text.slice(0, width) : text)}`);
      progressShown = true;
    },
  };
}

/** A logger that records but prints nothing (tests, library use). */
export function silentLogger(): Logger {
  return createLogger({ quiet: true, write: () => {} });
}
