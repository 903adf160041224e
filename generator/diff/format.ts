/** An ApiDiff as the `diff` command prints it: JSON for machines, Markdown for people and CI logs. */
import { summarizeDiff } from './compare.js';
import type { ApiDiff, Change } from './types.js';

export interface DiffJson {
  old: string;
  new: string;
  breaking: boolean;
  summary: ReturnType<typeof summarizeDiff>;
  added: string[];
  removed: string[];
  changed: { operation: string; changes: Change[]; breaking: boolean }[];
}

/** `{"added": [...], "removed": [...], "changed": [{"operation", "changes", "breaking"}]}` plus labels and a summary. */
export function diffJson(diff: ApiDiff): DiffJson {
  return {
    old: diff.old.label,
    new: diff.new.label,
    breaking: diff.breaking,
    summary: summarizeDiff(diff),
    added: diff.added,
    removed: diff.removed,
    changed: diff.changed.map((c) => ({ operation: c.operation, changes: c.changes, breaking: c.breaking })),
  };
}

export function diffMarkdown(diff: ApiDiff): string {
  const s = summarizeDiff(diff);
  const lines: string[] = [];
  lines.push(`# API changes from ${diff.old.label} to ${diff.new.label}`, '');
  lines.push(
    `${s.added} operations added, ${s.removed} removed, ${s.changed} changed (${s.breakingChanged} with breaking changes). ` +
      (diff.breaking ? '**This update has breaking changes.**' : 'No breaking changes.'),
    '',
  );
  if (diff.removed.length > 0) {
    lines.push('## Removed operations', '');
    for (const op of diff.removed) lines.push(`- **BREAKING** \`${op}\``);
    lines.push('');
  }
  if (diff.added.length > 0) {
    lines.push('## Added operations', '');
    for (const op of diff.added) lines.push(`- \`${op}\``);
    lines.push('');
  }
  if (diff.changed.length > 0) {
    lines.push('## Changed operations', '');
    for (const op of diff.changed) {
      lines.push(`### \`${op.operation}\`${op.breaking ? ' (breaking)' : ''}`, '');
      for (const change of op.changes) lines.push(`- ${change.breaking ? '**BREAKING** ' : ''}${oneLine(change.text)}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
