/**
 * Control and bidi characters in schema text read the same in the Markdown export as on the HTML
 * page: `<U+0000>`, never the raw byte. PBS gives four patterns with raw control characters
 * (`POST /config/metrics/influxdb-http` · url: `[^<U+0000>-<U+001F><U+007F>]`).
 */
import { describe, expect, it } from 'vitest';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import { renderSite } from '../../generator/render/pages.js';
import { loadTemplates } from '../../generator/render/templates.js';

const RAW = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('control characters: Markdown as HTML', () => {
  const document = [
    {
      path: '/config',
      text: 'config',
      info: {
        POST: {
          name: 'create',
          description: 'Create \u202eit.',
          parameters: {
            type: 'object',
            properties: { url: { type: 'string', pattern: '/^https?://[^\u0000-\u001F\u007F]*$/', description: 'A URL.' } },
          },
          returns: { type: 'null' },
          permissions: { user: 'all' },
        },
      },
    },
  ];
  const model = normalize({ source: 'pbs.json', dialect: 'viewer', document, product: 'pbs' }, silentLogger());
  const page = model.paths[0]!;
  const md = pathMarkdown(model, page, relativeLinks(page));
  const html = String(
    renderSite(model, loadTemplates(), { cleanUrls: true, baseUrl: '', assetVersions: {} }).find((f) => f.file === page.file)?.content,
  );

  it('the Markdown has no raw control character and shows each as the page does', () => {
    expect(md).not.toMatch(RAW);
    expect(md).toContain('[^<U+0000>-<U+001F><U+007F>]');
    expect(md).toContain('Create <U+202E>it.');
    expect(html).toContain('[^&lt;U+0000&gt;-&lt;U+001F&gt;&lt;U+007F&gt;]');
  });
});
