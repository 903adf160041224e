/**
 * The call checker: would the server accept this call? It reads only the normalized model (paths,
 * operations, parameter schemas and the formats registry) and checks a call the way pve-common's
 * RESTHandler and PVE::JSONSchema::validate_params do, with the server's messages. Browser-safe
 * (no Node imports): the --try-it console runs the same code before it sends a request.
 *
 * API (kept small on purpose; the mock server, `pve-apidoc check`, the console and the MCP server use it):
 *
 *   const checker = createChecker(model);           // index built once per model
 *   const result = checker.check({ method: 'POST', path: '/nodes/pve1/qemu', params: { vmid: '100' } });
 *   result.status   // 200 valid | 400 parameter verification failed | 501 no such method or path
 *   result.errors   // { param: message } (400), as the server's `errors` object
 *   errorBody(result) // { data: null, errors } for a 400 (what pveproxy sends), or { data: null } for 501
 *
 * `params` holds query, form and JSON body parameters merged (the server merges them too); values
 * are strings from a query or form, or any JSON value from a JSON body; a repeated form key is an
 * array. Path parameters come from the path and are checked like the others.
 *
 * What is checked: unknown parameters (unless the method allows additional ones), missing required
 * ones, `requires`, type-dependent parameters (`instance-types` / `type-property`, `oneOf`), numbered
 * families (`net0` against `net[n]`, within the index range when the source gives one), types (the
 * server's boolean spellings 1/on/yes/true and 0/off/no/false, integers, numbers), lengths, ranges,
 * enums, patterns (linear-time RE2 only, see generator/text/pattern.ts), property strings (default key, aliases,
 * unknown and missing keys, each key's own schema) and their `-list` / `-opt` forms. Not checked:
 * named formats that the server validates in code (pve-node, ip, ...), and permissions.
 */
import type { ApiModel, ApiPath, HttpMethod, Operation, Parameter } from '../model/types.js';
import { HTTP_METHODS } from '../model/types.js';
import { type PathIndex, pathIndex } from './resolve.js';
import { addError, type CallValue, checkValue, type Errors } from './value.js';

export type { CallValue } from './value.js';

/** What the checker needs of a model: a whole ApiModel, or one page's slice of it (the console). */
export type CheckModel = Pick<ApiModel, 'paths' | 'formats'>;

export interface Call {
  method: string;
  /** Concrete path below /api2/json, e.g. "/nodes/pve1/qemu/100/status/start" (a query string is ignored). */
  path: string;
  params: Record<string, CallValue | undefined>;
}

export interface CheckResult {
  status: 200 | 400 | 501;
  /** The server's status line text: "OK", "Parameter verification failed.", "Method 'GET /x' not implemented". */
  message: string;
  operation: Operation | null;
  pathParams: Record<string, string>;
  errors: Record<string, string>;
}

export interface Checker {
  check(call: Call): CheckResult;
  /** The operation a method and concrete path resolve to, or null. */
  resolve(method: string, path: string): { operation: Operation; path: ApiPath; pathParams: Record<string, string> } | null;
}

export function createChecker(model: CheckModel): Checker {
  const index: PathIndex = pathIndex(model.paths);
  const resolve: Checker['resolve'] = (method, path) => {
    const resolved = index(path.split('?')[0]!);
    const operation = resolved?.path.operations.find((o) => o.method === method.toUpperCase());
    return resolved && operation ? { operation, path: resolved.path, pathParams: resolved.pathParams } : null;
  };
  return {
    resolve,
    check(call) {
      const method = call.method.toUpperCase();
      const found = HTTP_METHODS.includes(method as HttpMethod) ? resolve(method, call.path) : null;
      if (!found) {
        return {
          status: 501,
          message: `Method '${method} ${call.path.split('?')[0]}' not implemented`,
          operation: null,
          pathParams: {},
          errors: {},
        };
      }
      const errors = checkParameters(found.operation, { ...call.params, ...found.pathParams }, model);
      const failed = Object.keys(errors).length > 0;
      return {
        status: failed ? 400 : 200,
        message: failed ? 'Parameter verification failed.' : 'OK',
        operation: found.operation,
        pathParams: found.pathParams,
        errors,
      };
    },
  };
}

