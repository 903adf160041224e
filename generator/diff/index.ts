/** Comparing two normalized models: see ./compare.ts for what is compared and what counts as breaking. */
export { diffModels, summarizeDiff } from './compare.js';
export { comparePermissions } from './permissions.js';
export { changeMarkdown, diffJson, diffMarkdown } from './format.js';
export { checkOneProduct } from './product.js';
export type { ApiDiff, Change } from './types.js';
