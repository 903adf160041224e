/**
 * The built-in templates compiled ahead of time (render/precompiled-templates.ts, written by
 * `npm run compile`): they render the bytes the templates compiled from their files render, and
 * one is used only while its file is unchanged (the file wins) and not overridden.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, renderModelFiles } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';
import { siteAssets } from '../../generator/render/assets.js';
import { precompiledModule, readPrecompiled, sourceHash } from '../../generator/render/precompiled-templates.js';
import { builtInTemplateFiles, builtInTemplates, loadTemplates } from '../../generator/render/templates.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');

function builtInSources(): { file: string; text: string }[] {
  return builtInTemplateFiles().map((file) => ({ file, text: readFileSync(join(builtInTemplates(), file), 'utf8') }));
}

/** A precompiled module written to a file of its own and read back, as a build reads lib's. */
function writeModule(sources: { file: string; text: string }[]): ReturnType<typeof readPrecompiled> {
  const file = join(tempDir(), 'precompiled-templates.cjs');
  writeFileSync(file, precompiledModule(sources));
  return readPrecompiled(file);
}

describe('precompiled templates', () => {
  it('cover every built-in template and render the same site as templates compiled from their files', async () => {
    const sources = builtInSources();
    const precompiled = writeModule(sources);
    expect([...precompiled.keys()]).toEqual(sources.map((s) => s.file));
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['layout.hbs', 'pages/path.hbs', 'partials/operation.hbs']));
    const { model } = await loadModel({ schema: SCHEMA }, silentLogger());
    const assets = siteAssets();
    const site = (templates: ReturnType<typeof loadTemplates>) =>
      renderModelFiles(model, { schema: SCHEMA, out: 'unused' }, { shared: { assets, templates } }).map((f) => [f.file, String(f.content)]);
    expect(site(loadTemplates(undefined, precompiled))).toEqual(site(loadTemplates(undefined, new Map())));
  });

  it('are used while their file is unchanged, and not once it has changed', () => {
    const file = 'pages/404.hbs';
    const text = readFileSync(join(builtInTemplates(), file), 'utf8');
    // A stand-in compiled from other text, but recorded with the file's hash: it shows whether it is used.
    const [entry] = writeModule([{ file, text: 'precompiled' }]).values();
    if (!entry) throw new Error('no entry');
    const site = { title: 'T', home: 'h', operations: 'o' };
    const render = (sha256: string): string => loadTemplates(undefined, new Map([[file, { ...entry, sha256 }]])).page('404')({ site });
    expect(render(sourceHash(text))).toBe('precompiled');
    expect(render(sourceHash('an older 404.hbs'))).toContain('Page not found');
  });

  it('are not used for a template that --templates replaces', () => {
    const file = 'pages/404.hbs';
    const text = readFileSync(join(builtInTemplates(), file), 'utf8');
    const [entry] = writeModule([{ file, text: 'precompiled' }]).values();
    if (!entry) throw new Error('no entry');
    const dir = join(tempDir(), 'templates');
    mkdirSync(join(dir, 'pages'), { recursive: true });
    writeFileSync(join(dir, file), 'mine');
    expect(loadTemplates(dir, new Map([[file, { ...entry, sha256: sourceHash(text) }]])).page('404')({})).toBe('mine');
  });
});
