/**
 * A schema pattern as an ECMA-262 regex, for OpenAPI 3.1 / JSON Schema `pattern` (searched
 * anywhere in the value). `ecmaPattern` translates what has an exact equivalent and gives up (null)
 * on anything else, so a pattern in the export is never wrong and never invalid. Both dialects of
 * generator/text/regex/dialect.ts:
 *
 * Perl (PVE, PMG; the server full-matches, `$value =~ m/^$pattern$/`):
 * - `(?^:X)` (Perl's stringified group with default flags) -> `(?:X)`;
 * - `(?^i:X)` / `(?i:X)` -> each letter in X written as `[xX]` (ECMAScript has no inline flags yet);
 * - `{,n}` -> `{0,n}` (Perl 5.34+, as shipped with PVE 8 and 9, reads it as a quantifier);
 * - `\_`, `\-`, `\@` and other escaped punctuation that ECMAScript's `u` mode rejects -> `\xHH`;
 * - a lone `{` or `}` that is no quantifier -> escaped;
 * - the result is anchored as the server anchors it: `^(?:...)$`.
 * Unknown escapes (`\A`, `\z`, `\h`, `\Q`...), POSIX classes, other inline flags and anything
 * ECMAScript rejects (checked with and without the `u` flag) yield null.
 *
 * Rust (PBS; the server searches, `Regex::is_match`, as JSON Schema does): not anchored; the same
 * escapes and case folding as above, plus `(?P<name>` -> `(?<name>`, `\A` / `\z` -> `^` / `$`,
 * `\u{HH}` -> `\xHH`, POSIX classes (`[[:cntrl:]]`, `[^\s[:cntrl:]]`, `[[:^cntrl:]]`) spelled as
 * their ASCII ranges, `.` as `[^\n]` (`[\s\S]` under `s`), and under `(?m)` the anchors `^` / `$`
 * as `(?<![^\n])` / `(?![^\n])` (Rust's lines end at `\n` only). Flags other than `i`, `m`, `s`
 * and what generator/text/regex/dialect.ts calls Rust-only syntax yield null.
 *
 * `\d`, `\w`, `\s` and `\b` keep ECMAScript's meaning in both dialects: ASCII digits and word
 * characters, where Perl and Rust also accept other Unicode digits and letters.
 */
import { type PatternSyntax, rustOnlySyntax } from './dialect.js';
import { posixRanges } from './posix.js';

/** ECMAScript syntax characters that may be escaped in `u` mode. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

export function ecmaPattern(pattern: string, syntax: PatternSyntax = 'perl'): string | null {
  if (syntax === 'opaque' || (syntax === 'rust' && rustOnlySyntax(pattern))) return null;
  const body = translate(pattern, syntax === 'rust');
  if (body === null) return null;
  const result = syntax === 'rust' ? body : `^(?:${body})$`;
  try {
    new RegExp(result, 'u');
    new RegExp(result);
  } catch {
    return null;
  }
  return result;
}

function hex(ch: string): string | null {
  const code = ch.codePointAt(0) as number;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return null;
}

function bothCases(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower !== upper && lower.length === 1 && upper.length === 1 ? lower + upper : ch;
}

interface Escape {
  /** ECMAScript text of the escape. */
  text: string;
  /** Characters of the source consumed. */
  length: number;
  /** The one character it stands for, or null for a class (`\d`) or an assertion (`\b`). */
  char: string | null;
}

const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/** Translates one escape sequence starting at src[i] === '\\', or null when there is no exact equivalent. */
function escapeSequence(src: string, i: number, inClass: boolean, rust: boolean): Escape | null {
  const d = src[i + 1];
  if (d === undefined) return null;
  if (/[dDwWsS]/.test(d)) return { text: `\\${d}`, length: 2, char: null };
  if (d === 'b' && inClass) return { text: '\\x08', length: 2, char: '\b' };
  if (/[bB]/.test(d)) return inClass ? null : { text: `\\${d}`, length: 2, char: null };
  if (rust && !inClass && (d === 'A' || d === 'z')) return { text: d === 'A' ? '^' : '$', length: 2, char: null };
  if (rust && d === '0') return null;
  if (d in CONTROL) return /[0-9]/.test(src[i + 2] ?? '') ? null : { text: `\\${d}`, length: 2, char: CONTROL[d] as string };
  if (/[1-9]/.test(d)) return inClass || rust ? null : { text: `\\${d}`, length: 2, char: null };
  const code = codeEscape(src, i, rust);
  if (code !== undefined) {
    if (code === null) return null;
    const ch = String.fromCodePoint(code.value);
    const text = hex(ch);
    return text === null ? null : { text, length: code.length, char: ch };
  }
  if (/[A-Za-z0-9]/.test(d)) return null;
  if (SYNTAX.has(d) || (d === '-' && inClass)) return { text: `\\${d}`, length: 2, char: d };
  const text = hex(d);
  return text === null ? null : { text, length: 2, char: d };
}

