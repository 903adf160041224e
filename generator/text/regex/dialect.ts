/**
 * The regex dialects of Proxmox schemas, and how a schema's `pattern` text is read.
 *
 * - `perl` (PVE, PMG): a Perl regex, possibly stringified as `(?^:X)`; the server applies it as
 *   a full match, `$value =~ m/^$pattern$/` (PVE::JSONSchema), where `$` also matches before a
 *   final newline.
 * - `rust` (PBS): proxmox-schema dumps each `ApiStringFormat::Pattern` as a JavaScript-style
 *   literal, `/X/`, whose body X is Rust `regex` crate syntax; the server applies it with
 *   `Regex::is_match`, a search: the pattern anchors itself (`^...$`) or matches anywhere.
 * - `opaque`: a literal whose flags we cannot honour; shown as written and never run.
 *
 * The model keeps the bare regex (`^(?:...)$`, without the slashes) and its syntax: that is what a
 * reader of a PBS page expects (the server's own regex, as the Rust source writes it), what the
 * OpenAPI export translates, and what the checker runs (generator/text/pattern.ts).
 */
import { posixClassAt } from './posix.js';

export type PatternSyntax = 'perl' | 'rust' | 'opaque';

export interface SchemaPattern {
  /** The regex as shown and run: Perl text as given, or the body of a PBS literal. */
  pattern: string;
  syntax: PatternSyntax;
}

/** How the schema writes patterns: Perl text (PVE, PMG) or `/body/flags` literals (PBS). */
export type PatternNotation = 'perl' | 'js-literal';

/**
 * Reads one schema pattern. A literal's flags `i`, `m` and `s` become a leading inline group
 * `(?ims)` (the same meaning in Rust); `g` and `u` change nothing about whether a value matches
 * (Rust regexes are Unicode-aware anyway); any other flag makes the pattern opaque. Text that is no
 * literal in a literal-writing schema is taken as a bare Rust regex.
 */
export function schemaPattern(text: string, notation: PatternNotation): SchemaPattern {
  if (notation === 'perl') return { pattern: text, syntax: 'perl' };
  const literal = /^\/([\s\S]*)\/([a-z]*)$/.exec(text);
  if (!literal) return { pattern: text, syntax: 'rust' };
  const body = literal[1] ?? '';
  const flags = literal[2] ?? '';
  if (!/^[gimsu]*$/.test(flags)) return { pattern: text, syntax: 'opaque' };
  const inline = [...'ims'].filter((f) => flags.includes(f)).join('');
  return { pattern: inline === '' ? body : `(?${inline})${body}`, syntax: 'rust' };
}

/**
 * Whether the `]` at pattern[i] ends the bracket class opened at pattern[classStart]: a `]` right
 * after `[` or `[^` is a member, not the end. One rule for every reader of patterns.
 */
export function endsClass(pattern: string, i: number, classStart: number): boolean {
  return i > classStart + 1 && !(i === classStart + 2 && pattern[classStart + 1] === '^');
}

/**
 * Rust `regex` syntax that neither RE2 nor ECMAScript reads the same way, so a Rust pattern using
 * it is not translated at all: nested classes and class set operations (`[a-z&&[^x]]`, `--`, `~~`),
 * the word-boundary assertions `\<`, `\>`, `\b{...}`, and the flags `x` (free spacing), `U` (swap
 * greed), `R` (CRLF mode) and `u` (Unicode switch).
 */
export function rustOnlySyntax(pattern: string): boolean {
  let inClass = false;
  let classStart = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === '<' || d === '>' || ((d === 'b' || d === 'B') && pattern[i + 2] === '{')) return true;
      i++;
      continue;
    }
    if (inClass) {
      const posix = posixClassAt(pattern, i);
      if (posix) {
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']' && endsClass(pattern, i, classStart)) inClass = false;
      else if (c === '[') return true;
      else if ((c === '&' || c === '-' || c === '~') && pattern[i + 1] === c) return true;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const flags = /^\(\?([a-zA-Z-]*)[:)]/.exec(pattern.slice(i, i + 16));
      if (flags && /[xURu]/.test(flags[1] ?? '')) return true;
    }
  }
  return false;
}
