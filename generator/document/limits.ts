/**
 * Nesting limits, in one place: how deep each output follows a schema. Real schemas nest 4-5
 * levels (PVE 9.1 returns); the caps only guard against pathological input, and each output
 * states the same limit for the same purpose.
 */

/** Field tables (HTML pages and Markdown): deeper fields are listed without their own fields. */
export const FIELD_DEPTH = 12;

/** The OpenAPI export's schemas: deeper nodes are exported without children. */
export const SCHEMA_EXPORT_DEPTH = 16;

/** Example values for property strings whose keys are property strings themselves. */
export const EXAMPLE_VALUE_DEPTH = 4;
