/**
 * PBS: four parameters (and the four returned fields that mirror them: 8 operations) give patterns with
 * raw control characters (`[^\x00-\x1F\x7F]` as bytes). The
 * Markdown export writes them as the HTML pages do, `<U+0000>`, and no Markdown file of the three
 * products carries a raw control or bidi character.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { silentLogger } from '../../generator/log.js';
import { HAS_INVISIBLE } from '../../generator/text/visible.js';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';

describe.each([
  { file: 'pve-9.1.apidata.js', shown: 0 },
  { file: 'pmg-2019-08.apidata.js', shown: 0 },
  { file: 'pbs-2025-06.apidoc.js', shown: 8 },
])('$file: Markdown shows control characters as the pages do', async ({ file, shown }) => {
  const { model } = await loadModel({ schema: join(SHARED_SCHEMAS, file) }, silentLogger());
  it('no raw control character in any Markdown file; <U+XXXX> where the schema has one', () => {
    const raw: string[] = [];
    const withCodePoints = new Set<string>();
    for (const page of model.paths) {
      const md = pathMarkdown(model, page, relativeLinks(page));
      if (HAS_INVISIBLE.test(md)) raw.push(page.path);
      for (const section of md.split('\n## ').slice(1)) {
        if (section.includes('<U+0000>')) withCodePoints.add(section.slice(0, section.indexOf(' — ')));
      }
    }
    expect(raw).toEqual([]);
    console.log(file, [...withCodePoints].sort().join('; '));
    expect(withCodePoints.size).toBe(shown);
  });
});
