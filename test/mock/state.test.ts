/** The mock's state store: removing an item takes what is below it; a hostile state file is one input error. */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, OutputError } from '../../generator/errors.js';
import { emptyState, fromJson, loadState, putItem, removeItem, saveState } from '../../generator/mock/state.js';
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

describe('mock state files', () => {
  const file = (body: Record<string, unknown>): string =>
    JSON.stringify({ format: 'pve-apidoc-mock-state', version: 1, collections: {}, ...body });
  const failure = (text: string): unknown => {
    try {
      fromJson(text, 'state.json');
    } catch (error) {
      return error;
    }
    return null;
  };

  it('names a task field that is no string, by its pointer, instead of an internal TypeError', () => {
    const error = failure(file({ tasks: [{ upid: 'UPID:x', log: [{ toString: 1 }] }] }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toHaveProperty('message', 'state.json:/tasks/0/log - must be an array of strings');
    expect(failure(file({ tasks: [{ upid: 'UPID:x', node: { toString: 1 } }] }))).toHaveProperty(
      'message',
      'state.json:/tasks/0/node - must be a string',
    );
  });

  it('refuses an item nested too deep to be saved again', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = `{"format":"pve-apidoc-mock-state","version":1,"collections":{"/nodes":{"pve1":{"x":${deep}}}}}`;
    const error = failure(text);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toHaveProperty('message', 'state.json:/collections/~1nodes/pve1 - nested more than 32 levels deep');
  });

  it('reads a missing or unreadable state file as an input error naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-state-'));
    try {
      await expect(loadState(dir)).rejects.toThrow(InputError);
      await expect(loadState(dir)).rejects.toThrow(`${dir} - not a regular file`);
      await expect(saveState(emptyState(), join(dir, 'no', 'such', 'state.json'))).rejects.toThrow(OutputError);
      // A folder at the state file's name: the write succeeds, the rename fails; nothing is left beside it.
      await mkdir(join(dir, 'state.json'));
      await expect(saveState(emptyState(), join(dir, 'state.json'))).rejects.toThrow(OutputError);
      expect((await readdir(dir)).sort()).toEqual(['state.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
