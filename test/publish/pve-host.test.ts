/**
 * --layout pve-host on the example API: a site pveproxy can serve from /usr/share/pve-docs/api/
 * (URL /pve-docs/api/). Every file name passes pveproxy's pattern and extension list, the API pages
 * add no folders, every reference resolves to a file the pveproxy stand-in (test/publish/pveproxy.ts)
 * answers 200 under /pve-docs/api/, and the options that cannot work are refused.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadModel } from '../../generator/build.js';
import { exportFiles } from '../../generator/export/index.js';
import { EXIT, UsageError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { modelKey } from '../../generator/cache/model-cache.js';
import { flatPageFile, layoutPageFile, pageFile } from '../../generator/model/urls.js';
import { checkLinks } from '../hardening/links.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { listFiles, tempDir } from '../helpers/tree.js';
import { fetchAll, foldersOf, siteUrls, unservableNames } from './pve-host-crawl.js';
import { startPveproxy, type Pveproxy } from './pveproxy.js';

const SCHEMA = join(REPO_ROOT, 'schema', 'example-api.json');
/** The folders every pve-host build has, whatever the schema: the API pages add none. */
const FIXED_FOLDERS = ['', 'assets', 'auth', 'coverage', 'errors', 'operations', 'privileges', 'tasks'];

