/** Comparing two normalized models: see ./compare.ts for what is compared and what counts as breaking. */
export { compareOperation, diffModels, operationKey, summarizeDiff } from './compare.js';
export { comparePermissions, permissionSummary, type PermissionVerdict } from './permissions.js';
export { diffJson, diffMarkdown, type DiffJson } from './format.js';
export type { ApiDiff, Change, ChangeKind, DiffSide, DiffSummary, OperationDiff } from './types.js';
