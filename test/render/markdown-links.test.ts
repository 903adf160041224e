import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../generator/render/markdown.js';

describe('links in schema Markdown', () => {
  const md = createMarkdown();

  it('keeps http(s) links that are real URLs', () => {
    expect(md.inline('See [the wiki](https://pve.proxmox.com/wiki/Main_Page).')).toContain(
      '<a href="https://pve.proxmox.com/wiki/Main_Page"',
    );
  });

  // Regression: PVE's /cluster/options text has the placeholder http://username:password@host:port/,
  // which GFM autolinks into an href no browser can follow.
  it('leaves URL-looking placeholders that are not URLs as text', () => {
    const html = md.inline('Use http://username:password@host:port/ here.');
    expect(html).not.toContain('<a ');
    expect(html).toContain('http://username:password@host:port/');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x'])('drops %s as a link target', (href) => {
    expect(md.inline(`[click](${href})`)).not.toContain('<a ');
  });
});
