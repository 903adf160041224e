/**
 * Schema text -> CommonMark/GFM that cannot turn into markup a reader did not write. Used by the
 * Markdown export and by the OpenAPI export (whose `description` fields are CommonMark too).
 *
 * Schema text is untrusted, and the site already treats descriptions as Markdown with raw HTML
 * escaped; these helpers give the same meaning in plain CommonMark:
 * - `<` outside code spans becomes `&lt;`, so no raw HTML and no `<scheme:...>` autolink can form
 *   (it also keeps placeholders such as `<GUEST>-<JOBNUM>` visible instead of vanishing as tags);
 * - inline links keep only http(s), mailto and scheme-less targets, reference definitions are
 *   defused, and images become links (a rendered page must not load anything by itself);
 * - table cells additionally escape `|` and fold line breaks into `<br>` (our markup, not theirs).
 */
import type { Permissions } from '../model/types.js';
import type { FlagDoc } from '../document/flags.js';
import { permissionsPlainText } from '../document/permissions.js';
import { renderPhrase, type PhraseFormat } from '../document/phrase.js';
import { trimEnd } from '../text/trim.js';

/**
 * The same descriptions come back on many operations ("The cluster node name." on hundreds): the
 * two converters for whole descriptions remember their results (a bounded cache, cleared when full).
 */
function memo(convert: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      if (cache.size >= 20_000) cache.clear();
      out = convert(text);
      cache.set(text, out);
    }
    return out;
  };
}

/** Block text (a description): safe CommonMark with its Markdown otherwise kept. */
export const mdText = memo((text: string): string => defuseLines(transformOutsideCode(text, escapeOutsideCode)));

/**
 * Block text for OpenAPI `description` fields. Client generators copy descriptions into code
 * comments, where `&lt;` stays `&lt;`: here a `<` is escaped only where it could open HTML or an
 * autolink (before a letter, `/`, `!` or `?`), and with a backslash (`\<`, CommonMark's own escape,
 * which reads as `<` in a comment too). A `<` before a space or digit cannot form markup and stays.
 */
export const mdDescription = memo((text: string): string => defuseLines(transformOutsideCode(text, (s) => escapeOutsideCode(s, true))));

/** Text inside one GFM table cell: as `mdText`, on one line, with `|` escaped. */
export const mdCell = memo(cellText);

function cellText(text: string): string {
  const oneLine = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((para) => para.replace(/\s*\n\s*/g, ' '))
    .join('\n');
  const escaped = transformOutsideCode(
    oneLine,
    (s) => escapePipes(escapeOutsideCode(s)),
    (code) => code.replace(/\|/g, '\\|'),
  );
  return defuseLines(escaped).replace(/\n/g, '<br><br>');
}

