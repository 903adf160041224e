/** The multi-version branch of `pve-apidoc build` (several `--schema LABEL=SOURCE`): a summary per version and the totals. */
import type { BuildOptions } from '../build.js';
import { summarizeDiff } from '../diff/compare.js';
import { EXIT, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { buildVersions, type VersionsBuildOptions } from './build.js';
import type { VersionSpec } from './labels.js';

export async function runVersionsBuild(versions: VersionSpec[], options: BuildOptions, log: Logger): Promise<number> {
  if (options.version !== undefined)
    throw new UsageError('--api-version cannot be combined with --schema LABEL=SOURCE: the labels are the versions');
  const { schema: _schema, version: _version, ...rest } = options;
  void _schema;
  void _version;
  const multi: VersionsBuildOptions = { ...rest, versions };
  const started = performance.now();
  const result = await buildVersions(multi, log);
  const total = performance.now() - started;
  const ms = (n: number): string => `${Math.round(n)} ms`;
  const t = result.timings;
  const latest = result.versions[result.versions.length - 1]!;
  log.info(
    `built ${plural(result.versions.length, 'version')} (${result.versions.map((v) => v.label).join(', ')}; ${latest.label} at the root) with ${plural(result.diffs.length, 'changelog page')}: ${result.files} files, ${(result.bytes / 1024 / 1024).toFixed(1)} MB into ${result.out}${result.unchanged ? ' (unchanged: it already held these files, nothing written)' : ''} in ${ms(total)}`,
  );
  result.diffs.forEach((diff) => {
    const s = summarizeDiff(diff);
    log.info(
      `  ${diff.old.label} → ${diff.new.label}: ${s.added} added, ${s.removed} removed, ${s.changed} changed (${s.breakingChanged} breaking)`,
    );
  });
  log.info(
    `  load ${ms(t.load)} · validate ${ms(t.validate)} · deref ${ms(t.deref)} · normalize ${ms(t.normalize)} · diff ${ms(t.diff)} · render ${ms(t.render)} · write ${ms(t.write)}`,
  );
  if (result.zip) log.info(`  offline bundle: ${result.zip.path} (${(result.zip.bytes / 1024 / 1024).toFixed(1)} MB)`);
  return EXIT.ok;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
