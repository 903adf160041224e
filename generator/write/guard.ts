/**
 * Where the write stage may write. A build writes its files into the output folder (replacing
 * only what the previous build wrote, see plan.ts), so the folder must be ours: absent, empty (or
 * holding only hidden entries such as `.git`, and `CNAME`: a fresh gh-pages checkout), or a
 * previous pve-apidoc build recognized by its record (record.ts) or, for builds of older
 * versions, its own manifest (`manifest.json`, or `versions.json` for a multi-version site, with
 * `"generator": "pve-apidoc"` and the shape we write). A file merely named manifest.json (a React
 * `public/` has one) is not enough: a folder like that, or `--out ~` by mistake, is refused
 * before anything is written into it. The same holds for the offline zip beside it.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { byteLength, type OutputFile } from '../output-file.js';
import { readJsonFile } from './json-file.js';
import { readRecord } from './record.js';
import { lstatOrNull } from './remove.js';
import { isRecord } from '../model/is-record.js';

/** Our manifests are a few hundred KB; a larger file of that name is not ours (and is not parsed). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const HINT = 'pick an empty or new folder, e.g. --out dist';

/**
 * The folder the build replaces. An --out that is a symbolic link is resolved once, here: the
 * build then replaces the folder the link points to (staging beside that folder), and the link
 * itself is left as it is. A dangling link or a link to a file is refused.
 */
export function resolveTarget(outDir: string): string {
  const absolute = resolve(outDir);
  // The parent's real path, so that every later comparison with real paths (inputs inside the
  // output, the current folder) also holds when a folder above --out is a link.
  let given = absolute;
  try {
    given = join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    // The parent does not exist yet: it is created empty, so nothing can be inside the output.
  }
  const stat = lstatOrNull(given);
  if (stat === null || !stat.isSymbolicLink()) return given;
  let real: string;
  try {
    real = realpathSync(given);
  } catch {
    throw new OutputError(`refusing to use ${given} as output: it is a symbolic link to nothing (${HINT})`);
  }
  return real;
}

/** Refuses a target that is not empty and not a previous pve-apidoc build. */
export function guardTarget(target: string): void {
  if (target === dirname(target)) throw new OutputError('refusing to use the file-system root as output');
  const cwd = resolve(process.cwd());
  if (target === cwd || cwd.startsWith(target + sep)) {
    throw new OutputError(`refusing to replace ${target}: it is the current folder or contains it`);
  }
  const stat = lstatOrNull(target);
  if (stat === null) return;
  if (!stat.isDirectory()) throw new OutputError(`output ${target} exists and is not a folder (${HINT})`);
  if (!isOurBuild(target)) {
    throw new OutputError(
      `refusing to replace ${target}: it is not empty and not a previous pve-apidoc build (no manifest.json or versions.json with "generator": "pve-apidoc"); ${HINT}`,
    );
  }
}

/** Entries a folder may hold and still count as empty: hidden ones (`.git`, `.nojekyll`) and a GitHub Pages `CNAME`. */
export function isBystander(name: string): boolean {
  return name.startsWith('.') || name === 'CNAME';
}

/** True for an (as good as) empty folder, or one that a pve-apidoc build wrote (its record, or a legacy manifest). */
function isOurBuild(dir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return false;
  }
  if (entries.every(isBystander)) return true;
  return readRecord(dir) !== null || isLegacyBuild(dir);
}

/** A build of an older version (no record): recognized by its manifest. */
export function isLegacyBuild(dir: string): boolean {
  const manifest = readJsonFile(resolve(dir, 'manifest.json'), MAX_MANIFEST_BYTES);
  if (isRecord(manifest) && manifest.generator === 'pve-apidoc' && Array.isArray(manifest.paths) && typeof manifest.product === 'string') {
    return true;
  }
  const versions = readJsonFile(resolve(dir, 'versions.json'), MAX_MANIFEST_BYTES);
  return isRecord(versions) && versions.generator === 'pve-apidoc' && Array.isArray(versions.versions);
}

/** An existing zip at `zipPath` may be replaced only if it is a regular file holding our bundle (entries below `folder/`). */
export function guardZip(zipPath: string, folder: string): void {
  const stat = lstatOrNull(zipPath);
  if (stat === null) return;
  if (!stat.isFile()) throw new OutputError(`refusing to replace ${zipPath}: it is not a regular file`);
  // A zip starts with a local file header: signature, 26 bytes of fields, then the first name.
  const head = Buffer.alloc(30 + 1024);
  const fd = openSync(zipPath, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const nameLength = read >= 30 ? head.readUInt16LE(26) : 0;
  const name = head.subarray(30, Math.min(read, 30 + nameLength)).toString('utf8');
  const ours = read >= 30 && head.readUInt32LE(0) === 0x04034b50 && name.startsWith(`${folder}/`);
  if (!ours) throw new OutputError(`refusing to replace ${zipPath}: it is not a pve-apidoc offline bundle; ${HINT}`);
}

/**
 * Refuses when a file the build reads (schema, formats, templates, logo) lives inside the folder
 * the build replaces: it would be deleted with the previous output, without a word.
 */
export function guardInputs(target: string, inputs: readonly string[]): void {
  for (const input of inputs) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) continue; // a URL
    let real: string;
    try {
      real = realpathSync(resolve(input));
    } catch {
      continue;
    }
    if (real === target || real.startsWith(target + sep)) {
      throw new OutputError(
        `refusing to replace ${target}: ${input} is inside it and would be deleted with the previous output; move it out of the output folder`,
      );
    }
  }
}

export function folderName(zipPath: string): string {
  return basename(zipPath).replace(/\.zip$/i, '');
}

/**
 * One HTML page at most this large: the largest real page (PVE 9.1 qemu config, every numbered
 * slot) is 0.63 MB; a page past the limit would not open usefully in a browser anyway.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

/** Refuses an output whose page is over MAX_PAGE_BYTES, naming the page. */
export function guardPageSizes(files: readonly OutputFile[]): void {
  for (const { file, content } of files) {
    if (!file.endsWith('.html')) continue;
    // String length is a lower bound of the UTF-8 size: only a candidate is measured exactly.
    if (typeof content === 'string' && content.length * 3 <= MAX_PAGE_BYTES) continue;
    const bytes = byteLength(content);
    if (bytes > MAX_PAGE_BYTES) {
      throw new OutputError(
        `page ${file} would be ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_PAGE_BYTES / 1024 / 1024} MB page limit`,
      );
    }
  }
}
