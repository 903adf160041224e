/**
 * Trimming a run of characters off the ends of untrusted text. A regex such as `/\d+$/` or
 * `/_+$/` is retried at every position of a long inner run and fails there each time: quadratic,
 * 100,000 inner underscores took 11 s in V8. These loops walk each end once.
 */

/** A test for one UTF-16 unit: a string of the characters to trim, or a predicate. */
export type TrimSet = string | ((unit: string) => boolean);

function member(set: TrimSet): (unit: string) => boolean {
  return typeof set === 'string' ? (unit) => set.includes(unit) : set;
}

/** `text` without the run of `set` characters at its end. */
export function trimEnd(text: string, set: TrimSet): string {
  const has = member(set);
  let end = text.length;
  while (end > 0 && has(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `text` without the runs of `set` characters at either end. */
export function trimBoth(text: string, set: TrimSet): string {
  const has = member(set);
  let start = 0;
  while (start < text.length && has(text[start]!)) start++;
  return trimEnd(text.slice(start), has);
}

export const DIGITS = '0123456789';
