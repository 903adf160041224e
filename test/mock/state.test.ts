/** The mock's state store: removing an item takes what is below it, whatever its id's characters. */
import { describe, expect, it } from 'vitest';
import { emptyState, putItem, removeItem } from '../../generator/mock/state.js';
import { concrete } from '../../generator/mock/world.js';

describe('mock state', () => {
  it('removes the collections below an item whose id is percent-encoded in their paths (a user ci@pve and its tokens)', () => {
    const state = emptyState();
    putItem(state, '/access/users', 'ci@pve', { userid: 'ci@pve' });
    // Paths are made by concrete(): the id is encoded there (ci%40pve).
    const tokens = concrete('/access/users/{userid}/token', { userid: 'ci@pve' });
    putItem(state, tokens, 't1', { tokenid: 't1' });
    expect(removeItem(state, '/access/users', 'ci@pve')).toBe(true);
    // Else a user made again under that name would find the old user's tokens.
    expect([...state.collections.keys()]).toEqual(['/access/users']);
  });
});