/** One line of text for a heading or a list item: as `mdText`, with line breaks folded. */
export function mdLine(text: string): string {
  return mdText(text.replace(/\s*[\r\n]+\s*/g, ' ').trim()).replace(/^(\s*)([#>+*-]|\d+[.)])(\s)/, '$1\\$2$3');
}

/**
 * An inline code span showing `text` literally: the fence is one backtick longer than the longest
 * backtick run inside, padded when the text starts or ends with a backtick. `cell` escapes `|`
 * (GFM splits table cells on pipes even inside code spans).
 */
export function mdCode(text: string, cell = false): string {
  let body = text.replace(/[\r\n]+/g, ' ');
  if (cell) body = body.replace(/\|/g, '\\|');
  const longest = body.includes('`') ? Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length)) : 0;
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '') ? ' ' : '';
  if (body === '') return '` `';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block that no line of `code` can close early. */
export function mdFence(code: string, language = ''): string {
  const longest = code.includes('```') ? Math.max(0, ...[...code.matchAll(/`{3,}/g)].map((m) => m[0].length)) : 0;
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${/^[a-z0-9_+-]*$/i.test(language) ? language : ''}\n${trimEnd(code, '\n')}\n${fence}`;
}

/** Text between `[` and `]` of a link we write. */
export function mdLinkText(text: string): string {
  return text.replace(/[\\[\]`*_<]/g, (c) => (c === '<' ? '&lt;' : `\\${c}`));
}

// ---------------------------------------------------------------------------------------------

/**
 * Applies `outside` to the text between code spans and `inside` to each code span (backticks
 * included). A backtick run opens a span only when a run of the same length closes it later
 * (CommonMark); a backslash-escaped backtick opens nothing.
 */
function transformOutsideCode(text: string, outside: (s: string) => string, inside: (s: string) => string = (s) => s): string {
  // Most text has no backtick at all, so no code span: all of it is outside.
  if (!text.includes('`')) return outside(text);
  let out = '';
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      // A backslash escape: the next character (a backtick too) is literal.
      plain += c + text[i + 1]!;
      i += 2;
      continue;
    }
    if (c !== '`') {
      plain += c;
      i++;
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run++;
    const close = findClosingRun(text, i + run, run);
    if (close < 0) {
      plain += '`'.repeat(run);
      i += run;
      continue;
    }
    out += outside(plain) + inside(text.slice(i, close + run));
    plain = '';
    i = close + run;
  }
  return out + outside(plain);
}

function findClosingRun(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (text[i + run] === '`') run++;
    if (run === length) return i;
    i += run;
  }
  return -1;
}

const SAFE_SCHEME = /^(?:https?:\/\/|mailto:)/i;

/** A link destination that cannot run script: http(s), mailto, or scheme-less without entities/escapes. */
function safeLinkTarget(target: string): boolean {
  const t = target.trim();
  if (SAFE_SCHEME.test(t)) return true;
  const head = t.split(/[/?#]/, 1)[0] ?? '';
  return !/[:&\\%]/.test(head) && !/[\u0000-\u0020]/.test(head);
}

function escapeOutsideCode(s: string, backslash = false): string {
  return (
    s
      // Schema text means its backslashes literally ('\\' is two characters): CommonMark would
      // read `\X` as an escape and drop it, so it is doubled (not before a backtick, which the
      // code-span scan above already treated as an escape).
      .replace(/\\(?=[!-/:-@[-_{-~])/g, '\\\\')
      .replace(backslash ? /<(?=[A-Za-z/!?])/g : /</g, backslash ? '\\<' : '&lt;')
      // Images would load their target when rendered: make them plain links.
      .replace(/!\[/g, '\\![')
      // Inline links with a target that could run script: break the `](` so no link forms.
      .replace(/\]\(\s*([^\s)]*)/g, (m: string, target: string) => (safeLinkTarget(target) ? m : `]\\(${m.slice(2)}`))
  );
}

/** A pipe ends a GFM table cell unless an odd number of backslashes precedes it. */
function escapePipes(s: string): string {
  return s.replace(/\\*\|/g, (m) => ((m.length - 1) % 2 === 0 ? `${m.slice(0, -1)}\\|` : m));
}

/** Reference definitions (`[x]: target`) are defused line by line: escaped `[` defines nothing. */
function defuseLines(s: string): string {
  return s.replace(/^( {0,3})\[([^\]\n]*)\]:/gm, '$1\\[$2]:');
}

/**
 * Permissions as Markdown: the sentences of `permissionsPlainText` (one per line, nested checks as
 * "- " bullets indented two spaces per level), each sentence its own paragraph so that a
 * following line never runs on into a list item, and the free-text description last.
 */
export function permissionsMarkdown(p: Permissions): string {
  const lines = permissionsPlainText({ ...p, description: undefined }).split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const bullet = /^(\s*)- (.*)$/.exec(line);
    if (bullet) {
      out.push(`${bullet[1]}- ${mdLine(bullet[2]!)}`);
      continue;
    }
    if (out.length > 0) out.push('');
    out.push(mdLine(line));
  }
  if (p.description !== undefined && p.description.trim() !== '') out.push('', mdText(p.description.trim()));
  return out.join('\n');
}

/** Phrases on a line of their own (flags, the return value's shape and links). */
export const LINE: PhraseFormat = {
  words: (value) => value,
  code: (value) => mdCode(value),
  text: mdLine,
  strong: (value) => `**${mdLine(value)}**`,
  apiPath: (value) => mdCode(value),
};

/** The operation's flags (document/flags.ts) as a Markdown list: the Markdown export and OpenAPI descriptions. */
export function flagsMarkdown(flags: readonly FlagDoc[]): string {
  return flags.map((f) => `- **${renderPhrase(f.label, LINE)}** — ${renderPhrase(f.text, LINE)}`).join('\n');
}
