/**
 * Version labels of a multi-version build: `--schema LABEL=SOURCE`, sorted as versions
 * ("6.4" < "7.4" < "9.0" < "9.1" < "10.0"), the newest at the site root and the others under
 * `v/LABEL/`.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { isWindowsReserved } from '../model/urls.js';

export interface VersionSpec {
  label: string;
  source: string;
}

/** A label becomes a folder name, so it is kept to letters, digits, dot, dash and underscore. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `LABEL=SOURCE` -> {label, source}; anything else (a plain file or URL, or an existing file whose
 * name happens to contain "=") -> null.
 */
export function parseLabeled(value: string): VersionSpec | null {
  const eq = value.indexOf('=');
  if (eq <= 0) return null;
  const label = value.slice(0, eq);
  const source = value.slice(eq + 1);
  if (!LABEL.test(label) || source === '' || existsSync(value)) return null;
  return { label, source };
}

/**
 * The --schema values of a build: one plain source (the single-version build, exactly as before),
 * or one or more `LABEL=SOURCE` (a multi-version site), sorted oldest first.
 */
export function parseSchemaValues(values: readonly string[]): { single: string } | { versions: VersionSpec[] } {
  const specs = values.map((v) => ({ value: v, spec: parseLabeled(v) }));
  if (specs.length === 1 && specs[0]!.spec === null) return { single: specs[0]!.value };
  const plain = specs.find((s) => s.spec === null);
  if (plain) {
    throw new UsageError(
      `--schema "${plain.value}": give every schema as LABEL=SOURCE (e.g. 9.1=pve-9.1.apidata.js) when building several versions`,
    );
  }
  const versions = specs.map((s) => s.spec!);
  // Labels are folder names: they must stay apart on case-insensitive file systems and be valid on Windows.
  const seen = new Map<string, string>();
  for (const v of versions) {
    if (v.label.endsWith('.') || isWindowsReserved(v.label)) {
      throw new UsageError(`--schema: version label "${v.label}" cannot be a folder name on Windows (a device name or a trailing dot)`);
    }
    const earlier = seen.get(v.label.toLowerCase());
    if (earlier === v.label) throw new UsageError(`--schema: version label "${v.label}" given twice`);
    if (earlier !== undefined)
      throw new UsageError(`--schema: version labels "${earlier}" and "${v.label}" differ only in case (one folder on macOS and Windows)`);
    seen.set(v.label.toLowerCase(), v.label);
  }
  return { versions: versions.sort((a, b) => compareVersions(a.label, b.label)) };
}

/** Natural order: digit runs compare as numbers, other runs as text; "9.1" < "10.0", "8.4" < "8.4.1". */
export function compareVersions(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (ta.length !== tb.length) return ta.length - tb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a version's pages live: "" for the newest (the root), "v/LABEL/" for the others. */
export function versionPrefix(label: string, latest: boolean): string {
  return latest ? '' : `v/${label}/`;
}

/** The changelog page of a pair of versions. */
export function changelogFile(oldLabel: string, newLabel: string): string {
  return `changelog/${oldLabel}-${newLabel}/index.html`;
}

export const CHANGELOG_INDEX = 'changelog/index.html';
