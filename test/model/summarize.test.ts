/** The first sentence that summaries, folded rows and search hits show (model/normalize.ts summarize). */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../generator/model/normalize.js';

describe('summarize', () => {
  it('ends at the first sentence', () => {
    expect(summarize('List nodes. Only online ones.')).toBe('List nodes.');
    expect(summarize('Really? Yes.')).toBe('Really?');
    expect(summarize('No stop at all')).toBe('No stop at all');
    expect(summarize('First paragraph\nstill.\n\nSecond.')).toBe('First paragraph still.');
  });

  it('does not end at an abbreviation (PVE 9.1 serial[n] was cut to "... (i.e.")', () => {
    const serial =
      'Create a serial device inside the VM (n is 0 to 3), and pass through a host serial device (i.e. /dev/ttyS0), or create a unix socket. More.';
    expect(summarize(serial)).toBe(
      'Create a serial device inside the VM (n is 0 to 3), and pass through a host serial device (i.e. /dev/ttyS0), or create a unix socket.',
    );
    expect(summarize('Use a name, e.g. vm1, for it. Next.')).toBe('Use a name, e.g. vm1, for it.');
    expect(summarize('E.g. this one. Next.')).toBe('E.g. this one.');
    expect(summarize('Compare 1 vs. 2 here. Next.')).toBe('Compare 1 vs. 2 here.');
  });

  it('still ends at a capitalised word that looks like one ("CA.") and inside-word matches', () => {
    expect(summarize('Update the account with the CA. Note: more.')).toBe('Update the account with the CA.');
    expect(summarize('Set the mica. Next.')).toBe('Set the mica.');
  });

  it('a stop as the first character ends nothing', () => {
    expect(summarize('. Then text. More.')).toBe('. Then text.');
  });
});
