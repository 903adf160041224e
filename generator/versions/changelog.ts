/**
 * Changelog pages of a multi-version site: an index of all consecutive pairs and one page per pair
 * listing removed, added and changed operations (breaking changes marked), each entry linking to
 * the operation (or parameter) on the old and the new version's page.
 */
import { operationKey, summarizeDiff } from '../diff/compare.js';
import { changeSentence } from '../diff/sentence.js';
import { type PhraseFormat, renderPhrase } from '../document/phrase.js';
import type { ApiDiff, Change, DiffSummary } from '../diff/types.js';
import type { ApiModel, Operation } from '../model/types.js';
import { idFragment, relativeHref, uniqueIds } from '../model/urls.js';
import { escapeHtml } from '../render/escape.js';
import { CHANGELOG_INDEX, changelogFile } from './labels.js';

/** One version as the changelog sees it: its label, its model, and where its pages live. */
export interface VersionSite {
  label: string;
  model: ApiModel;
  prefix: string;
}

export interface ChangelogPage {
  file: string;
  template: 'changelog' | 'changelog-index';
  title: string;
  description: string;
  data: Record<string, unknown>;
}

interface OpLink {
  id: string;
  method: string;
  methodLower: string;
  path: string;
  oldHref: string;
  newHref: string;
}

/** HTML for a change's phrase: names and values in <code>, everything escaped. */
const HTML: PhraseFormat = {
  words: escapeHtml,
  code: (value) => `<code>${escapeHtml(value)}</code>`,
  text: escapeHtml,
  strong: (value) => `<strong>${escapeHtml(value)}</strong>`,
  apiPath: (value) => `<code>${escapeHtml(value)}</code>`,
};

/** One change as HTML. */
export function changeHtml(change: Change): string {
  return renderPhrase(changeSentence(change), HTML);
}

export function changelogPages(sites: readonly VersionSite[], diffs: readonly ApiDiff[], cleanUrls: boolean): ChangelogPage[] {
  const pages: ChangelogPage[] = [];
  const pairs = diffs.map((diff, i) => ({
    diff,
    old: sites[i]!,
    new: sites[i + 1]!,
    file: changelogFile(sites[i]!.label, sites[i + 1]!.label),
  }));
  const product = sites[sites.length - 1]!.model.productName;
  pages.push({
    file: CHANGELOG_INDEX,
    template: 'changelog-index',
    title: `Changelog — ${product} API ${sites[0]!.label} to ${sites[sites.length - 1]!.label}`,
    description: `What changed in the ${product} API between versions ${sites.map((s) => s.label).join(', ')}.`,
    data: {
      crumbs: [{ text: 'Changelog', href: '' }],
      productName: product,
      versions: sites.map((s) => ({ label: s.label, href: relativeHref(CHANGELOG_INDEX, s.prefix + 'index.html', cleanUrls) })).reverse(),
      pairs: pairs
        .map((p) => ({
          old: p.old.label,
          new: p.new.label,
          href: relativeHref(CHANGELOG_INDEX, p.file, cleanUrls),
          summary: summarizeDiff(p.diff),
        }))
        .reverse(),
    },
  });
  for (const pair of pairs) pages.push(pairPage(pair.file, pair.old, pair.new, pair.diff, cleanUrls, product));
  return pages;
}

function pairPage(
  file: string,
  oldSite: VersionSite,
  newSite: VersionSite,
  diff: ApiDiff,
  cleanUrls: boolean,
  product: string,
): ChangelogPage {
  const oldOps = operationIndex(oldSite.model);
  const newOps = operationIndex(newSite.model);
  const ids = uniqueIds();
  const href = (site: VersionSite, entry: OpEntry | undefined, anchor?: string): string =>
    entry ? relativeHref(file, site.prefix + entry.file, cleanUrls) + '#' + (anchor ?? entry.op.anchor) : '';
  const opLink = (key: string): OpLink => {
    const o = oldOps.get(key);
    const n = newOps.get(key);
    const op = (n ?? o)!.op;
    return {
      id: ids(`op-${idFragment(key)}`),
      method: op.method,
      methodLower: op.method.toLowerCase(),
      path: op.path,
      oldHref: href(oldSite, o),
      newHref: href(newSite, n),
    };
  };
  const changed = diff.changed.map((entry) => {
    const o = oldOps.get(entry.operation);
    const n = newOps.get(entry.operation);
    return {
      ...opLink(entry.operation),
      breaking: entry.breaking,
      changes: entry.changes.map((change) => changeView(change, oldSite, newSite, o, n, href)),
    };
  });
  const summary: DiffSummary = summarizeDiff(diff);
  return {
    file,
    template: 'changelog',
    title: `Changes from ${oldSite.label} to ${newSite.label} — ${product} API`,
    description: `${product} API ${oldSite.label} → ${newSite.label}: ${summary.added} operations added, ${summary.removed} removed, ${summary.changed} changed.`,
    data: {
      crumbs: [
        { text: 'Changelog', href: relativeHref(file, CHANGELOG_INDEX, cleanUrls) },
        { text: `${oldSite.label} → ${newSite.label}`, href: '' },
      ],
      productName: product,
      old: { label: oldSite.label, href: relativeHref(file, oldSite.prefix + 'index.html', cleanUrls) },
      new: { label: newSite.label, href: relativeHref(file, newSite.prefix + 'index.html', cleanUrls) },
      summary,
      hasBreaking: diff.breaking,
      removed: diff.removed.map(opLink),
      added: diff.added.map(opLink),
      changed,
      breaking: changed.filter((c) => c.breaking).map((c) => ({ id: c.id, method: c.method, methodLower: c.methodLower, path: c.path })),
      cli: `pve-apidoc diff ${oldSite.label}=OLD ${newSite.label}=NEW`,
    },
  };
}

interface OpEntry {
  op: Operation;
  file: string;
}

function operationIndex(model: ApiModel): Map<string, OpEntry> {
  const map = new Map<string, OpEntry>();
  for (const p of model.paths) for (const op of p.operations) map.set(operationKey(op), { op, file: p.file });
  return map;
}

function changeView(
  change: Change,
  oldSite: VersionSite,
  newSite: VersionSite,
  o: OpEntry | undefined,
  n: OpEntry | undefined,
  href: (site: VersionSite, entry: OpEntry | undefined, anchor?: string) => string,
): { html: string; breaking: boolean; oldHref: string; newHref: string } {
  const parameter = 'parameter' in change ? change.parameter : undefined;
  const paramAnchor = (entry: OpEntry | undefined): string | undefined =>
    parameter === undefined ? undefined : entry?.op.parameters.find((p) => p.name === parameter)?.anchor;
  const oldAnchor = paramAnchor(o);
  const newAnchor = paramAnchor(n);
  return {
    html: changeHtml(change),
    breaking: change.breaking,
    // Parameter changes link to the parameter's row where it exists, else to the operation.
    oldHref: change.kind === 'parameter-added' ? '' : href(oldSite, o, oldAnchor),
    newHref: change.kind === 'parameter-removed' ? '' : href(newSite, n, newAnchor),
  };
}
