/** An ApiDiff as the `diff` command prints it: JSON for machines, Markdown for people and CI logs. */
import { type PhraseFormat, renderPhrase } from '../document/phrase.js';
import { mdCode, mdLine, mdText } from '../export/markdown-text.js';
import { showControls } from '../text/visible.js';
import { summarizeDiff } from './compare.js';
import { changeSentence } from './sentence.js';
import type { ApiDiff, Change } from './types.js';

/** A change as JSON: its typed fields plus `text`, the sentence the Markdown report prints. */
export type ChangeJson = Change & { text: string };

export interface DiffJson {
  old: string;
  new: string;
  breaking: boolean;
  summary: ReturnType<typeof summarizeDiff>;
  added: string[];
  removed: string[];
  changed: { operation: string; changes: ChangeJson[]; breaking: boolean }[];
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
    changed: diff.changed.map((c) => ({
      operation: c.operation,
      changes: c.changes.map((change) => ({ ...change, text: changeMarkdown(change) })),
      breaking: c.breaking,
    })),
  };
}

/**
 * Markdown for a PR comment or a terminal. Operations ("GET /path") are schema text: each is a
 * code span no backtick in it can close (so no image, HTML or link forms), labels are escaped
 * text, and control characters anywhere are made visible.
 */
export function diffMarkdown(diff: ApiDiff): string {
  const s = summarizeDiff(diff);
  const lines: string[] = [];
  lines.push(`# API changes from ${mdLine(diff.old.label)} to ${mdLine(diff.new.label)}`, '');
  lines.push(
    `${s.added} operations added, ${s.removed} removed, ${s.changed} changed (${s.breakingChanged} with breaking changes). ` +
      (diff.breaking ? '**This update has breaking changes.**' : 'No breaking changes.'),
    '',
  );
  if (diff.removed.length > 0) {
    lines.push('## Removed operations', '');
    for (const op of diff.removed) lines.push(`- **BREAKING** ${mdCode(op)}`);
    lines.push('');
  }
  if (diff.added.length > 0) {
    lines.push('## Added operations', '');
    for (const op of diff.added) lines.push(`- ${mdCode(op)}`);
    lines.push('');
  }
  if (diff.changed.length > 0) {
    lines.push('## Changed operations', '');
    for (const op of diff.changed) {
      lines.push(`### ${mdCode(op.operation)}${op.breaking ? ' (breaking)' : ''}`, '');
      for (const change of op.changes) lines.push(`- ${change.breaking ? '**BREAKING** ' : ''}${changeMarkdown(change)}`);
      lines.push('');
    }
  }
  return showControls(lines.join('\n'));
}

/** Markdown for a change's phrase: our words as they are, names and values as code spans, schema text escaped. */
const MARKDOWN: PhraseFormat = {
  words: (value) => value,
  code: (value) => mdCode(value),
  text: (value) => mdText(value),
  strong: (value) => `**${mdText(value)}**`,
  apiPath: (value) => mdCode(value),
};

/** One change as one line of Markdown. */
export function changeMarkdown(change: Change): string {
  const markdown = renderPhrase(changeSentence(change), MARKDOWN);
  // \s also matches CR and the line separators: a change is one list item.
  return markdown.replace(/\s+/g, ' ');
}