/**
 * A character given by its code: `\xHH`, `\x{H...}` (both dialects), `\uHHHH`, `\u{H...}`,
 * `\UHHHHHHHH`, `\U{H...}` (Rust); undefined when the escape is none of these, null when malformed.
 */
function codeEscape(src: string, i: number, rust: boolean): { value: number; length: number } | null | undefined {
  const d = src[i + 1] as string;
  if (d !== 'x' && !(rust && (d === 'u' || d === 'U'))) return undefined;
  const width = d === 'x' ? 2 : d === 'u' ? 4 : 8;
  const rest = src.slice(i + 2, i + 12);
  const m = /^\{([0-9a-fA-F]{1,8})\}/.exec(rest) ?? new RegExp(`^[0-9a-fA-F]{${width}}`).exec(rest);
  if (!m) return null;
  const value = Number.parseInt(m[1] ?? m[0], 16);
  return value > 0x10ffff ? null : { value, length: 2 + m[0].length };
}

/** A letter as `[xX]` (for /i); anything else as `otherwise`. */
function caseClass(ch: string, otherwise: string): string {
  const both = bothCases(ch);
  return both.length > 1 ? `[${both}]` : otherwise;
}

/** Inline flags in force: i (case-insensitive), m (multi-line anchors, Rust), s (`.` matches `\n`, Rust). */
interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

function translate(src: string, rust: boolean): string | null {
  let out = '';
  const groups: Flags[] = [];
  let flags: Flags = { i: false, m: false, s: false };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\') {
      const e = escapeSequence(src, i, false, rust);
      if (!e) return null;
      out += flags.i && e.char !== null ? caseClass(e.char, e.text) : e.text;
      i += e.length;
      continue;
    }
    if (c === '[') {
      const cls = translateClass(src, i, flags.i, rust);
      if (!cls) return null;
      out += cls[0];
      i += cls[1];
      continue;
    }
    if (c === '(') {
      const opened = rust ? rustGroup(src, i, flags) : perlGroup(src, i, flags);
      if (opened === null) return null;
      if (opened.scoped) groups.push(flags);
      flags = opened.flags;
      out += opened.text;
      i += opened.length;
      continue;
    }
    if (c === ')') {
      const outer = groups.pop();
      if (outer === undefined) return null;
      flags = outer;
      out += ')';
      i++;
      continue;
    }
    if (c === '{') {
      const q = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i));
      if (q && (q[1] !== '' || (!rust && q[2] === ',' && q[3] !== ''))) {
        out += q[1] === '' ? `{0,${q[3]}}` : q[0];
        i += q[0].length;
        continue;
      }
      if (rust) return null;
      out += '\\{';
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
      continue;
    }
    if (rust && c === '.') out += flags.s ? '[\\s\\S]' : '[^\\n]';
    else if (rust && flags.m && c === '^') out += '(?<![^\\n])';
    else if (rust && flags.m && c === '$') out += '(?![^\\n])';
    else out += flags.i ? caseClass(c, c) : c;
    i += c.length;
  }
  return groups.length === 0 ? out : null;
}

interface Opened {
  /** ECMAScript text that opens the group (empty for a flag change in place). */
  text: string;
  /** Characters of the source consumed. */
  length: number;
  /** Flags inside the group (or, unscoped, from here to the end of the enclosing group). */
  flags: Flags;
  /** A group that a `)` closes; false for Rust's `(?flags)`, which applies in place. */
  scoped: boolean;
}

/** A Perl group opening: `(`, `(?:`, look-around, a named group, or a flag group `(?^i:` / `(?i:`. */
function perlGroup(src: string, i: number, flags: Flags): Opened | null {
  const flagged = /^\(\?\^?([a-z]*)(?:-[a-z]*)?:/.exec(src.slice(i));
  if (flagged && (src.startsWith('(?^', i) || flagged[1] !== '')) {
    const letters = flagged[1] ?? '';
    // `u` (Unicode rules) is harmless: the ECMAScript pattern is Unicode-aware too.
    if (!/^[iu]*$/.test(letters) || flagged[0].includes('-')) return null;
    // `^` resets to Perl's defaults (no i), plain `(?i:` adds i.
    const ci = letters.includes('i') || (!src.startsWith('(?^', i) && flags.i);
    return { text: '(?:', length: flagged[0].length, flags: { ...flags, i: ci }, scoped: true };
  }
  const lead = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(src.slice(i));
  if (src.startsWith('(?', i) && !lead) return null;
  return { text: lead ? lead[0] : '(', length: lead ? lead[0].length : 1, flags, scoped: true };
}

/** A Rust group opening: `(`, `(?:`, `(?P<name>` / `(?<name>`, or flags `(?ims-ims)` / `(?ims-ims:`. */
function rustGroup(src: string, i: number, flags: Flags): Opened | null {
  if (!src.startsWith('(?', i)) return { text: '(', length: 1, flags, scoped: true };
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i));
  if (named) return { text: `(?<${named[1] ?? ''}>`, length: named[0].length, flags, scoped: true };
  const set = /^\(\?([ims]*)(?:-([ims]*))?([:)])/.exec(src.slice(i, i + 16));
  if (!set) return null;
  const next = { ...flags };
  for (const f of set[1] ?? '') next[f as keyof Flags] = true;
  for (const f of set[2] ?? '') next[f as keyof Flags] = false;
  const scoped = set[3] === ':';
  return { text: scoped ? '(?:' : '', length: set[0].length, flags: next, scoped };
}

