/**
 * The one place a schema `pattern` is ever run. Schema text is untrusted: a 9-character pattern
 * such as `(.*){80}z` makes a backtracking engine (JavaScript's RegExp) run for ever on a short
 * value. Patterns therefore run on RE2 (the `re2js` port, pure JavaScript), which matches in
 * time linear in the value, whatever the pattern. What RE2 cannot express (backreferences,
 * look-around, possessive quantifiers, Perl-only escapes, Rust's class set operations) is
 * 'unsupported' rather than guessed: callers then treat the value as unchecked.
 *
 * Each dialect is applied as its server applies it (see generator/text/regex/dialect.ts): a Perl
 * pattern as a full match, `m/^$pattern$/`, where `$` also matches before a final newline; a Rust
 * pattern (PBS) as `Regex::is_match`, a search. The translation to RE2 is generator/text/regex/re2.ts.
 */
import { RE2JS } from 're2js';
import type { PatternSyntax } from './regex/dialect.js';
import { toRe2 } from './regex/re2.js';

/** Longer patterns are not compiled: no real one comes close (the longest in PVE 9.1 is ~1.2 KB). */
export const MAX_PATTERN_LENGTH = 16_384;
/** Longer values are not tested: every value we test is a short example or a user's input. */
const MAX_VALUE_LENGTH = 65_536;

type Compiled = { re: RE2JS; exactUpTo: number; search: boolean } | 'unsupported';

const compiled = new Map<string, Compiled>();
const answers = new Map<string, Map<string, boolean>>();

/**
 * Whether the server would accept `value` by `pattern` (read in `syntax`, Perl by default), or
 * 'unsupported' when the pattern cannot be run safely and exactly. Bounded: linear in the value.
 */
export function testPattern(pattern: string, value: string, syntax: PatternSyntax = 'perl'): boolean | 'unsupported' {
  const re = compile(pattern, syntax);
  if (re === 'unsupported' || value.length > Math.min(MAX_VALUE_LENGTH, re.exactUpTo)) return 'unsupported';
  // Schemas repeat a few patterns on many parameters, and callers test the same few values.
  const key = `${syntax}:${pattern}`;
  let known = answers.get(key);
  if (known === undefined) {
    known = new Map();
    answers.set(key, known);
  }
  let ok = known.get(value);
  if (ok === undefined) {
    if (re.search) ok = re.re.matcher(value).find();
    else ok = re.re.matches(value) || (value.endsWith('\n') && re.re.matches(value.slice(0, -1)));
    if (known.size < 1024) known.set(value, ok);
  }
  return ok;
}

/** Whether `pattern` can be run by testPattern (it compiles on RE2 and is within the size limit). */
export function isSupportedPattern(pattern: string, syntax: PatternSyntax = 'perl'): boolean {
  return compile(pattern, syntax) !== 'unsupported';
}

function compile(pattern: string, syntax: PatternSyntax): Compiled {
  const key = `${syntax}:${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = 'unsupported';
    const translated = pattern.length <= MAX_PATTERN_LENGTH ? toRe2(pattern, syntax) : null;
    if (translated !== null) {
      try {
        re = { re: RE2JS.compile(translated.source), exactUpTo: translated.exactUpTo, search: syntax === 'rust' };
      } catch {
        re = 'unsupported';
      }
    }
    compiled.set(key, re);
  }
  return re;
}
