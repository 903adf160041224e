/** Comparing two normalized models: see ./compare.ts for what is compared and what counts as breaking. */
export { compareOperation, diffModels, operationKey, summarizeDiff } from './compare.js';
export { comparePermissions, permissionSummary, type PermissionVerdict } from './permissions.js';
export { changeMarkdown, diffJson, diffMarkdown, type ChangeJson, type DiffJson } from './format.js';
export { changeSentence } from './sentence.js';
export { checkOneProduct } from './product.js';
export type {
  ApiDiff,
  BooleanFlag,
  Bound,
  Change,
  DiffSide,
  DiffSummary,
  FlagChange,
  JsonValue,
  OperationDiff,
  ParameterChange,
  PermissionsChange,
  ReturnsChange,
} from './types.js';