/** The ranges of a POSIX class as class text; under /i only the classes that hold both cases. */
function posixText(name: string, ci: boolean): string | null {
  const ranges = posixRanges(name);
  if (ranges === undefined || (ci && (name === 'lower' || name === 'upper'))) return null;
  return ranges.map(([lo, hi]) => (lo === hi ? hexCode(lo) : `${hexCode(lo)}-${hexCode(hi)}`)).join('');
}

function hexCode(code: number): string {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/** One member of a bracket class: its ECMAScript text and the character it stands for (null: `\d` etc.). */
function classAtom(src: string, i: number, ci: boolean, rust: boolean): Escape | null {
  const c = src[i] as string;
  if (c === '\\') return escapeSequence(src, i, true, rust);
  if (c === '[' && /^\[[:.=]/.test(src.slice(i))) {
    // POSIX classes: Rust's (ASCII) are spelled out; Perl's are not translated.
    const posix = rust ? /^\[:([a-z]+):\]/.exec(src.slice(i, i + 16)) : null;
    const text = posix ? posixText(posix[1] ?? '', ci) : null;
    return posix && text !== null ? { text, length: posix[0].length, char: null } : null;
  }
  // `[`, `]` and `-` escaped: `u` mode rejects a bare `-` next to a class escape (`[\w-.]`).
  return { text: c === '[' || c === ']' || c === '-' ? `\\${c}` : c, length: 1, char: c };
}

/** The other-case ranges of the ASCII letters inside lo..hi, or null when the range holds other letters. */
function caseRanges(lo: number, hi: number): string[] | null {
  if (hi > 0x7f) return null;
  const out: string[] = [];
  const add = (first: number, last: number, delta: number): void => {
    const s = Math.max(lo, first);
    const e = Math.min(hi, last);
    if (s <= e) out.push(`${String.fromCharCode(s + delta)}-${String.fromCharCode(e + delta)}`);
  };
  add(0x41, 0x5a, 0x20);
  add(0x61, 0x7a, -0x20);
  return out;
}

/** Translates a bracket class starting at src[start] === '['; returns [text, length] or null. */
function translateClass(src: string, start: number, ci: boolean, rust: boolean): [string, number] | null {
  // Rust's `[[:^name:]]`, a negated POSIX class alone, is the negated class of its ranges.
  const negated = rust ? /^\[\[:\^([a-z]+):\]\]/.exec(src.slice(start, start + 20)) : null;
  if (negated) {
    const text = posixText(negated[1] ?? '', ci);
    return text === null ? null : [`[^${text}]`, negated[0].length];
  }
  let i = start + 1;
  let out = '[';
  if (src[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  const extra: string[] = [];
  while (i < src.length) {
    if (src[i] === ']' && !first) return [out + extra.join('') + ']', i + 1 - start];
    first = false;
    const atom = classAtom(src, i, ci, rust);
    if (!atom) return null;
    i += atom.length;
    // A range x-y (not x-] and not after a class escape such as \w, where `-` is literal).
    if (atom.char !== null && src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      const end = classAtom(src, i + 1, ci, rust);
      if (!end || end.char === null) return null;
      const lo = atom.char.codePointAt(0) as number;
      const hi = end.char.codePointAt(0) as number;
      if (lo > hi) return null;
      out += `${atom.text}-${end.text}`;
      i += 1 + end.length;
      if (ci) {
        const ranges = caseRanges(lo, hi);
        if (ranges === null) return null;
        extra.push(...ranges);
      }
      continue;
    }
    out += ci && atom.char !== null ? bothCasesEscaped(atom.char, atom.text) : atom.text;
  }
  return null;
}

/** A class member and, for a letter under /i, its other case. */
function bothCasesEscaped(ch: string, text: string): string {
  const both = bothCases(ch);
  return both.length > 1 ? both : text;
}
