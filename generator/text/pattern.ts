/**
 * The one place a schema `pattern` is ever run. Schema text is untrusted: a 9-character pattern
 * such as `(.*){80}z` makes a backtracking engine (JavaScript's RegExp) run for ever on a short
 * value. Patterns therefore run on RE2 (the `re2js` port, pure JavaScript), which matches in
 * time linear in the value, whatever the pattern. What RE2 cannot express (backreferences,
 * look-around, possessive quantifiers, Perl-only escapes) is 'unsupported' rather than guessed:
 * callers then treat the value as unchecked.
 *
 * Proxmox applies a pattern as a full match of a Perl regex (`$value =~ m/^$pattern$/`), and the
 * dumps stringify compiled regexes as `(?^:X)` / `(?^i:X)`. The translation below handles exactly
 * those Perl spellings that RE2 reads differently; everything else is handed to RE2 as written.
 */
import { RE2JS } from 're2js';

/** Longer patterns are not compiled: no real one comes close (the longest in PVE 9.1 is ~1.2 KB). */
export const MAX_PATTERN_LENGTH = 16_384;
/** Longer values are not tested: every value we test is a short example or a user's input. */
export const MAX_VALUE_LENGTH = 65_536;

type Compiled = { re: RE2JS; exactUpTo: number } | 'unsupported';

const compiled = new Map<string, Compiled>();
const answers = new Map<string, Map<string, boolean>>();

/**
 * Whether `value` matches the whole of `pattern` (Perl semantics, as the Proxmox server checks),
 * or 'unsupported' when the pattern cannot be run safely and exactly. Bounded: linear in the value.
 */
export function testPattern(pattern: string, value: string): boolean | 'unsupported' {
  const re = compile(pattern);
  if (re === 'unsupported' || value.length > Math.min(MAX_VALUE_LENGTH, re.exactUpTo)) return 'unsupported';
  // Schemas repeat a few patterns on many parameters, and callers test the same few values.
  let known = answers.get(pattern);
  if (known === undefined) {
    known = new Map();
    answers.set(pattern, known);
  }
  let ok = known.get(value);
  if (ok === undefined) {
    ok = re.re.matches(value);
    if (known.size < 1024) known.set(value, ok);
  }
  return ok;
}

/** Whether `pattern` can be run by testPattern (it compiles on RE2 and is within the size limit). */
export function isSupportedPattern(pattern: string): boolean {
  return compile(pattern) !== 'unsupported';
}

function compile(pattern: string): Compiled {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = 'unsupported';
    const translated = pattern.length <= MAX_PATTERN_LENGTH ? toRe2(pattern) : null;
    if (translated !== null) {
      try {
        re = { re: RE2JS.compile(translated.source), exactUpTo: translated.exactUpTo };
      } catch {
        re = 'unsupported';
      }
    }
    compiled.set(pattern, re);
  }
  return re;
}

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
 * becomes `{0,n}`; upper bounds above 1000 are relaxed (see exactUpTo). Inside a bracket class
 * all of these are literal text and left alone. Returns null for what RE2 cannot do exactly.
 */
export function toRe2(pattern: string): Re2Pattern | null {
  let out = '';
  let exactUpTo = Number.POSITIVE_INFINITY;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      // A `]` right after `[` or `[^` is a member, not the end.
      if (c === ']' && pattern[i - 1] !== '[' && !(pattern[i - 1] === '^' && pattern[i - 2] === '[')) inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    const reset = /^\(\?\^([a-z]*):/.exec(pattern.slice(i, i + 16));
    if (reset) {
      // `u` (Unicode rules) is what RE2 does anyway; `x` (free spacing) and the rest RE2 lacks.
      const flags = reset[1]!.replace(/u/g, '');
      if (!/^[ims]*$/.test(flags)) return null;
      const cleared = [...'ims'].filter((f) => !flags.includes(f)).join('');
      out += `(?${flags}${cleared === '' ? '' : `-${cleared}`}:`;
      i += reset[0].length - 1;
      continue;
    }
    const counted = /^\{(\d*),?(\d*)\}/.exec(pattern.slice(i, i + 32));
    if (counted && (counted[1] !== '' || counted[2] !== '')) {
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
