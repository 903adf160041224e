/**
 * Bounded matching of schema `pattern`s. Patterns are untrusted schema text and Proxmox writes them
 * for Perl's backtracking engine, so one crafted (or merely unlucky) pattern could make a
 * backtracking engine run for minutes on a short value. They are run here only through RE2JS, a
 * linear-time engine (time grows with pattern size times value length, never exponentially), in
 * the browser as in Node. This is the one place in the checker that runs a schema regex.
 *
 * The server tests `$value =~ m/^$pattern$/`; Perl's `$` also matches before a final newline, so a
 * value ending in "\n" is tried without it too. Translation from Perl to RE2 syntax:
 * - `(?^:X)` / `(?^i:X)` (Perl's stringified groups) -> `(?:X)` / `(?i:X)`;
 * - `{,n}` -> `{0,n}` (Perl 5.34+ reads it as a quantifier; RE2 would take it literally);
 * - atomic groups `(?>X)` -> `(?:X)` and possessive `X*+` / `X++` / `X?+` -> greedy: in a full
 *   match these can only accept more values, never fewer;
 * - repeat counts above RE2's limit of 1000 become open-ended (`{m,}`), also only accepting more.
 * Patterns RE2 cannot express at all (look-around, back-references) are reported as unsupported;
 * callers then skip the pattern check rather than guess. `exact` says whether a translation was
 * lossless, so a caller can tell "the server also accepts this" from "the server may reject it".
 */
import { RE2JS } from 're2js';

export interface PatternMatcher {
  /** Full match, as the server anchors it. */
  test(value: string): boolean;
  /** False when the translation accepts a superset of what Perl accepts (see above). */
  exact: boolean;
}

/** Longer patterns are not compiled at all: RE2's program size grows with the text. */
const MAX_PATTERN_LENGTH = 16_384;
/** RE2's own limit on a counted repetition. */
const MAX_REPEAT = 1000;

const cache = new Map<string, PatternMatcher | null>();

/** A matcher for a Perl pattern, or null when it cannot be run safely and exactly enough. Cached per pattern text. */
export function compilePattern(pattern: string): PatternMatcher | null {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const matcher = build(pattern);
  // Schemas repeat a few dozen patterns many times; the cache stays small.
  if (cache.size < 4096) cache.set(pattern, matcher);
  return matcher;
}

function build(pattern: string): PatternMatcher | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  const translated = translate(pattern);
  if (translated === null) return null;
  let re: RE2JS;
  try {
    re = RE2JS.compile(`^(?:${translated.source})$`);
  } catch {
    return null;
  }
  return {
    exact: translated.exact,
    test: (value) => re.matches(value) || (value.endsWith('\n') && re.matches(value.slice(0, -1))),
  };
}

/** Perl syntax -> RE2 syntax, one pass over the text (escapes and classes copied as they are). */
export function translate(src: string): { source: string; exact: boolean } | null {
  let out = '';
  let exact = true;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined) return null;
      // \Z (end or before final newline) has no RE2 spelling; the anchoring already allows a final newline.
      if (next === 'Z' && !inClass) {
        out += '(?:\\n?\\z)';
        i++;
        continue;
      }
      out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A leading ] (or ^]) is a literal inside the class.
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += src[++i];
      continue;
    }
    if (c === '(' && src.startsWith('(?^', i)) {
      const m = /^\(\?\^([a-z]*):/.exec(src.slice(i, i + 12));
      if (!m) return null;
      const flags = m[1]!;
      if (/[^imsx]/.test(flags) || flags.includes('x')) return null;
      out += flags === '' ? '(?:' : `(?${flags}:`;
      i += m[0].length - 1;
      continue;
    }
    if (c === '(' && src.startsWith('(?>', i)) {
      out += '(?:';
      exact = false;
      i += 2;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d*),?(\d*)\}/.exec(src.slice(i, i + 24));
      if (m && (m[1] !== '' || m[2] !== '')) {
        const whole = m[0];
        const min = m[1] === '' ? 0 : Number(m[1]);
        const hasComma = whole.includes(',');
        const max = hasComma ? (m[2] === '' ? null : Number(m[2])) : min;
        if (min > MAX_REPEAT || (max !== null && max > MAX_REPEAT)) {
          out += `{${Math.min(min, MAX_REPEAT)},}`;
          exact = false;
        } else {
          out += hasComma ? `{${min},${max ?? ''}}` : `{${min}}`;
        }
        i += whole.length - 1;
        i = possessive(src, i, () => {
          exact = false;
        });
        continue;
      }
    }
    if (c === '*' || c === '+' || c === '?') {
      out += c;
      i = possessive(src, i, () => {
        exact = false;
      });
      continue;
    }
    out += c;
  }
  return inClass ? null : { source: out, exact };
}

/** Skips a possessive `+` after a quantifier ending at src[i]; `X??` / `X+?` (lazy) stay as they are. */
function possessive(src: string, i: number, lossy: () => void): number {
  if (src[i + 1] === '+') {
    lossy();
    return i + 1;
  }
  return i;
}
