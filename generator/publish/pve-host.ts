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
import { extname } from 'node:path';
import type { OutputFile } from '../output-file.js';
import { SITE_FILES } from '../model/urls.js';
import { OutputError, UsageError } from '../errors.js';
import { LLMS_FILE, LLMS_FULL_FILE } from '../export/llms.js';
import { ROBOTS_FILE, SITEMAP_FILE } from './index.js';

/** The file name pveproxy accepts as the last path segment (its own pattern). */
const PVE_HOST_FILE_NAME = /^[A-Za-z0-9._-]+$/;

/** Extensions pveproxy has a content type for (lower case; it compares case-sensitively). */
const PVE_HOST_EXTENSIONS: readonly string[] = [
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
function pveHostServes(fileName: string): boolean {
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

/** What the layout leaves out (docs/pve-host.md and --help say the same): by name, so that a new export is not dropped unseen. */
const OMITTED_FILES = new Set([SITE_FILES.notFound, SITEMAP_FILE, ROBOTS_FILE, LLMS_FILE, LLMS_FULL_FILE]);

function omitted(file: string): boolean {
  return OMITTED_FILES.has(file) || file.endsWith('.md');
}

/** Whether the layout keeps an output file: asked before a file is made, so that what it drops is never rendered. */
export function pveHostKeeps(file: string): boolean {
  return !omitted(file);
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