describe('--layout pve-host (example API)', () => {
  let docs: string;
  let out: string;
  let proxy: Pveproxy;

  beforeAll(async () => {
    docs = tempDir('pve-docs-');
    out = join(docs, 'api');
    await build({ schema: SCHEMA, out, layout: 'pve-host', baseUrl: '/pve-docs/api/' }, silentLogger());
    proxy = await startPveproxy(docs);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('writes only file names and extensions pveproxy serves', () => {
    expect(listFiles(out).length).toBeGreaterThan(30);
    expect(unservableNames(out)).toEqual([]);
  });

  it('leaves out the Markdown, text and XML exports and the 404 page, and says nothing links to them', () => {
    const files = listFiles(out);
    expect(files.filter((f) => /\.(md|txt|xml|zip)$/.test(f) || f === '404.html')).toEqual([]);
    expect(files).toContain('openapi.json');
    expect(files).toContain('manifest.json');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('llms.txt');
  });

  it('puts every API page in the root folder: the folders are the fixed set', () => {
    expect(foldersOf(out)).toEqual(FIXED_FOLDERS);
    expect(listFiles(out).filter((f) => f.startsWith('api.')).length).toBe(21);
  });

  it('links to files only (no folder URL), every link and fragment resolves', () => {
    const { urls, folderLinks } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
    expect(folderLinks).toEqual([]);
    expect(urls.size).toBeGreaterThan(30);
    const report = checkLinks(out);
    // checkLinks reads "/pve-docs/api/..." (the canonical links of a --base-url build) as relative
    // to the page; the next test requests those from the stand-in as the browser would.
    expect(report.broken.filter((b) => !b.includes('="/pve-docs/api/'))).toEqual([]);
    expect(report.fragments).toBeGreaterThan(0);
  });

  it('every URL a page or script refers to is answered 200 by the pveproxy stand-in under /pve-docs/api/', async () => {
    const { urls } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
    expect(await fetchAll(proxy, urls)).toEqual([]);
    // and the stand-in does refuse what pveproxy refuses
    expect((await fetch(`${proxy.origin}/pve-docs/api/`)).status).toBe(501);
  });

  it("the page files are the model's, decided once with the layout (no model rewritten before render), and cached per layout", async () => {
    const { model } = await loadModel({ schema: SCHEMA, layout: 'pve-host' }, silentLogger());
    for (const p of model.paths) {
      expect(p.file).toBe(layoutPageFile(p.path, 'pve-host'));
      expect(p.file).toMatch(/^api\.[^/]*\.html$|^api\.html$/);
    }
    const { model: usual } = await loadModel({ schema: SCHEMA }, silentLogger());
    expect(usual.paths.map((p) => p.file)).toEqual(usual.paths.map((p) => pageFile(p.path)));
    expect(modelKey({ schema: SCHEMA, layout: 'pve-host' })).not.toBe(modelKey({ schema: SCHEMA }));
  });

  it('the manifest and the path tree name the flat page files', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { paths: { path: string; url: string }[] };
    const nodes = manifest.paths.find((p) => p.path === '/nodes/{node}');
    expect(nodes?.url).toBe('api.nodes._node.html');
    expect(readFileSync(join(out, 'assets', 'nav-tree.js'), 'utf8')).toContain('"api.nodes._node.vms._vmid.html"');
  });
});

describe('the checks catch a site pveproxy cannot serve', () => {
  it('the default layout hosted under /pve-docs/api/ fails them: folder links, .md and .txt files, refused URLs', async () => {
    const docs = tempDir('pve-docs-');
    const out = join(docs, 'api');
    await build({ schema: SCHEMA, out, baseUrl: '/pve-docs/api/' }, silentLogger());
    expect(unservableNames(out).filter((f) => f.endsWith('.md')).length).toBe(21);
    expect(unservableNames(out)).toContain('llms.txt');
    expect(foldersOf(out).length).toBeGreaterThan(FIXED_FOLDERS.length);
    const proxy = await startPveproxy(docs);
    try {
      const { urls, folderLinks } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
      expect(folderLinks.length).toBeGreaterThan(20);
      expect((await fetchAll(proxy, urls)).length).toBeGreaterThan(20);
    } finally {
      await proxy.close();
    }
  });
});

describe('the pveproxy stand-in', () => {
  it('serves a folder made after its start only after a restart, and refuses HEAD, folders and unknown extensions', async () => {
    const docs = tempDir('pve-docs-');
    writeFileSync(join(docs, 'a.html'), '<p>a</p>');
    writeFileSync(join(docs, 'a.txt'), 'a');
    let proxy = await startPveproxy(docs);
    mkdirSync(join(docs, 'later'));
    writeFileSync(join(docs, 'later', 'b.html'), '<p>b</p>');
    try {
      expect((await fetch(`${proxy.origin}/pve-docs/a.html`)).status).toBe(200);
      expect((await fetch(`${proxy.origin}/pve-docs/a.html`, { method: 'HEAD' })).status).toBe(501);
      expect((await fetch(`${proxy.origin}/pve-docs/a.txt`)).status).toBe(501);
      expect((await fetch(`${proxy.origin}/pve-docs/`)).status).toBe(501);
      expect((await fetch(`${proxy.origin}/pve-docs/later/b.html`)).status).toBe(501);
    } finally {
      await proxy.close();
    }
    proxy = await startPveproxy(docs);
    try {
      expect((await fetch(`${proxy.origin}/pve-docs/later/b.html`)).status).toBe(200);
    } finally {
      await proxy.close();
    }
  });
});

describe('--layout pve-host --try-it', () => {
  it('writes one console data file per page beside it and links it from the page', async () => {
    const docs = tempDir('pve-docs-');
    const out = join(docs, 'api');
    await build({ schema: SCHEMA, out, layout: 'pve-host', tryIt: true }, silentLogger());
    expect(unservableNames(out)).toEqual([]);
    expect(foldersOf(out)).toEqual(FIXED_FOLDERS);
    const html = readFileSync(join(out, 'api.nodes._node.vms._vmid.html'), 'utf8');
    expect(html).toContain('data-src="api.nodes._node.vms._vmid.try-it.json"');
    const proxy = await startPveproxy(docs);
    try {
      const { urls } = siteUrls(out, `${proxy.origin}/pve-docs/api/`);
      const dataFiles = listFiles(out).filter((f) => f.endsWith('.try-it.json'));
      expect(dataFiles.length).toBeGreaterThan(10);
      // Every page with a console links its own data file (a path without operations has no console).
      const linked = [...urls.keys()].filter((u) => u.endsWith('.try-it.json'));
      expect(linked.length).toBeGreaterThan(10);
      for (const u of linked) expect(dataFiles).toContain(u.slice('/pve-docs/api/'.length));
      expect(await fetchAll(proxy, urls)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('flat page names', () => {
  it('stay distinct for paths that differ only where a naive flattening would merge them', () => {
    const paths = [
      '/a.b',
      '/adb',
      '/axb',
      '/a~b',
      '/a-b',
      '/a-db',
      '/a/b',
      '/A/b',
      '/a/B',
      '/a/{b}',
      '/a/_b',
      '/a/b.html',
      '/a/b/html',
      '/',
      '/x'.repeat(150),
    ];
    const flat = paths.map((p) => flatPageFile(pageFile(p)));
    // Distinct also where case does not count (macOS, Windows): "/a.b" once became "aDb", the same file as "/adb".
    expect(new Set(flat.map((name) => name.toLowerCase())).size).toBe(paths.length);
    for (const name of flat) {
      expect(name).toMatch(/^[A-Za-z0-9._-]+\.html$/);
      expect(name.length).toBeLessThanOrEqual(255);
    }
  });
});

describe('--layout pve-host makes nothing it drops', () => {
  it('renders no 404 page and writes no Markdown: a 404 template that cannot render does not fail the build', async () => {
    const templates = join(tempDir(), 'templates');
    mkdirSync(join(templates, 'pages'), { recursive: true });
    writeFileSync(join(templates, 'pages', '404.hbs'), '{{no-such-field}}');
    const dropped = (file: string): boolean => file.endsWith('.md') || file === 'llms-full.txt';
    const model = (await loadModel({ schema: SCHEMA }, silentLogger())).model;
    // The exports a layout drops are not made either (exportFiles asks first).
    expect(exportFiles(model, (file) => !dropped(file)).map((f) => f.file)).toEqual(['openapi.json', 'llms.txt']);
    const out = join(tempDir(), 'site');
    await build({ schema: SCHEMA, out, layout: 'pve-host', templates }, silentLogger());
    expect(listFiles(out).filter((f) => f.endsWith('.md') || f === '404.html')).toEqual([]);
    // The default layout does render it, so the template above is really broken.
    await expect(build({ schema: SCHEMA, out: join(tempDir(), 'site'), templates }, silentLogger())).rejects.toThrow(/404\.hbs/);
  });
});

describe('--layout pve-host refuses what pveproxy cannot serve', () => {
  it('with --offline (a zip) or a .jpg logo: a usage error, nothing written', async () => {
    const out = join(tempDir(), 'site');
    await expect(build({ schema: SCHEMA, out, layout: 'pve-host', offline: true }, silentLogger())).rejects.toThrow(UsageError);
    const logo = join(tempDir(), 'logo.jpg');
    writeFileSync(logo, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    await expect(build({ schema: SCHEMA, out, layout: 'pve-host', theme: { logo } }, silentLogger())).rejects.toThrow(/\.jpg/);
    expect(() => listFiles(out)).toThrow();
  });

  it('on the command line: unknown layout names and several versions are usage errors', () => {
    const bin = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
    const cwd = tempDir('pve-apidoc-cwd-');
    const run = (args: string[]) => spawnSync(process.execPath, [bin, 'build', ...args], { encoding: 'utf8', cwd });
    const bad = run(['--layout', 'flat', '--out', 'x']);
    expect(bad.status).toBe(EXIT.usage);
    expect(bad.stderr).toContain('"default", "pve-host"');
    const two = run(['--layout', 'pve-host', '--schema', `1=${SCHEMA}`, '--schema', `2=${SCHEMA}`, '--out', 'x']);
    expect(two.status).toBe(EXIT.usage);
    expect(two.stderr).toContain('one version');
    const ok = run(['--layout', 'pve-host', '--out', 'site', '-q']);
    expect(ok.status).toBe(0);
    mkdirSync(join(cwd, 'docs'));
    renameSync(join(cwd, 'site'), join(cwd, 'docs', 'api'));
    expect(unservableNames(join(cwd, 'docs', 'api'))).toEqual([]);
  });
});
