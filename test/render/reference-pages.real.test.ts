/**
 * Issue-level guarantees of the reference pages, on the real PVE 9.1 site: property-string keys
 * from the formats registry are all documented, no permission check is printed as a raw array,
 * every method carries its call examples, and the privileges index names every privilege.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { REFS_DUMPS, VIEWER_DUMPS, readViewerTree, walkRaw } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const refs91 = REFS_DUMPS.find((d) => d.version === '9.1')!.file;
const viewer91 = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;

/** Names in the key tables of one parameter block (names carry <wbr> break opportunities). */
function rowNames(html: string, rowId: string): Set<string> {
  // A parameter is a block (folded when optional): <div class="param…" id="ROW">.
  const start = html.search(new RegExp(`class="param[^"]*" id="${rowId.replace(/[^a-z0-9-]/g, '')}"`));
  expect(start).toBeGreaterThan(0);
  const rest = html.slice(start + 10);
  const next = rest.search(/<div class="param(?: [^"]*)?" id=/);
  const row = next < 0 ? html.slice(start) : html.slice(start, start + 10 + next);
  return new Set([...row.matchAll(/<td class="name"><code class="ident">(.+?)<\/code>/g)].map((m) => m[1]!.replace(/<wbr>/g, '')));
}

describe('PVE 9.1 reference dump site', async () => {
  const out = join(tempDir(), 'site');
  const { model } = await build({ schema: refs91, out }, silentLogger());
  const page = (apiPath: string): string => readFileSync(join(out, model.paths.find((p) => p.path === apiPath)!.file), 'utf8');

  // hostpci[n] names the registry format pve-qm-hostpci; net[n] carries its keys inline.
  it.each([
    ['hostpci[n]', 'post-hostpci-n'],
    ['net[n]', 'post-net-n'],
  ])('POST /nodes/{node}/qemu documents every sub-key of %s', (name, rowId) => {
    const op = model.paths.find((p) => p.path === '/nodes/{node}/qemu')!.operations.find((o) => o.method === 'POST')!;
    const format = op.parameters.find((p) => p.name === name)!.schema.format!;
    const def =
      format.kind === 'named'
        ? model.formats[format.name]
        : format.kind === 'inline'
          ? { kind: 'property-string' as const, keys: format.keys }
          : undefined;
    expect(def?.kind).toBe('property-string');
    const keys = def?.kind === 'property-string' ? def.keys.map((k) => k.name) : [];
    expect(keys.length).toBeGreaterThan(5);
    const shown = rowNames(page('/nodes/{node}/qemu'), rowId);
    for (const key of keys) expect(shown, `${name} key ${key}`).toContain(key);
  });

  it('names the keys the issue calls out', () => {
    const shown = rowNames(page('/nodes/{node}/qemu'), 'post-hostpci-n');
    for (const key of ['mdev', 'pcie', 'rombar', 'x-vga']) expect(shown).toContain(key);
  });
});

describe('PVE 9.1 viewer dump site', async () => {
  const out = join(tempDir(), 'site');
  const { model } = await build({ schema: viewer91, out }, silentLogger());
  const html = (file: string): string => readFileSync(join(out, file), 'utf8');

  it('prints no permission check as a raw JSON array on any page', () => {
    for (const p of model.paths) {
      const text = html(p.file);
      expect(text, p.path).not.toMatch(/\[\s*(&quot;|"|&#34;)perm(&quot;|"|&#34;)/);
    }
  });

  it('gives every method ticket curl, pvesh, JavaScript and Python examples, and token curl where tokens work', () => {
    for (const p of model.paths) {
      const text = html(p.file);
      for (const op of p.operations) {
        const section = text.slice(text.indexOf(`<section class="operation" id="${op.anchor}"`));
        const end = section.indexOf('<section class="operation"', 10);
        const body = end > 0 ? section.slice(0, end) : section;
        const ids = [...body.matchAll(/<figure class="example" id="[^"]*-(curl-token|curl-ticket|curl|pvesh|javascript|python)">/g)].map(
          (m) => m[1],
        );
        const label = `${op.method} ${op.path}`;
        if (op.permissions.mode === 'world') expect(ids, label).toContain('curl');
        else expect(ids, label).toContain('curl-ticket');
        if (op.flags.allowToken && op.permissions.mode !== 'world') expect(ids, label).toContain('curl-token');
        for (const id of ['pvesh', 'javascript', 'python']) expect(ids, label).toContain(id);
      }
    }
  });

  it('lists every privilege named in the schema on the privileges index', () => {
    const named = new Set<string>();
    const collect = (check: unknown): void => {
      if (!Array.isArray(check)) return;
      if (check[0] === 'perm' || check[0] === 'userid-group') {
        const privs = check[0] === 'perm' ? check[2] : check[1];
        if (Array.isArray(privs)) for (const p of privs) named.add(String(p));
      }
      for (const item of check) collect(item);
    };
    for (const node of walkRaw(readViewerTree(viewer91))) {
      for (const info of Object.values(node.info ?? {})) collect((info['permissions'] as { check?: unknown } | undefined)?.check);
    }
    expect(named.size).toBeGreaterThan(30);
    const index = html('privileges/index.html');
    for (const priv of named) expect(index, priv).toContain(`<code>${priv}</code>`);
  });

  it('documents that allowtoken 0 rejects tokens', () => {
    const noToken = model.paths.flatMap((p) => p.operations.filter((o) => !o.flags.allowToken).map((o) => ({ p, o })));
    expect(noToken.length).toBeGreaterThan(0);
    for (const { p, o } of noToken) {
      const text = html(p.file);
      const section = text.slice(text.indexOf(`id="${o.anchor}"`));
      expect(section).toMatch(/API tokens cannot call this/);
    }
  });
});
