/**
 * The "Schema coverage" page: what the schema leaves out, per section, with counts and a link to
 * each operation concerned. It states the silences; it never guesses what is missing.
 */
import { siteIndex } from '../model/site-index.js';
import { SILENCE_KINDS, SILENCE_TITLES, schemaCoverage, type SilenceKind } from '../model/coverage.js';
import type { ApiModel } from '../model/types.js';
import { stableId } from '../model/urls.js';
import type { PageLinks } from './site-context.js';

interface CoverageCountView {
  kind: SilenceKind;
  title: string;
  count: number;
  operations: number;
}

export function coverageData(model: ApiModel, links: PageLinks): Record<string, unknown> {
  const coverage = schemaCoverage(model);
  const { byPath } = siteIndex(model);
  const counts = (c: Record<SilenceKind, number>, ops?: Record<SilenceKind, number>): CoverageCountView[] =>
    SILENCE_KINDS.map((kind) => ({ kind, title: SILENCE_TITLES[kind], count: c[kind], operations: ops?.[kind] ?? 0 }));
  return {
    crumbs: [{ text: 'Schema coverage', href: '' }],
    productName: model.productName,
    operations: coverage.operations,
    totals: counts(coverage.counts, coverage.operationsWith),
    sections: coverage.sections.map((section) => ({
      name: section.section,
      id: stableId('coverage', section.section),
      operations: section.operations,
      silent: section.entries.length,
      counts: counts(section.counts).filter((c) => c.count > 0),
      entries: section.entries.map(({ op, silences }) => ({
        href: `${links.href(byPath.get(op.path)?.file ?? '')}#${op.anchor}`,
        method: op.method,
        methodLower: op.method.toLowerCase(),
        path: op.path,
        silences: silences.map((s) => ({ title: SILENCE_TITLES[s.kind], field: s.field })),
      })),
    })),
  };
}
