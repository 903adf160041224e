/**
 * The index serialized straight from MiniSearch's maps (search/script-index.ts) must be the bytes
 * `jsonForScript(toJSON())` gives: MiniSearch loads it, and the output stays byte-identical.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { ScriptIndex } from '../../generator/search/script-index.js';
import { jsonForScript } from '../../generator/text/script-json.js';

const options = { fields: ['title', 'body', 'tags'], storeFields: ['title', 'note'] };

function index(): ScriptIndex<Record<string, unknown>> {
  const search = new ScriptIndex<Record<string, unknown>>(options);
  search.addAll([
    // "disk" is seen in `tags` (field 2) before `title` (field 0): an object writes field 0 first.
    { id: 7, tags: 'disk', body: 'resize the disk', title: 'grow' },
    { id: 3, title: 'disk </script><!-- \u2028 \u2029 >', note: 'a </script> in stored text' },
    // A field that is missing leaves a hole in the document's field lengths (written as null).
    { id: 'x', body: 'disk', note: null },
  ]);
  return search;
}

describe('search index script JSON', () => {
  it('is byte for byte jsonForScript(toJSON()), key order and escapes included', () => {
    const search = index();
    expect(search.toScriptJson()).toBe(jsonForScript(search.toJSON()));
    expect(search.toScriptJson()).not.toMatch(/<|>|\u2028|\u2029/);
  });

  it('loads back into MiniSearch with the same answers', () => {
    const search = index();
    const loaded = MiniSearch.loadJSON(search.toScriptJson(), options);
    expect(loaded.search('disk').map((r) => r.id)).toEqual(search.search('disk').map((r) => r.id));
    expect(loaded.search('disk').length).toBe(3);
  });
});
