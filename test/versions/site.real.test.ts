/**
 * The five-release site (6.4, 7.4, 8.4, 9.0, 9.1) built by the CLI as a user runs it: the newest at
 * the root and the others under v/LABEL/, a version switcher on every page that keeps the path when
 * it exists, "since" / "removed in" notes, and a changelog page per consecutive pair whose links all
 * resolve. The build time is printed (target: 5 s on the project machine), not asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT, VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const LABELS = VIEWER_DUMPS.map((d) => d.version);
const OLDER = LABELS.slice(0, -1);
let out = '';
let files = new Set<string>();
let stderr = '';

function read(file: string): string {
  return readFileSync(join(out, file), 'utf8');
}

/** The output file a relative href on `fromFile` points to (clean URLs: a folder means its index.html), and its #fragment. */
function resolveHref(fromFile: string, href: string): { file: string; fragment: string } {
  const [path = '', fragment = ''] = href.split('#');
  let target = normalize(join(dirname(fromFile), path));
  if (path === '' || path.endsWith('/') || target === '.') target = join(target, 'index.html');
  return { file: target.replace(/^\.\//, ''), fragment };
}

function hrefs(html: string, selector: RegExp): string[] {
  return [...html.matchAll(selector)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

function switcherLinks(html: string): { label: string; href: string | null; missing: boolean }[] {
  const block = /<details class="version-switcher">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<li>(?:<span aria-current="true">([^<]+)<\/span>|<a href="([^"]+)"[^>]*>([^<]+)<\/a>)(.*?)<\/li>/g)].map(
    (m) => ({
      label: (m[1] ?? m[3])!,
      href: m[2] ?? null,
      missing: /not in /.test(m[4] ?? ''),
    }),
  );
}

beforeAll(() => {
  out = join(tempDir(), 'site');
  const args = ['build', ...VIEWER_DUMPS.flatMap((d) => ['--schema', `${d.version}=${d.file}`]), '--out', out];
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  stderr = result.stderr;
  console.log(`five-release site build (CLI, wall clock): ${seconds.toFixed(2)} s (target <= 5 s)\n${result.stderr}`);
  expect(result.status, result.stderr).toBe(EXIT.ok);
  files = new Set(listFiles(out));
}, 300_000);

// ~80 MB per run: do not leave it behind in the shared temp folder.
afterAll(() => rmSync(dirname(out), { recursive: true, force: true }));

describe('five-release site', () => {
  it('puts the newest version at the root and the others under v/LABEL/', () => {
    expect(stderr).toMatch(/built 5 versions \(6\.4, 7\.4, 8\.4, 9\.0, 9\.1; 9\.1 at the root\)/);
    expect(files.has('index.html')).toBe(true);
    expect(read('index.html')).toContain('Proxmox VE 9.1 API');
    for (const label of OLDER) {
      expect(files.has(`v/${label}/index.html`)).toBe(true);
      expect(read(`v/${label}/index.html`)).toContain(`Proxmox VE ${label} API`);
      expect(JSON.parse(read(`v/${label}/manifest.json`)).version).toBe(label);
    }
    const versions = JSON.parse(read('versions.json')) as {
      latest: string;
      versions: { label: string; url: string }[];
      changelogs: { url: string }[];
    };
    expect(versions.latest).toBe('9.1');
    expect(versions.versions.map((v) => v.label)).toEqual([...LABELS].reverse());
    for (const v of versions.versions) expect(files.has(v.url)).toBe(true);
    for (const c of versions.changelogs) expect(files.has(c.url)).toBe(true);
  });

  it('has a version switcher on every page, linking to the same page where it exists', () => {
    const pages = [...files].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(2000);
    let checked = 0;
    for (const page of pages) {
      const html = read(page);
      const links = switcherLinks(html);
      expect(
        links.map((l) => l.label),
        page,
      ).toEqual([...LABELS].reverse());
      expect(html, page).toMatch(/<a href="[^"]*">Changelog<\/a>/);
      // Spot-check targets on API pages: same relative page, or the overview when missing.
      if (page.includes('/api/') && checked++ % 7 === 0) {
        const own = page.replace(/^v\/[^/]+\//, '');
        for (const link of links) {
          if (link.href === null) continue;
          const target = resolveHref(page, link.href).file;
          expect(files.has(target), `${page} -> ${link.href}`).toBe(true);
          const prefix = link.label === '9.1' ? '' : `v/${link.label}/`;
          expect(target).toBe(link.missing ? `${prefix}index.html` : `${prefix}${own}`);
        }
      }
    }
  });

  it('says when a page does not exist in another version', () => {
    const page = 'v/8.4/api/nodes/_node/scan/glusterfs/index.html';
    const links = switcherLinks(read(page));
    expect(links.find((l) => l.label === '9.1')).toMatchObject({ missing: true });
    expect(links.find((l) => l.label === '9.0')).toMatchObject({ missing: true });
    expect(links.find((l) => l.label === '7.4')).toMatchObject({ missing: false });
    expect(resolveHref(page, links.find((l) => l.label === '9.1')!.href!).file).toBe('index.html');
    expect(read(page)).toContain('Version 9.1 (latest) does not have this page');
    expect(read(page)).toMatch(/<span class="version-badge version-removed"[^>]*>removed in 9\.0<\/span>/);
  });

  it('marks operations and parameters with "since X"', () => {
    // GET /cluster/ha/rules appeared in 9.0.
    const rules = read('api/cluster/ha/rules/index.html');
    expect(rules).toMatch(/<h2 id="get-title">.*<span class="version-badge version-since"[^>]*>since 9\.0<\/span><\/h2>/);
    // POST /access/vncticket appeared in 9.0, its parameter "port" in 9.1.
    const vnc = read('api/access/vncticket/index.html');
    expect(vnc).toMatch(/<h2 id="post-title">.*>since 9\.0<\/span><\/h2>/);
    expect(vnc).toMatch(/id="post-port"[^>]*>[\s\S]*?<span class="version-badge version-since"[^>]*>since 9\.1<\/span>/);
    // Nothing is "since 6.4": the oldest given version is where history starts.
    expect(read('api/version/index.html')).not.toContain('since 6.4');
  });

  it('has a changelog page per consecutive pair, linked from the index, with counts and working links', () => {
    expect(read('index.html')).toMatch(/<a href="changelog\/index\.html">Changelog<\/a>/);
    const index = read('changelog/index.html');
    const pairs = OLDER.map((label, i) => `${label}-${LABELS[i + 1]}`);
    for (const pair of pairs) {
      expect(files.has(`changelog/${pair}/index.html`)).toBe(true);
      expect(index).toContain(`href="${pair}/index.html"`);
    }
    const page = 'changelog/8.4-9.0/index.html';
    const html = read(page);
    expect(html).toContain('42 operations added, 1 removed');
    expect(html).toMatch(
      /<h2 id="removed">[\s\S]*?<span class="breaking">breaking<\/span> <a href="([^"]+)"><span class="method method-small method-get">GET<\/span> <code>\/nodes\/\{node\}\/scan\/glusterfs<\/code>/,
    );
    // Every link of every changelog page resolves to a file; on the 9.0 -> 9.1 page also to the anchor.
    for (const pair of pairs) {
      const file = `changelog/${pair}/index.html`;
      const body = /<main id="main">([\s\S]*)<\/main>/.exec(read(file))![1]!;
      for (const href of hrefs(body, /href="([^"#][^"]*|#[^"]*)"/g)) {
        if (href.startsWith('#')) {
          expect(body, `${file} ${href}`).toContain(`id="${href.slice(1)}"`);
          continue;
        }
        const target = resolveHref(file, href);
        expect(files.has(target.file), `${file} -> ${href}`).toBe(true);
        if (pair === '9.0-9.1' && target.fragment) expect(read(target.file), `${file} -> ${href}`).toContain(`id="${target.fragment}"`);
      }
    }
    // Breaking changes are marked.
    expect(read('changelog/9.0-9.1/index.html')).toMatch(
      /<li class="is-breaking"><span class="breaking">breaking<\/span> parameter <code>maxworkers<\/code>/,
    );
  });
});

describe('versions without workers', () => {
  it('builds the same bytes inline (in-process) as with worker threads (CLI)', async () => {
    const { buildVersions } = await import('../../generator/versions/build.js');
    const { silentLogger } = await import('../../generator/log.js');
    const { treeHash } = await import('../helpers/tree.js');
    const example = join(REPO_ROOT, 'schema', 'example-api.json');
    const dir = tempDir();
    // A second "release": one method gone, one parameter added.
    const raw = JSON.parse(readFileSync(example, 'utf8')) as {
      path: string;
      info?: Record<string, { parameters?: { properties?: Record<string, unknown> } }>;
      children?: unknown[];
    }[];
    const first = raw[0]!;
    const second = JSON.parse(JSON.stringify(raw)) as typeof raw;
    const firstMethod = Object.keys(first.info ?? {})[0];
    if (firstMethod) delete second[0]!.info![firstMethod];
    const walk = (nodes: typeof raw): void => {
      for (const n of nodes) {
        for (const info of Object.values(n.info ?? {}))
          if (info.parameters?.properties) info.parameters.properties['added-in-2'] = { type: 'string', optional: 1 };
        walk((n.children ?? []) as typeof raw);
      }
    };
    walk(second);
    const v2 = join(dir, 'v2.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(v2, JSON.stringify(second));
    const inline = join(dir, 'inline');
    await buildVersions(
      {
        versions: [
          { label: '2.0', source: v2 },
          { label: '1.0', source: example },
        ],
        out: inline,
        workers: 0,
      },
      silentLogger(),
    );
    const cli = join(dir, 'cli');
    const result = spawnSync(process.execPath, [BIN, 'build', '-q', '--schema', `1.0=${example}`, '--schema', `2.0=${v2}`, '--out', cli], {
      encoding: 'utf8',
      env: { ...process.env, PVE_APIDOC_WORKERS: '2' },
    });
    expect(result.status, result.stderr).toBe(EXIT.ok);
    expect(existsSync(join(cli, 'v', '1.0', 'index.html'))).toBe(true);
    expect(existsSync(join(cli, 'changelog', '1.0-2.0', 'index.html'))).toBe(true);
    expect(readFileSync(join(cli, 'changelog', '1.0-2.0', 'index.html'), 'utf8')).toContain('added-in-2');
    expect(treeHash(cli)).toBe(treeHash(inline));
    rmSync(dir, { recursive: true, force: true });
  });
});
