/**
 * The ids the operation partials (templates/partials/) give an operation's headings and figures,
 * as suffixes of the operation's anchor (`post` + `-returns` = `post-returns`). Kept here, beside
 * the renderer that fills those templates, and handed to the model's anchor allocation (build.ts),
 * so a parameter called `returns`, `response` or `typical-curl` gets `post-returns-2` instead of a
 * duplicate id. A test reads every template and fails on a suffix missing from this list.
 */
import { EXAMPLE_IDS } from '../document/examples/index.js';

const SECTIONS = ['title', 'params', 'returns', 'permissions', 'examples', 'typical', 'minimal', 'response', 'try-it'] as const;

/** Every suffix, figures included: each example's id, alone (minimal request) and after `typical-`. */
export const SECTION_ID_SUFFIXES: readonly string[] = [...SECTIONS, ...EXAMPLE_IDS, ...EXAMPLE_IDS.map((id) => `typical-${id}`)];
