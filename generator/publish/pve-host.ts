/**
 * `--layout pve-host`: a site that pveproxy itself can serve from /usr/share/pve-docs/ (URL
 * /pve-docs/...). What pveproxy serves, from PVE::APIServer::AnyEvent (pve-http-server), see
 * docs/pve-host.md:
 * - GET only, and only a last path segment of [A-Za-z0-9._-] whose folder it listed at start-up
 *   (File::Find over /usr/share/pve-docs/; a folder made later needs a pveproxy restart);
 * - only file extensions it has a content type for (PVE_HOST_EXTENSIONS); anything else is an error;
 * - no folder index ("/pve-docs/x/" is an error, not x/index.html) and no 404 page.
 * So this layout links to explicit files, writes every API page into one folder (a newer schema
 * with new paths adds files, never folders: one restart at the first install is enough), and drops
 * the files pveproxy would refuse (Markdown, llms*.txt, robots.txt, sitemap.xml, the 404 page).
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { ApiModel } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import { SITE_FILES } from '../model/urls.js';
import { OutputError, UsageError } from '../errors.js';
import { SITEMAP_FILE } from './index.js';

export const LAYOUTS = ['default', 'pve-host'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** The file name pveproxy accepts as the last path segment (its own pattern). */
export const PVE_HOST_FILE_NAME = /^[A-Za-z0-9._-]+$/;

/** Extensions pveproxy has a content type for (lower case; it compares case-sensitively). */
export const PVE_HOST_EXTENSIONS: readonly string[] = [
  'css',
  'html',
  'js',
  'json',
  'map',
  'png',
  'ico',
  'gif',
  'svg',
  'jar',
  'woff',
  'woff2',
  'ttf',
  'pdf',
  'epub',
  'mp3',
  'oga',
  'tgz',
];

/** Whether pveproxy would serve a file of this name (the last segment of an output path). */
export function pveHostServes(fileName: string): boolean {
  if (!PVE_HOST_FILE_NAME.test(fileName)) return false;
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 && PVE_HOST_EXTENSIONS.includes(fileName.slice(dot + 1));
}

/** Options that cannot go with this layout: a usage error naming the reason. */
export function checkPveHostOptions(options: { offline?: boolean | undefined; theme?: { logo?: string | undefined } | undefined }): void {
  if (options.offline) throw new UsageError('--layout pve-host cannot be combined with --offline (pveproxy serves no .zip files)');
  const logo = options.theme?.logo;
  if (logo !== undefined) {
    const ext = extname(logo).slice(1).toLowerCase();
    if (!PVE_HOST_EXTENSIONS.includes(ext)) {
      throw new UsageError(
        `--logo ${logo}: pveproxy does not serve .${ext} files; with --layout pve-host use an svg, png, gif or ico logo`,
      );
    }
  }
}

/**
 * The model with every API page moved into one folder: "api/nodes/_node/qemu/index.html" becomes
 * "api.nodes._node.qemu.html". Every renderer, the search index, the path tree and the manifest
 * read ApiPath.file, so this one change relocates the pages and every link to them. Injective:
 * segment slugs are lower case (model/urls.ts), so their "." is written "D" and their "~" "X",
 * and "." then only separates segments; a name too long for a file system becomes "api.H<sha256>.html".
 */
export function pveHostModel(model: ApiModel): ApiModel {
  return { ...model, paths: model.paths.map((p) => ({ ...p, file: flatPageFile(p.file) })) };
}

const MAX_NAME = 200;

export function flatPageFile(file: string): string {
  const inner = file.replace(/^api\//, '').replace(/(^|\/)index\.html$/, '');
  const segments = inner === '' ? [] : inner.split('/');
  const name = ['api', ...segments.map((s) => s.replace(/\./g, 'D').replace(/~/g, 'X')), 'html'].join('.');
  if (name.length <= MAX_NAME) return name;
  return `api.H${createHash('sha256').update(file, 'utf8').digest('hex')}.html`;
}

/** What the layout leaves out (the docs and --help say the same). */
export const PVE_HOST_OMITTED = 'the Markdown pages (.md), llms.txt, llms-full.txt, robots.txt, sitemap.xml and 404.html';

function omitted(file: string): boolean {
  return file === SITE_FILES.notFound || file.endsWith('.md') || file.endsWith('.txt') || file === SITEMAP_FILE;
}

/**
 * The output without the files pveproxy would refuse. Every remaining file is then checked: a name
 * this layout does not know (a new export, say) fails the build rather than publish a broken link.
 */
export function pveHostFiles(files: readonly OutputFile[]): OutputFile[] {
  const kept = files.filter((f) => !omitted(f.file));
  for (const f of kept) {
    const parts = f.file.split('/');
    // Folders: pveproxy matches them with \S+ against the list it made at start-up.
    if (!pveHostServes(parts[parts.length - 1] ?? '') || parts.some((part) => part === '' || /\s/.test(part))) {
      throw new OutputError(`--layout pve-host: pveproxy cannot serve the output file "${f.file}"`);
    }
  }
  return kept;
}
