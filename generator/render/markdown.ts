/**
 * Descriptions rendered as Markdown through a local `marked` instance (never the global one, so
 * nothing else in the process can change its options). Schema text is untrusted: raw HTML is
 * escaped, links keep only http(s)/mailto/relative targets, and images become plain text — a page
 * must never load anything from a host the schema names.
 */
import { Marked, type Tokens } from 'marked';
import { clipText, escapeHtml, MAX_SHOWN, safeHref } from './escape.js';

export interface MarkdownRenderer {
  /** Block Markdown -> HTML. */
  block(text: string | undefined): string;
  /** Inline Markdown (no paragraphs) -> HTML, for one-line summaries and table cells. */
  inline(text: string | undefined): string;
}

export function createMarkdown(): MarkdownRenderer {
  const marked = new Marked({
    gfm: true,
    breaks: false,
    async: false,
    tokenizer: {
      // Proxmox writes backslashes literally ("escaped as '\\n' and '\\\\'"), not as Markdown
      // escapes: keep `\X` as both characters. A backslash before a backtick still escapes it, so
      // that code spans are found as before.
      escape(src: string) {
        const cap = /^\\([!-/:-@[-`{-~])/.exec(src);
        if (!cap || cap[1] === '`') return false;
        return { type: 'escape', raw: cap[0], text: cap[0] };
      },
    },
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(text);
      },
      link({ href, title, tokens }: Tokens.Link): string {
        const inner = this.parser.parseInline(tokens);
        const safe = safeHref(href);
        if (safe === null) return inner;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<a href="${escapeHtml(safe)}"${titleAttr} rel="nofollow noopener">${inner}</a>`;
      },
      image({ text }: Tokens.Image): string {
        return `[image: ${escapeHtml(text)}]`;
      },
    },
  });
  // Descriptions repeat a lot (the same parameter on many paths): cache by text.
  const blockCache = new Map<string, string>();
  const inlineCache = new Map<string, string>();
  return {
    block(text) {
      if (!text) return '';
      let html = blockCache.get(text);
      if (html === undefined) {
        html = PLAIN_SENTENCE.test(text)
          ? `<p>${escapeQuotes(text)}</p>\n`
          : guarded(text, () => marked.parse(text, { async: false }) as string, true);
        blockCache.set(text, html);
      }
      return html;
    },
    inline(text) {
      if (!text) return '';
      let html = inlineCache.get(text);
      if (html === undefined) {
        html = PLAIN_SENTENCE.test(text)
          ? escapeQuotes(text)
          : guarded(text, () => marked.parseInline(text, { async: false }) as string, false);
        inlineCache.set(text, html);
      }
      return html;
    },
  };
}

/**
 * Most descriptions are one plain sentence ("The cluster node name."): one line that starts with a
 * letter and has no character Markdown gives a meaning to, no autolink (`@`, `://`, `www.`) and no
 * HTML. marked turns such text into itself (quotes escaped), wrapped in <p> as a block; so it is
 * written directly, without the parser (test/render/markdown-plain.test.ts checks the two agree).
 */
export const PLAIN_SENTENCE = /^(?![\s\S]*(?:www\.|:\/\/))[A-Za-z][A-Za-z0-9 ,.;:()'"/?%+=-]{0,4000}(?<! )$/;

function escapeQuotes(text: string): string {
  return text.replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Schema text is untrusted input to the Markdown parser too: marked recurses per nesting level
 * (a 1 MB run of "> - " overflows the stack) and is not linear on every pathological input. Text
 * too large or too deeply nested to be prose is shown as escaped plain text instead, and so is
 * anything marked fails on: a description never stops the build.
 */
// Real descriptions are at most 1,673 characters with at most 89 `*`/`_` (measured over every
// schema in ../shared/schemas); marked is quadratic in emphasis delimiters (16 K of "*a_" took
// 2.4 s to 12 s), so Markdown stops at 8 K characters or 1,000 delimiters, and longer text is
// plain (and cut at MAX_SHOWN.text).
export const MARKDOWN_LIMITS = { maxChars: 8 * 1024, maxNesting: 32, maxDelimiters: 1_000 } as const;

function guarded(text: string, parse: () => string, block: boolean): string {
  if (
    text.length <= MARKDOWN_LIMITS.maxChars &&
    nesting(text) <= MARKDOWN_LIMITS.maxNesting &&
    delimiters(text) <= MARKDOWN_LIMITS.maxDelimiters
  ) {
    try {
      return parse();
    } catch {
      // fall through to plain text
    }
  }
  const escaped = escapeHtml(clipText(text, MAX_SHOWN.text));
  return block ? `<p class="plain-text">${escaped}</p>\n` : escaped;
}

/** Emphasis delimiters (`*`, `_`): what marked's inline pass is quadratic in. */
function delimiters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95) count++;
  }
  return count;
}

/** Deepest run of block containers (quote and list markers) that opens any one line. */
function nesting(text: string): number {
  let deepest = 0;
  for (const match of text.matchAll(/^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))+/gm)) {
    const depth = (match[0].match(/>|[-+*]|\d{1,9}[.)]/g) ?? []).length;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}
