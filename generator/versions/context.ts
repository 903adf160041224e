/**
 * The per-version render context of a multi-version site, built from plain data so that it can be
 * recreated inside a worker thread: labels, where each version lives, which pages each version
 * has, and the presence table behind the "since" / "removed in" notes.
 */
import { relativeHref } from '../model/urls.js';
import { SITE_FILES } from '../model/urls.js';
import type { VersionLinkView, VersionRenderContext } from '../render/site-context.js';
import { CHANGELOG_INDEX } from './labels.js';
import { VersionPresence, type PresenceData } from './presence.js';

export interface VersionContextData {
  /** Oldest first. */
  labels: string[];
  /** Where each version lives ("" for the newest, "v/LABEL/" for the others). */
  prefixes: string[];
  /** The page files of each version (relative to its own root): API pages and the site's own pages. */
  pages: string[][];
  cleanUrls: boolean;
  presence: PresenceData;
}

export function versionContext(
  data: VersionContextData,
  index: number,
  presence = new VersionPresence(data.presence),
): VersionRenderContext {
  const pageSets = data.pages.map((files) => new Set(files));
  const latestIndex = data.labels.length - 1;
  const prefix = data.prefixes[index]!;
  return {
    label: data.labels[index]!,
    latest: index === latestIndex,
    switcher: (file) => switcher(data, pageSets, index, file),
    changelogHref: (file) => relativeHref(prefix + file, CHANGELOG_INDEX, data.cleanUrls),
    operationNote: (op) => presence.operationNote(op, index),
    parameterNote: (op, name) => presence.parameterNote(op, name, index),
  };
}

/**
 * The switcher of one page: every version, newest first, linking to the same page there when it
 * exists and to that version's overview otherwise (`missing`). Changelog pages belong to no
 * version: their entries lead to each version's overview.
 */
function switcher(data: VersionContextData, pageSets: readonly Set<string>[], current: number, file: string): VersionLinkView[] {
  const from = data.prefixes[current]! + file;
  const shared = file.startsWith('changelog/');
  const out: VersionLinkView[] = [];
  for (let i = data.labels.length - 1; i >= 0; i--) {
    const exists = !shared && pageSets[i]!.has(file);
    out.push({
      label: data.labels[i]!,
      href: relativeHref(from, data.prefixes[i]! + (exists ? file : SITE_FILES.index), data.cleanUrls),
      current: i === current && !shared,
      latest: i === data.labels.length - 1,
      missing: !exists && !shared,
    });
  }
  return out;
}
