/**
 * The one place where the example generators run a schema `pattern` (untrusted text from the
 * schema). Swap the engine here to bound it; nothing else in generator/examples or
 * generator/render/examples compiles a schema regex.
 *
 * Proxmox matches `^(?:pattern)$` with Perl regexes; the reference dump stringifies them as
 * `(?^:...)` / `(?^i:...)`. Those wrappers become plain groups (an `i` anywhere makes the whole test
 * case-insensitive, erring towards accepting).
 */
/** A compiled pattern that remembers its answers. */
interface PatternCheck {
  test(value: string): boolean;
}

const compiledPatterns = new Map<string, PatternCheck | 'invalid'>();

/**
 * Schemas repeat the same few patterns on many parameters: each is compiled once, and each value
 * tested once against it. Some real patterns backtrack heavily on a value they reject (PVE 9.1's
 * OCI reference pattern takes ~15 ms to refuse "docker.io/library/debian:12"), so the answers are
 * kept too.
 *
 * The one place where a schema pattern is tested against a value (schema regexes are untrusted:
 * swap the engine here to bound it). true: matches; false: rejected; null: no pattern, or a
 * pattern JavaScript cannot compile (the caller decides whether to trust the value then).
 */
export function matchesPattern(pattern: string | undefined, value: string): boolean | null {
  const check = compilePattern(pattern);
  if (check === 'none' || check === 'invalid') return null;
  return check.test(value);
}

function compilePattern(pattern: string | undefined): PatternCheck | 'none' | 'invalid' {
  if (pattern === undefined) return 'none';
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    const re = translatePattern(pattern);
    if (re === 'invalid') compiled = 'invalid';
    else {
      const answers = new Map<string, boolean>();
      compiled = {
        test(value) {
          let ok = answers.get(value);
          if (ok === undefined) {
            ok = re.test(value);
            answers.set(value, ok);
          }
          return ok;
        },
      };
    }
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

function translatePattern(pattern: string): RegExp | 'invalid' {
  let flags = '';
  const source = pattern.replace(/\(\?\^([a-z]*):/g, (_m, f: string) => {
    if (f.includes('i')) flags = 'i';
    return '(?:';
  });
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    return 'invalid';
  }
}
