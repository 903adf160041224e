/** Every page of every real schema in shared/: no id occurs twice on a page. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_SCHEMAS } from '../helpers/real-schemas.js';
import { duplicateIds } from './page-ids.js';

const schemas = readdirSync(SHARED_SCHEMAS).filter((f) => /\.(js|json)$/.test(f));

describe('ids on every page of every real schema', () => {
  it('finds the schemas', () => expect(schemas.length).toBeGreaterThanOrEqual(9));
  it.each(schemas)('%s: 0 duplicate ids', async (file) => {
    const { pages, duplicates } = await duplicateIds(join(SHARED_SCHEMAS, file));
    expect(pages).toBeGreaterThan(100);
    expect(duplicates.slice(0, 20)).toEqual([]);
  });
});
