/**
 * A schema pattern as RE2 source (the linear-time engine generator/text/pattern.ts runs). Both
 * dialects are close to RE2: Perl needs its stringified flag groups and `{,n}` rewritten, Rust only
 * its `\u` escapes; repetition bounds above RE2's limit are relaxed in both (see exactUpTo).
 * Inside a bracket class all of these are literal text and left alone. Returns null for what RE2
 * cannot do exactly (the caller then leaves values unchecked).
 */
import { endsClass, type PatternSyntax, rustOnlySyntax } from './dialect.js';
import { posixClassAt } from './posix.js';

/** RE2 refuses counted repetitions above this (the C++ and Go engines have the same limit). */
const RE2_MAX_REPEAT = 1000;

export interface Re2Pattern {
  source: string;
  /**
   * Values up to this length are answered exactly. A repetition bound above RE2's limit is
   * relaxed to "unbounded": each repetition of a non-empty piece uses at least one character, so
   * `X{0,n}` and `X{0,}` agree on every value of at most n characters.
   */
  exactUpTo: number;
}

/**
 * Perl spellings RE2 reads differently: `(?^flags:` (flags reset to the defaults, then `flags`)
 * becomes `(?flags-others:`; `{,n}` (a quantifier since Perl 5.34, shipped with PVE 8 and 9)
 * becomes `{0,n}`. Rust spellings: `\u{7F}`, `\u007F`, `\U{7F}`, `\U0000007F` become `\x{7F}`.
 */
export function toRe2(pattern: string, syntax: PatternSyntax = 'perl'): Re2Pattern | null {
  if (syntax === 'opaque' || (syntax === 'rust' && rustOnlySyntax(pattern))) return null;
  const perl = syntax === 'perl';
  let out = '';
  let exactUpTo = Number.POSITIVE_INFINITY;
  let inClass = false;
  let classStart = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const unicode = perl
        ? null
        : /^\\(?:u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|U\{([0-9A-Fa-f]{1,8})\}|U([0-9A-Fa-f]{8}))/.exec(pattern.slice(i, i + 12));
      if (unicode) {
        out += `\\x{${unicode.slice(1).find((g) => g !== undefined) ?? ''}}`;
        i += unicode[0].length - 1;
        continue;
      }
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      // A POSIX class ([:alpha:]) inside a bracket class does not end it.
      const posix = posixClassAt(pattern, i);
      if (posix) {
        out += posix[0];
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']' && endsClass(pattern, i, classStart)) inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = i;
      out += c;
      continue;
    }
    const reset = perl ? /^\(\?\^([a-z]*):/.exec(pattern.slice(i, i + 16)) : null;
    if (reset) {
      // `u` (Unicode rules) is what RE2 does anyway; `x` (free spacing) and the rest RE2 lacks.
      const flags = (reset[1] ?? '').replace(/u/g, '');
      if (!/^[ims]*$/.test(flags)) return null;
      const cleared = [...'ims'].filter((f) => !flags.includes(f)).join('');
      out += `(?${flags}${cleared === '' ? '' : `-${cleared}`}:`;
      i += reset[0].length - 1;
      continue;
    }
    const counted = /^\{(\d*),?(\d*)\}/.exec(pattern.slice(i, i + 32));
    if (counted && (counted[1] !== '' || (perl && counted[2] !== ''))) {
      const min = counted[1] === '' ? 0 : Number(counted[1]);
      const hasComma = counted[0].includes(',');
      const max = hasComma ? (counted[2] === '' ? undefined : Number(counted[2])) : min;
      if (min > RE2_MAX_REPEAT) return null;
      if (max !== undefined && max > RE2_MAX_REPEAT) {
        exactUpTo = Math.min(exactUpTo, max);
        out += `{${min},}`;
      } else out += max === undefined ? `{${min},}` : max === min && !hasComma ? `{${min}}` : `{${min},${max}}`;
      i += counted[0].length - 1;
      continue;
    }
    out += c;
  }
  return { source: out, exactUpTo };
}
