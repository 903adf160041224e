/**
 * The ownership record: every build writes `.pve-apidoc-files.json` at the root of its output,
 * the sorted list of the files it wrote (itself included), so that the next build knows exactly
 * what it may replace or remove. Everything else in the folder (a `.git` checkout, `CNAME`,
 * `.nojekyll`, a note the user put into `api/`) is not ours and is never removed.
 * A previous build of an older version has no record (a "legacy" build, recognized by its
 * manifest): ours are then only the files such a build could have written (legacyOwned).
 */
import { join } from 'node:path';
import { isRecord } from '../model/is-record.js';
import { readJsonFile } from './json-file.js';

/** The record's name at the output root. */
export const RECORD_FILE = '.pve-apidoc-files.json';

/**
 * Names at the output root that belong to the write stage while it runs (staging, retired
 * entries, journal, lock: see swap.ts and lock.ts). No output file may use them.
 */
export const INTERNAL_PREFIX = '.pve-apidoc-';

/** Our records hold a few thousand names; a larger file of that name is not ours. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The record's bytes: deterministic (sorted names, no time stamps). */
export function recordContent(files: readonly string[]): string {
  const names = [...new Set([...files, RECORD_FILE])].sort();
  return JSON.stringify({ generator: 'pve-apidoc', files: names }, null, 1) + '\n';
}

/**
 * The files the record in `dir` lists, or null when there is no valid record (missing, a link,
 * not ours, or listing a name that could point outside the folder).
 */
export function readRecord(dir: string): Set<string> | null {
  const data = readJsonFile(join(dir, RECORD_FILE), MAX_RECORD_BYTES);
  if (!isRecord(data) || data.generator !== 'pve-apidoc') return null;
  const files = data.files;
  if (!Array.isArray(files)) return null;
  const out = new Set<string>();
  for (const name of files) {
    if (typeof name !== 'string' || !isSafeRelative(name)) return null;
    out.add(name);
  }
  return out;
}

/** A relative path with forward slashes that stays inside its folder and avoids the internal names. */
export function isSafeRelative(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  const parts = name.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return false;
  return name === RECORD_FILE || !(parts[0] ?? '').startsWith(INTERNAL_PREFIX);
}

/** Files at the root that every kind of build (single, multi-version, offline, pve-host) may write. */
const KNOWN_ROOT_FILES = [
  '404.html',
  'index.html',
  'llms-full.txt',
  'llms.txt',
  'manifest.json',
  'model.json',
  'openapi.json',
  'robots.txt',
  'sitemap.xml',
  'versions.json',
];

/**
 * What a legacy build (no record) in `dir` could have written: the files the new build writes
 * (it wrote them too, under the same names), the known root files, and the page and Markdown
 * file of every path its manifest lists. A file elsewhere (`api/my-note.html`) is kept; a page of
 * a path the legacy build had and the new one has not stays too (remove it by hand).
 */
export function legacyOwned(dir: string, newFiles: readonly string[]): Set<string> {
  const owned = new Set<string>([...newFiles, ...KNOWN_ROOT_FILES]);
  for (const url of manifestUrls(dir)) {
    owned.add(url);
    if (url.endsWith('.html')) owned.add(url.replace(/\.html$/, '.md'));
  }
  return owned;
}

function manifestUrls(dir: string): string[] {
  const data = readJsonFile(join(dir, 'manifest.json'), MAX_RECORD_BYTES);
  const paths = isRecord(data) ? data.paths : undefined;
  if (!Array.isArray(paths)) return [];
  const urls: string[] = [];
  for (const entry of paths) {
    const url = isRecord(entry) ? entry.url : undefined;
    if (typeof url === 'string' && isSafeRelative(url)) urls.push(url);
  }
  return urls;
}
