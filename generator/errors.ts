/**
 * Named errors, one class per failure kind, each with its own process exit code so scripts and CI
 * can tell a typo in a flag from a broken schema from a full disk. Every error names where it
 * happened: the source (file or URL) and, for input problems, the JSON pointer inside it.
 */

export const EXIT = {
  ok: 0,
  /** Unexpected internal failure (a bug): the only case that prints a stack trace by default. */
  internal: 1,
  usage: 2,
  input: 3,
  validation: 4,
  output: 5,
  /** The build succeeded but --strict turned warnings into a failure. */
  strict: 6,
  /** diff --fail-on breaking found breaking changes. */
  breaking: 7,
  /** check: at least one call would be rejected by the server. */
  invalidCall: 8,
  /** A user template (--templates) is missing, overrides nothing, or does not parse or render. */
  template: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export abstract class ApidocError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad command line or config: unknown flag, missing value. */
export class UsageError extends ApidocError {
  readonly exitCode = EXIT.usage;
}

/**
 * An error that names where it happened, as `where:at - detail`: a source and a JSON pointer, a
 * template file and a line. `at` is left out when it is not known.
 */
abstract class LocatedError extends ApidocError {
  constructor(
    readonly where: string,
    readonly at: string | number | null,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${where}${at === null ? '' : `:${at}`} - ${detail}`, options);
  }
}

/** The schema could not be read or parsed: missing file, network failure, not JSON, wrong dialect. */
export class InputError extends LocatedError {
  readonly exitCode = EXIT.input;
  /** `pointer` is a JSON pointer into `source` ('' is the root), or null when the problem is the whole source. */
  constructor(source: string, pointer: string | null, detail: string, options?: { cause?: unknown }) {
    super(source, pointer === null ? null : pointer || '/', detail, options);
  }
}

export interface Violation {
  pointer: string;
  message: string;
}

/** The schema parsed but does not have the Proxmox API shape (all violations, not just the first). */
export class ValidationError extends ApidocError {
  readonly exitCode = EXIT.validation;
  constructor(
    readonly source: string,
    readonly violations: Violation[],
  ) {
    const first = violations[0];
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    super(`${source}:${first ? `${first.pointer || '/'} - ${first.message}` : '/ - invalid'}${more}`);
  }
}

/** Writing the output failed; the previous output is left untouched. */
export class OutputError extends ApidocError {
  readonly exitCode = EXIT.output;
}

/**
 * A template of the --templates folder (or the folder itself) is wrong: named by file and, when
 * Handlebars says, the line; the Handlebars error is kept as the cause.
 */
export class TemplateError extends LocatedError {
  readonly exitCode = EXIT.template;
  constructor(file: string, line: number | null, detail: string, options?: { cause?: unknown }) {
    super(file, line, detail, options);
  }
}

/** Escapes one JSON pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  const text = String(token);
  // Fast path: almost no token contains either character, and this runs for every schema node.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `base` with each token appended, escaped: the one place a JSON pointer is built from keys. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => '/' + pointerToken(t)).join('');
}
