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

/** Translates one escape sequence starting at src[i] === '\\'; returns [text, length] or null. */
function escape(src: string, i: number, inClass: boolean, ci: boolean): [string, number] | null {
  const d = src[i + 1];
  if (d === undefined) return null;
  if (/[dDwWsS]/.test(d)) return [`\\${d}`, 2];
  if (/[bB]/.test(d)) return inClass ? (d === 'b' ? ['\\x08', 2] : null) : [`\\${d}`, 2];
  if (/[nrtfv0]/.test(d)) return [`\\${d}`, 2];
  if (/[1-9]/.test(d)) return inClass ? null : [`\\${d}`, 2];
  if (d === 'x') {
    const braced = /^\\x\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i));
    if (braced) {
      const ch = String.fromCodePoint(parseInt(braced[1]!, 16));
      const text = hex(ch);
      return text === null ? null : [ci && !inClass ? caseClass(ch) : text, braced[0].length];
    }
    const short = /^\\x([0-9a-fA-F]{2})/.exec(src.slice(i));
    return short ? [`\\x${short[1]}`, 4] : null;
  }
  if (/[A-Za-z0-9]/.test(d)) return null;
  if (SYNTAX.has(d)) return [`\\${d}`, 2];
  if (d === '-' && inClass) return ['\\-', 2];
  const text = hex(d);
  return text === null ? null : [text, 2];
}

function caseClass(ch: string): string {
  const both = bothCases(ch);
  return both.length > 1 ? `[${both}]` : hex(ch) ?? ch;
}

function translate(src: string): string | null {
  let out = '';
  const groups: boolean[] = [];
  let ci = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const e = escape(src, i, false, ci);
      if (!e) return null;
      out += e[0];
      i += e[1];
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
        if (!/^i?$/.test(flags) || flagged[0].includes('-')) return null;
        groups.push(ci);
        // `^` resets to Perl's defaults (no i), plain `(?i:` adds i.
        ci = flags === 'i' || (!src.startsWith('(?^', i) && ci);
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
    if (c === '}') {
      out += '\\}';
      i++;
      continue;
    }
    out += ci ? caseClass(c) : c;
    i += c.length;
  }
  return groups.length === 0 ? out : null;
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
    const c = src[i]!;
    if (c === ']' && !first) return [out + extra.join('') + ']', i + 1 - start];
    first = false;
    if (c === '[' && /^\[[:.=]/.test(src.slice(i))) return null;
    let atom: string;
    let literal: string | null = null;
    if (c === '\\') {
      const e = escape(src, i, true, false);
      if (!e) return null;
      atom = e[0];
      const d = src[i + 1]!;
      if (!/[A-Za-z0-9]/.test(d)) literal = d;
      i += e[1];
    } else {
      atom = c === '[' || c === ']' ? `\\${c}` : c;
      literal = c;
      i++;
    }
    // A range a-z: under /i add the other case's range too.
    if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']' && literal !== null) {
      let endAtom: string;
      let endLiteral: string | null = null;
      if (src[i + 1] === '\\') {
        const e = escape(src, i + 1, true, false);
        if (!e) return null;
        endAtom = e[0];
        const d = src[i + 2]!;
        if (!/[A-Za-z0-9]/.test(d)) endLiteral = d;
        i += 1 + e[1];
      } else {
        endLiteral = src[i + 1]!;
        endAtom = endLiteral === '[' ? '\\[' : endLiteral;
        i += 2;
      }
      if (endLiteral === null) return null;
      out += `${atom}-${endAtom}`;
      if (ci && /^[a-z]$/i.test(literal) && /^[a-z]$/i.test(endLiteral) && (literal === literal.toLowerCase()) === (endLiteral === endLiteral.toLowerCase())) {
        const swap = (s: string): string => (s === s.toLowerCase() ? s.toUpperCase() : s.toLowerCase());
        extra.push(`${swap(literal)}-${swap(endLiteral)}`);
      }
      continue;
    }
    if (ci && literal !== null && /^[a-z]$/i.test(literal)) {
      out += bothCases(literal);
      continue;
    }
    out += atom;
  }
  return null;
}
