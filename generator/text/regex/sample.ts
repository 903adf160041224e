/**
 * A short, printable, deterministic value that a schema pattern accepts, for examples when no
 * better value is known (PMG's rule ids `C\d+R\d+T\d+` -> `C1R1T1`). The pattern is parsed from
 * its RE2 form (generator/text/regex/re2.ts, so both dialects share one parser) and never run on a
 * backtracking engine: each candidate is confirmed by testPattern (RE2, linear time) before use.
 *
 * Choices: the first alternative; each repetition as few times as it allows (then once, then three
 * times, when the fewest gives an empty or rejected value); from a class the first of a preferred
 * list (lower-case letters, digits, upper-case letters, then common punctuation). Unknown syntax
 * (Unicode classes, \Q...\E) gives null: the caller keeps looking elsewhere.
 */
import { MAX_PATTERN_LENGTH, testPattern } from '../pattern.js';
import type { PatternSyntax } from './dialect.js';
import { POSIX_CLASSES, posixClassAt, posixRanges } from './posix.js';
import { toRe2 } from './re2.js';

type Node =
  | { t: 'alt'; alts: Node[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'set'; ranges: [number, number][]; negated: boolean }
  | { t: 'lit'; ch: string }
  | { t: 'empty' };

type Mode = 0 | 1 | 3;

/** No example is longer: a pattern that demands more (a 200-character key) gets no sample. */
const MAX_SAMPLE = 256;
/**
 * Deeper group nesting gets no sample: the reader and the generator recurse once per level, and a
 * schema's `((((...))))` thousands deep would otherwise overflow the stack (a RangeError out of
 * the build). Real patterns nest a few levels.
 */
const MAX_NESTING = 64;
const PREFERRED = [...'abcdefghijklmnopqrstuvwxyz1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:@/+=,~'].map((c) => c.charCodeAt(0));

export interface SampleLimits {
  minLength?: number;
  maxLength?: number;
}

export function samplePattern(pattern: string, syntax: PatternSyntax, limits: SampleLimits = {}): string | null {
  // The same size limit as testPattern, which would refuse to confirm a longer one anyway.
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  const re2 = toRe2(pattern, syntax);
  if (re2 === null) return null;
  const tree = parse(re2.source);
  if (tree === null) return null;
  const min = limits.minLength ?? 0;
  const max = Math.min(limits.maxLength ?? MAX_SAMPLE, MAX_SAMPLE);
  for (const mode of [0, 1, 3] as const) {
    const value = generate(tree, mode);
    if (value === null || value === '' || value.length < min || value.length > max) continue;
    if (/[\x00-\x1f\x7f]/.test(value)) continue;
    if (testPattern(pattern, value, syntax) === true) return value;
  }
  return null;
}

function generate(node: Node, mode: Mode): string | null {
  switch (node.t) {
    case 'lit':
      return node.ch;
    case 'empty':
      return '';
    case 'set':
      return pick(node);
    case 'seq': {
      let out = '';
      for (const item of node.items) {
        const part = generate(item, mode);
        if (part === null) return null;
        out += part;
        if (out.length > MAX_SAMPLE) return null;
      }
      return out;
    }
    case 'alt': {
      for (const alt of node.alts) {
        const part = generate(alt, mode);
        if (part !== null) return part;
      }
      return null;
    }
    case 'rep': {
      const count = Math.min(Math.max(node.min, mode), node.max);
      if (count > MAX_SAMPLE) return null;
      const part = generate(node.node, mode);
      return part === null ? null : part.repeat(count);
    }
  }
}

function pick(set: { ranges: [number, number][]; negated: boolean }): string | null {
  const inSet = (code: number): boolean => set.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== set.negated;
  for (const code of PREFERRED) if (inSet(code)) return String.fromCharCode(code);
  for (let code = 0x20; code < 0x7f; code++) if (inSet(code)) return String.fromCharCode(code);
  return null;
}

const { digit: DIGIT, word: WORD, space: SPACE } = POSIX_CLASSES;
const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, a: 7 };

