/**
 * The example generators' view of a schema `pattern` (untrusted text from the schema): a thin
 * adapter over the one bounded engine, generator/text/pattern.ts (RE2, linear time), so no schema
 * regex ever runs on a backtracking engine here.
 *
 * true: matches; false: rejected; null: no pattern, or one the bounded engine cannot run exactly
 * (the caller decides whether to trust the value then).
 */
import type { SchemaNode } from '../../model/types.js';
import { testPattern } from '../../text/pattern.js';

export function matchesPattern(schema: Pick<SchemaNode, 'pattern' | 'patternSyntax'>, value: string): boolean | null {
  if (schema.pattern === undefined) return null;
  const result = testPattern(schema.pattern, value, schema.patternSyntax);
  return result === 'unsupported' ? null : result;
}
