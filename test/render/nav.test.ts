/**
 * The sidebar branch a page carries (render/nav.ts): bounded however many paths the API has, with
 * the page's own entry and its way from the top always there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel } from '../../generator/model/types.js';
import { siteIndex } from '../../generator/model/site-index.js';
import { NAV_LIST_LIMIT, navBranch, navWindow, type NavListView } from '../../generator/render/nav.js';
import { pageLinks } from '../../generator/render/site-context.js';
import { syntheticSchema, type SyntheticShape } from '../../harness/synthetic-schema.js';
import { tempDir } from '../helpers/tree.js';

async function model(paths: number, shape: SyntheticShape): Promise<ApiModel> {
  const file = join(tempDir(), 'schema.js');
  writeFileSync(file, syntheticSchema(paths, shape));
  return (await loadModel({ schema: file }, silentLogger())).model;
}

function branch(m: ApiModel, path: string): NavListView {
  const current = m.paths.find((p) => p.path === path);
  if (!current) throw new Error(`no ${path}`);
  const list = navBranch(
    siteIndex(m),
    current,
    pageLinks(current.file, {
      cleanUrls: false,
      baseUrl: '',
      assetVersions: {},
    }),
  );
  if (!list) throw new Error('no branch');
  return list;
}

/** Every entry of a branch, depth first, with the lists it is in. */
function entries(list: NavListView): { text: string; current: boolean; listLength: number }[] {
  return list.items.flatMap((item) => [
    { text: item.text, current: item.current, listLength: list.items.length },
    ...(item.children ? entries(item.children) : []),
  ]);
}

describe('the sidebar branch', () => {
  it('shows a short list whole and a long one as a window around the page', () => {
    expect(navWindow(NAV_LIST_LIMIT, 3)).toEqual({ start: 0, end: NAV_LIST_LIMIT });
    expect(navWindow(1000, -1)).toEqual({ start: 0, end: NAV_LIST_LIMIT });
    expect(navWindow(1000, 0)).toEqual({ start: 0, end: NAV_LIST_LIMIT });
    expect(navWindow(1000, 500)).toEqual({ start: 500 - NAV_LIST_LIMIT / 2, end: 500 + NAV_LIST_LIMIT / 2 });
    expect(navWindow(1000, 999)).toEqual({ start: 1000 - NAV_LIST_LIMIT, end: 1000 });
  });

  it('cuts a flat API to the page and its neighbours, with links to the rest', async () => {
    const m = await model(1200, 'flat');
    const list = branch(m, '/p600');
    expect(list.items).toHaveLength(NAV_LIST_LIMIT);
    expect(list.items.filter((i) => i.current).map((i) => i.text)).toEqual(['/p600']);
    expect(list.before).toEqual({ text: `… ${600 - NAV_LIST_LIMIT / 2} before`, href: '../../index.html#tree' });
    expect(list.after).toEqual({ text: `… ${1200 - 600 - NAV_LIST_LIMIT / 2} more`, href: '../../index.html#tree' });
  });

  it('cuts a wide collection the same way, linking to its sub-path list', async () => {
    const m = await model(3000, 'wide');
    const list = branch(m, '/items/item2998');
    const all = entries(list);
    expect(all.length).toBeLessThanOrEqual(1 + NAV_LIST_LIMIT);
    expect(all.filter((e) => e.current).map((e) => e.text)).toEqual(['item2998']);
    const sub = list.items[0]?.children;
    expect(sub?.before?.href).toBe('../index.html#subpaths');
    expect(sub?.after).toBeNull();
  });

  it('keeps a nested page’s way from the top whole: ancestors open, their children listed, the page’s own children', async () => {
    const m = await model(3000, 'nested');
    const deepest = m.paths.reduce((a, b) => (b.path.split('/').length > a.path.split('/').length ? b : a));
    const parent = m.paths.find((p) => p.path === deepest.parent)!;
    const list = branch(m, parent.path);
    const all = entries(list);
    expect(all.filter((e) => e.current).map((e) => e.text)).toEqual([parent.text]);
    // The page's own children are listed under it.
    for (const child of parent.children) expect(all.some((e) => e.text === child.split('/').pop())).toBe(true);
    // Each ancestor's list: nothing left out (no list here is longer than the limit).
    expect(all.every((e) => e.listLength <= NAV_LIST_LIMIT)).toBe(true);
  });

  it('lists the same entries for the same page of a bigger API (only the count of the rest grows)', async () => {
    const items = async (n: number): Promise<string> => JSON.stringify(branch(await model(n, 'flat'), '/p10').items);
    expect(await items(4000)).toBe(await items(1000));
  });
});
