/**
 * The whole pipeline on every real schema in ../shared/schemas: every path gets a page, every
 * operation appears on its page, and manifest.json lists exactly the schema's paths. Expected
 * paths come from an independent raw reading of the files, and counts from the schemas README.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { EXPECTED_COUNTS, REFS_DUMPS, VIEWER_DUMPS, readViewerTree, walkRaw, type RawNode } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';

/** Raw paths of a refs dump, read without the generator: tags blanked out, then plain JSON. */
function readRefsTree(file: string): RawNode[] {
  const text = readFileSync(file, 'utf8').replace(/\("\w+"\)\s*\[(?:\s*"(?:[^"\\]|\\.)*")?\s*\]/g, 'null');
  return (JSON.parse(text) as { root: RawNode[] }).root;
}

const ALL = [
  ...VIEWER_DUMPS.map((d) => ({ ...d, raw: () => readViewerTree(d.file) })),
  ...REFS_DUMPS.map((d) => ({ ...d, raw: () => readRefsTree(d.file) })),
];

describe.each(ALL)('$file', ({ file, raw }) => {
  it('builds a page for every path and lists every operation on it', async () => {
    const out = join(tempDir(), 'site');
    const result = await build({ schema: file, out }, silentLogger());
    const nodes = [...walkRaw(raw())];
    const expected = EXPECTED_COUNTS[basename(file)]!;

    // Counts: the schemas README and the independent raw walk agree with the model.
    const rawOps = nodes.reduce((n, node) => n + Object.keys(node.info ?? {}).length, 0);
    expect(nodes.length).toBe(expected.paths);
    expect(rawOps).toBe(expected.operations);
    expect(result.model.stats.paths).toBe(expected.paths);
    expect(result.model.stats.operations).toBe(expected.operations);

    // manifest.json: exactly the schema's paths, each with its methods and an existing page.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      paths: { path: string; url: string; methods: string[] }[];
    };
    expect(manifest.paths.map((p) => p.path).sort()).toEqual(nodes.map((n) => n.path).sort());
    const files = new Set(listFiles(out));
    const pages = [...files].filter((f) => f.startsWith('api/') && f.endsWith('index.html'));
    expect(pages.length).toBe(expected.paths);
    expect(new Set(manifest.paths.map((p) => p.url)).size).toBe(expected.paths);

    const byPath = new Map(nodes.map((n) => [n.path, n]));
    for (const entry of manifest.paths) {
      expect(files.has(entry.url)).toBe(true);
      const rawMethods = Object.keys(byPath.get(entry.path)!.info ?? {}).sort();
      expect([...entry.methods].sort()).toEqual(rawMethods);
      const html = readFileSync(join(out, entry.url), 'utf8');
      // Identifiers carry <wbr> break points (phones): compare the text around them.
      const text = html.replace(/<wbr>/g, '');
      expect(text).toContain(`<h1><code>${escapeText(entry.path)}</code></h1>`);
      for (const method of rawMethods) {
        expect(html).toContain(`<section class="operation" id="${method.toLowerCase()}"`);
        expect(text).toContain(`<code>${method} /api2/json${escapeText(entry.path)}</code>`);
      }
    }
  });
});

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/=/g, '&#61;');
}