/** The complement of sorted, possibly overlapping ranges within the code point space. */
function complement(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

interface Escaped {
  /** One character, a set of them, or an assertion (matches the empty string). */
  node: Node;
  length: number;
}

/** An escape at src[i] === '\\' (inside or outside a class), or null for what the sampler does not know. */
function readEscape(src: string, i: number): Escaped | null {
  const d = src[i + 1];
  if (d === undefined) return null;
  const sets: Record<string, readonly [number, number][]> = { d: DIGIT, w: WORD, s: SPACE };
  const lower = d.toLowerCase();
  if (lower in sets && /[dwsDWS]/.test(d)) {
    const ranges = sets[lower] ?? [];
    return { node: { t: 'set', ranges: d === lower ? [...ranges] : complement(ranges), negated: false }, length: 2 };
  }
  if (/[bBAz]/.test(d)) return { node: { t: 'empty' }, length: 2 };
  if (d in CONTROL) return { node: { t: 'lit', ch: String.fromCharCode(CONTROL[d] as number) }, length: 2 };
  if (d === '0' && !/[0-7]/.test(src[i + 2] ?? '')) return { node: { t: 'lit', ch: '\0' }, length: 2 };
  if (d === 'x') {
    const m = /^\\x(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{2}))/.exec(src.slice(i, i + 12));
    if (!m) return null;
    const code = Number.parseInt(m[1] ?? m[2] ?? '', 16);
    return code > 0x10ffff ? null : { node: { t: 'lit', ch: String.fromCodePoint(code) }, length: m[0].length };
  }
  if (/[A-Za-z0-9]/.test(d)) return null;
  return { node: { t: 'lit', ch: d }, length: 2 };
}

/** A recursive-descent reader of RE2 syntax, as far as examples need it; null on anything else. */
function parse(src: string): Node | null {
  let i = 0;
  let depth = 0;
  const alternation = (): Node | null => {
    const alts: Node[] = [];
    for (;;) {
      const seq = sequence();
      if (seq === null) return null;
      alts.push(seq);
      if (src[i] !== '|') break;
      i++;
    }
    return alts.length === 1 ? (alts[0] as Node) : { t: 'alt', alts };
  };
  const sequence = (): Node | null => {
    const items: Node[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const a = atom();
      if (a === null) return null;
      const q = quantifier();
      if (q === null) return null;
      items.push(q === 'none' ? a : { t: 'rep', node: a, min: q[0], max: q[1] });
    }
    return { t: 'seq', items };
  };
  const quantifier = (): [number, number] | 'none' | null => {
    const c = src[i];
    let q: [number, number] | 'none' = 'none';
    if (c === '*') q = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') q = [1, Number.POSITIVE_INFINITY];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(src.slice(i, i + 32));
      if (m) {
        const min = Number(m[1]);
        q = [min, m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3])];
        i += m[0].length - 1;
      }
    }
    if (q === 'none') return q;
    i++;
    // Lazy and possessive marks change which match is found, not which strings match.
    if (src[i] === '?' || src[i] === '+') i++;
    return q;
  };
  const atom = (): Node | null => {
    const c = src[i] as string;
    if (c === '(') {
      const head = /^\(\?(?::|P?<[A-Za-z_][A-Za-z0-9_]*>|[imsU-]*:|[imsU-]*\))/.exec(src.slice(i, i + 40));
      if (src[i + 1] === '?' && !head) return null;
      i += head ? head[0].length : 1;
      if (head?.[0].endsWith(')')) return { t: 'empty' };
      if (++depth > MAX_NESTING) return null;
      const inner = alternation();
      depth--;
      if (inner === null || src[i] !== ')') return null;
      i++;
      return inner;
    }
    if (c === '[') return bracket();
    if (c === '\\') {
      const e = readEscape(src, i);
      if (e === null) return null;
      i += e.length;
      return e.node;
    }
    i++;
    if (c === '.') return { t: 'set', ranges: [[0x0a, 0x0a]], negated: true };
    if (c === '^' || c === '$') return { t: 'empty' };
    return { t: 'lit', ch: c };
  };
  const bracket = (): Node | null => {
    i++;
    const negated = src[i] === '^';
    if (negated) i++;
    const ranges: [number, number][] = [];
    let first = true;
    while (i < src.length) {
      if (src[i] === ']' && !first) {
        i++;
        return { t: 'set', ranges, negated };
      }
      first = false;
      const posix = posixClassAt(src, i);
      if (posix) {
        const set = posixRanges(posix[2] ?? '');
        if (set === undefined) return null;
        ranges.push(...(posix[1] === '^' ? complement(set) : set));
        i += posix[0].length;
        continue;
      }
      const lo = member();
      if (lo === null) return null;
      if (typeof lo !== 'number') {
        ranges.push(...lo);
        continue;
      }
      if (src[i] === '-' && src[i + 1] !== ']' && src[i + 1] !== undefined) {
        i++;
        const hi = member();
        if (typeof hi !== 'number' || hi < lo) return null;
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    return null;
  };
  /** One class member: a code point, or the ranges of a class escape such as \d. */
  const member = (): number | [number, number][] | null => {
    if (src[i] === '\\') {
      const e = readEscape(src, i);
      if (e === null || e.node.t === 'empty') return null;
      i += e.length;
      if (e.node.t === 'set') return e.node.ranges;
      return e.node.t === 'lit' ? (e.node.ch.codePointAt(0) as number) : null;
    }
    const code = src.codePointAt(i) as number;
    i += code > 0xffff ? 2 : 1;
    return code;
  };
  const tree = alternation();
  return tree !== null && i === src.length ? tree : null;
}
