/** The one "is this a JSON object" test (not null, not an array), in a module of its own so that the schema reader and typetext share it without importing each other. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
