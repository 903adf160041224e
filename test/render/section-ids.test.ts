/**
 * Section ids: the operation partials give headings and figures ids derived from the operation's
 * anchor; the list of those suffixes (render/section-ids.ts) is what the model's anchor allocation
 * reserves. Regression: PVE 6.4 /access/tfa has a parameter named `response`, and its row had the
 * same id as the example response figure (post-response, put-response).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_IDS } from '../../generator/document/examples/index.js';
import { SECTION_ID_SUFFIXES } from '../../generator/render/section-ids.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';
import { duplicateIds } from './page-ids.js';

describe('section ids', () => {
  it('lists every id suffix the operation templates make', () => {
    const dir = join(REPO_ROOT, 'templates', 'partials');
    const made = new Set<string>();
    for (const file of readdirSync(dir)) {
      for (const [, suffix] of readFileSync(join(dir, file), 'utf8').matchAll(/id="\{\{anchor\}\}-([^"{]+)"/g)) made.add(suffix!);
    }
    // Figures: `{anchor}-{example id}` and `{anchor}-typical-{example id}` (render/view-operation.ts).
    for (const id of EXAMPLE_IDS) made.add(id).add(`typical-${id}`);
    expect(made.size).toBeGreaterThan(10);
    expect([...made].filter((s) => !SECTION_ID_SUFFIXES.includes(s))).toEqual([]);
  });

  it('gives a parameter named like a section its own id', async () => {
    const params = Object.fromEntries(
      SECTION_ID_SUFFIXES.map((name) => [name, { type: 'string', optional: 1, description: `Parameter ${name}.` }]),
    );
    const op = { name: 'op', description: 'An operation.', parameters: { type: 'object', properties: params }, returns: { type: 'null' } };
    const schema = [{ path: '/thing', text: 'thing', leaf: 1, info: { POST: op, PUT: op } }];
    const dir = join(tempDir(), 'ids');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'ids.apidata.js');
    writeFileSync(file, `const apiSchema = ${JSON.stringify(schema)};\n`);
    const { pages, duplicates } = await duplicateIds(file);
    expect(pages).toBeGreaterThan(0);
    expect(duplicates).toEqual([]);
  });
});
