/** Schema text writes backslashes literally; neither the pages nor the Markdown export may eat one. */
import { describe, expect, it } from 'vitest';
import { mdCell, mdDescription, mdText } from '../../generator/export/markdown-text.js';
import { createMarkdown } from '../../generator/render/markdown.js';

// PVE 9.1 `notes-template`: "newline and backslash need to be escaped as '\n' and '\\' respectively."
const NOTES = "Needs to be a single line, newline and backslash need to be escaped as '\\n' and '\\\\' respectively.";

describe('backslashes', () => {
  it('the page shows both backslashes of \\\\ (also next to Markdown that forces the full parser)', () => {
    const md = createMarkdown();
    expect(md.block(NOTES)).toContain('&#39;\\\\&#39;');
    expect(md.block(`Use \`code\` and ${NOTES}`)).toContain('&#39;\\\\&#39;');
    expect(md.inline('a \\* b *c*')).toBe('a \\* b <em>c</em>');
  });

  it('a backslash before a backtick still escapes it, so code spans are found as before', () => {
    expect(createMarkdown().inline('\\`not code\\` and `code`')).toBe('`not code` and <code>code</code>');
  });

  it('the Markdown export doubles a backslash so CommonMark shows one', () => {
    expect(mdText("as '\\\\' here")).toBe("as '\\\\\\\\' here");
    expect(mdDescription("as '\\\\' here")).toBe("as '\\\\\\\\' here");
    expect(mdCell('a \\| b')).toBe('a \\\\\\| b');
    // inside a code span backslashes are literal already
    expect(mdText('`a\\\\b`')).toBe('`a\\\\b`');
  });
});
