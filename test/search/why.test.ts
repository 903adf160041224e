import { describe, expect, it } from 'vitest';
import { unseenWords } from '../../site/src/search-why.js';

describe('the "matches …" line of a search result', () => {
  it('counts the forms of one word once and never names a bare root', () => {
    // As the index reports "enable the guest agent" on the agent row: the summary marks "enable".
    const matched = ['enable', 'enabled', 'enabl', 'guest', 'agent'];
    expect(unseenWords(matched, new Set(['enable', 'guest', 'agent']))).toEqual([]);
    expect(unseenWords(matched, new Set(['agent']))).toEqual(['enabled', 'guest']);
  });

  it('names at most four words, in the order they matched', () => {
    expect(unseenWords(['a1', 'b2', 'c3', 'd4', 'e5'], new Set())).toEqual(['a1', 'b2', 'c3', 'd4']);
  });
});
