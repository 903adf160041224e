/** POSIX bracket classes (`[:alpha:]`), ASCII in Perl, Rust and RE2 alike, as code point ranges. */
export const POSIX_CLASSES = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
} satisfies Record<string, readonly [number, number][]>;

/**
 * A POSIX class written inside a bracket class at pattern[i] (`[:alpha:]`, negated `[:^alpha:]`):
 * the match (group 1 the `^`, group 2 the name), else null. Such a class does not end the bracket class.
 */
export function posixClassAt(pattern: string, i: number): RegExpExecArray | null {
  return /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i, i + 16));
}

/** The ranges of a class by name (`alpha`), or undefined for a name POSIX does not define. */
export function posixRanges(name: string): readonly [number, number][] | undefined {
  return Object.hasOwn(POSIX_CLASSES, name) ? (POSIX_CLASSES as Record<string, readonly [number, number][]>)[name] : undefined;
}
