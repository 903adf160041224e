/**
 * Proxmox `pattern`s are Perl regular expressions, applied by the server as a full match
 * (`$value =~ m/^$pattern$/` in PVE::JSONSchema). OpenAPI 3.1 / JSON Schema want ECMA-262 syntax,
 * searched anywhere in the value. `ecmaPattern` translates what has an exact equivalent and gives up
 * (null) on anything else, so a pattern in the export is never wrong and never invalid:
 * - `(?^:X)` (Perl's stringified group with default flags) -> `(?:X)`;
 * - `(?^i:X)` / `(?i:X)` -> each letter in X written as `[xX]` (ECMAScript has no inline flags yet);
 * - `{,n}` -> `{0,n}` (Perl 5.34+, as shipped with PVE 8 and 9, reads it as a quantifier);
 * - `\_`, `\-`, `\@` and other escaped punctuation that ECMAScript's `u` mode rejects -> `\xHH`;
 * - a lone `{` or `}` that is no quantifier -> escaped;
 * - the result is anchored as the server anchors it: `^(?:...)$`.
 * Unknown escapes (`\A`, `\z`, `\h`, `\Q`...), POSIX classes, other inline flags and anything
 * ECMAScript rejects (checked with and without the `u` flag) yield null.
 */

/** ECMAScript syntax characters that may be escaped in `u` mode. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

export function ecmaPattern(perl: string): string | null {
  const body = translate(perl);
  if (body === null) return null;
  const anchored = `^(?:${body})$`;
  try {
    new RegExp(anchored, 'u');
    new RegExp(anchored);
  } catch {
    return null;
  }
  return anchored;
}

function hex(ch: string): string | null {
  const code = ch.codePointAt(0)!;
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

/** Translates one escape sequence starting at src[i] === '\\', or null when there is no exact equivalent. */
function escapeSequence(src: string, i: number, inClass: boolean): Escape | null {
  const d = src[i + 1];
  if (d === undefined) return null;
  const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
  if (/[dDwWsS]/.test(d)) return { text: `\\${d}`, length: 2, char: null };
  if (d === 'b' && inClass) return { text: '\\x08', length: 2, char: '\b' };
  if (/[bB]/.test(d)) return inClass ? null : { text: `\\${d}`, length: 2, char: null };
  if (d in CONTROL) return /[0-9]/.test(src[i + 2] ?? '') ? null : { text: `\\${d}`, length: 2, char: CONTROL[d]! };
  if (/[1-9]/.test(d)) return inClass ? null : { text: `\\${d}`, length: 2, char: null };
  if (d === 'x') {
    const braced = /^\\x\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i));
    const short = /^\\x([0-9a-fA-F]{2})/.exec(src.slice(i));
    const m = braced ?? short;
    if (!m) return null;
    const ch = String.fromCodePoint(parseInt(m[1]!, 16));
    const text = hex(ch);
    return text === null ? null : { text, length: m[0].length, char: ch };
  }
  if (/[A-Za-z0-9]/.test(d)) return null;
  if (SYNTAX.has(d) || (d === '-' && inClass)) return { text: `\\${d}`, length: 2, char: d };
  const text = hex(d);
  return text === null ? null : { text, length: 2, char: d };
}

/** A letter as `[xX]` (for /i); anything else as `otherwise`. */
function caseClass(ch: string, otherwise: string): string {
  const both = bothCases(ch);
  return both.length > 1 ? `[${both}]` : otherwise;
}

function translate(src: string): string | null {
  let out = '';
  const groups: boolean[] = [];
  let ci = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const e = escapeSequence(src, i, false);
      if (!e) return null;
      out += ci && e.char !== null ? caseClass(e.char, e.text) : e.text;
      i += e.length;
      continue;
    }
    if (c === '[') {
      const cls = translateClass(src, i, ci);
      if (!cls) return null;
      out += cls[0];
      i += cls[1];
      continue;
    }
    if (c === '(') {
      const flagged = /^\(\?\^?([a-z]*)(?:-[a-z]*)?:/.exec(src.slice(i));
      if (flagged && (src.startsWith('(?^', i) || flagged[1] !== '')) {
        const flags = flagged[1]!;
        // `u` (Unicode rules) is harmless: the ECMAScript pattern is Unicode-aware too.
        if (!/^[iu]*$/.test(flags) || flagged[0].includes('-')) return null;
        groups.push(ci);
        // `^` resets to Perl's defaults (no i), plain `(?i:` adds i.
        ci = flags.includes('i') || (!src.startsWith('(?^', i) && ci);
        out += '(?:';
        i += flagged[0].length;
        continue;
      }
      const lead = /^\(\?(?::|=|!|<=|<!|<[A-Za-z][A-Za-z0-9]*>)/.exec(src.slice(i));
      if (src.startsWith('(?', i) && !lead) return null;
      groups.push(ci);
      out += lead ? lead[0] : '(';
      i += lead ? lead[0].length : 1;
      continue;
    }
    if (c === ')') {
      if (groups.length === 0) return null;
      ci = groups.pop()!;
      out += ')';
      i++;
      continue;
    }
    if (c === '{') {
      const q = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i));
      if (q && (q[1] !== '' || (q[2] === ',' && q[3] !== ''))) {
        out += q[1] === '' ? `{0,${q[3]}}` : q[0];
        i += q[0].length;
        continue;
      }
      out += '\\{';
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
      continue;
    }
    out += ci ? caseClass(c, c) : c;
    i += c.length;
  }
  return groups.length === 0 ? out : null;
}

/** One member of a bracket class: its ECMAScript text and the character it stands for (null: `\d` etc.). */
function classAtom(src: string, i: number): Escape | null {
  const c = src[i]!;
  if (c === '\\') return escapeSequence(src, i, true);
  if (c === '[' && /^\[[:.=]/.test(src.slice(i))) return null; // POSIX classes
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
function translateClass(src: string, start: number, ci: boolean): [string, number] | null {
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
    const atom = classAtom(src, i);
    if (!atom) return null;
    i += atom.length;
    // A range x-y (not x-] and not after a class escape such as \w, where `-` is literal).
    if (atom.char !== null && src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      const end = classAtom(src, i + 1);
      if (!end || end.char === null) return null;
      const lo = atom.char.codePointAt(0)!;
      const hi = end.char.codePointAt(0)!;
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
