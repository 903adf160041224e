/**
 * Descriptions rendered as Markdown through a local `marked` instance (never the global one, so
 * nothing else in the process can change its options). Schema text is untrusted: raw HTML is
 * escaped, links keep only http(s)/mailto/relative targets, and images become plain text — a page
 * must never load anything from a host the schema names.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml, safeHref } from './escape.js';

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
        html = marked.parse(text, { async: false }) as string;
        blockCache.set(text, html);
      }
      return html;
    },
    inline(text) {
      if (!text) return '';
      let html = inlineCache.get(text);
      if (html === undefined) {
        html = marked.parseInline(text, { async: false }) as string;
        inlineCache.set(text, html);
      }
      return html;
    },
  };
}