/** The response body the server sends for a failed check. */
export function errorBody(result: CheckResult): { data: null; errors?: Record<string, string> } {
  return result.status === 400 ? { data: null, errors: result.errors } : { data: null };
}

/** Errors an answer lists (the mock's 400, MCP check_call); the rest are counted. */
export const MAX_LISTED_ERRORS = 100;

/** The first `max` errors, in order, and how many more there were: an answer stays small whatever the call. */
export function listedErrors(
  errors: Record<string, string>,
  max: number = MAX_LISTED_ERRORS,
): { errors: Record<string, string>; more: number } {
  const entries = Object.entries(errors);
  return { errors: Object.fromEntries(entries.slice(0, max)), more: Math.max(0, entries.length - max) };
}

/** validate_params: every given parameter against its schema, then what is missing. */
function checkParameters(operation: Operation, given: Record<string, CallValue | undefined>, model: CheckModel): Errors {
  const errors: Errors = Object.create(null) as Errors;
  const ctx = { formats: model.formats, depth: 0 };
  const present = new Map<string, CallValue>();
  for (const [name, value] of Object.entries(given)) if (value !== undefined && value !== null) present.set(name, value);
  const byName = new Map(operation.parameters.map((p) => [p.name, p]));
  const families = operation.parameters.filter((p) => p.family !== null);
  for (const [name, value] of present) {
    const param = byName.get(name) ?? familyMember(families, name);
    if (!param) {
      if (!operation.additionalParameters) {
        addError(errors, name, 'property is not defined in schema and the schema does not allow additional properties');
      }
      continue;
    }
    const schema = variantFor(param, present);
    if (schema === 'not-applicable') {
      const typeProperty = param.schema.typeProperty ?? 'type';
      addError(errors, name, `property is not allowed for ${typeProperty} '${String(present.get(typeProperty) ?? '')}'`);
      continue;
    }
    checkValue(value, schema, name, errors, ctx);
    const requires = param.schema.requires;
    if (requires !== undefined && !present.has(requires)) {
      addError(errors, requires, `missing property - '${name}' requires this property`);
    }
  }
  for (const param of operation.parameters) {
    if (param.required && param.family === null && !present.has(param.name)) {
      addError(errors, param.name, 'property is missing and it is not optional');
    }
  }
  return errors;
}

/** `net0` against `net[n]`: digits without a leading zero, inside the range when the source lists one. */
function familyMember(families: readonly Parameter[], name: string): Parameter | undefined {
  for (const param of families) {
    const base = param.family!;
    if (!name.startsWith(base)) continue;
    const index = name.slice(base.length);
    if (!/^(?:0|[1-9]\d{0,5})$/.test(index)) continue;
    const n = Number(index);
    if (param.familyRange && (n < param.familyRange.first || n > param.familyRange.last)) continue;
    return param;
  }
  return undefined;
}

/**
 * Type-dependent parameters: a parameter with `instance-types` applies only when the type property
 * has one of those values; a `oneOf` parameter is checked against the alternative for that value.
 */
function variantFor(param: Parameter, present: Map<string, CallValue>): Parameter['schema'] | 'not-applicable' {
  const schema = param.schema;
  const typeProperty = schema.typeProperty;
  if (typeProperty === undefined) return schema;
  const selected = present.get(typeProperty);
  const type = typeof selected === 'string' || typeof selected === 'number' ? String(selected) : undefined;
  if (schema.oneOf && schema.oneOf.length > 0) {
    if (type === undefined) return schema.oneOf[0]!;
    return schema.oneOf.find((alt) => !alt.instanceTypes || alt.instanceTypes.includes(type)) ?? 'not-applicable';
  }
  if (schema.instanceTypes && type !== undefined && !schema.instanceTypes.includes(type)) return 'not-applicable';
  return schema;
}
