/**
 * The language-neutral request behind every example: the path with its parameters filled in, the
 * required non-path arguments with example values, where they travel, and how the call authenticates.
 * Each language generator only formats this.
 */
import type { ProductInfo } from '../../model/product.js';
import type { FormatDef, HttpMethod, Operation, Parameter } from '../../model/types.js';
import { exampleParamName, exampleValue, lookupIn, type ExampleParam } from './values.js';

export interface ExampleContext {
  product: ProductInfo;
  /** Host name shown in URLs, e.g. "pve.example.com". */
  host: string;
  /** The model's named-format registry, to expand named property strings. */
  formats?: Record<string, FormatDef>;
}

/**
 * none: no login needed (`user: world`); token: an API token works (the token examples use it);
 * ticket: tokens are rejected (`allowtoken: 0`), only a ticket cookie works.
 */
export type AuthMode = 'none' | 'token' | 'ticket';

export interface ExampleArg {
  /** Name as sent (`net[n]` → `net0`). */
  name: string;
  /** Example value, unencoded and unquoted. */
  value: string;
}

export interface ExampleRequest {
  method: HttpMethod;
  /** API path with path parameters filled in, each segment value percent-encoded. */
  urlPath: string;
  /** API path with the raw values, for pvesh. */
  cliPath: string;
  /** Full URL without query: https://HOST:PORT/api2/json/... */
  url: string;
  /** Required non-path parameters, in the operation's parameter order. */
  args: ExampleArg[];
  /** GET and DELETE send arguments in the query string, POST and PUT in a form body. */
  argsIn: 'query' | 'body';
  auth: AuthMode;
}

export function authMode(op: Operation): AuthMode {
  if (op.permissions.mode === 'world') return 'none';
  return op.flags.allowToken ? 'token' : 'ticket';
}

/**
 * Every example generator (curl twice, pvesh, JavaScript, Python) and both renderers (the HTML page
 * and the Markdown export) ask for the same operation's request: it is computed once per operation
 * and context. Operations are immutable once normalized; callers only read the result.
 */
const requests = new WeakMap<
  Operation,
  { product: ProductInfo; host: string; formats: Record<string, FormatDef> | undefined; request: ExampleRequest }
>();

export function exampleRequest(op: Operation, ctx: ExampleContext): ExampleRequest {
  const cached = requests.get(op);
  if (cached && cached.product === ctx.product && cached.host === ctx.host && cached.formats === ctx.formats) return cached.request;
  const request = computeRequest(op, ctx);
  requests.set(op, { product: ctx.product, host: ctx.host, formats: ctx.formats, request });
  return request;
}

function computeRequest(op: Operation, ctx: ExampleContext): ExampleRequest {
  const lookup = lookupIn(ctx.formats);
  const byName = new Map(op.parameters.map((p) => [p.name, p] as const));
  const pathNames = new Set<string>();
  const fill = (encode: (value: string) => string): string =>
    op.path.replace(/\{([^}]*)\}/g, (_m, name: string) => {
      pathNames.add(name);
      // A placeholder without a declared parameter still gets a value from its name alone.
      const param: ExampleParam = byName.get(name) ?? { name, schema: { pointer: '', type: 'string', synopsis: '<string>' } };
      return encode(exampleValue(param, lookup));
    });
  const urlPath = fill(encodePathSegment);
  const cliPath = fill((v) => v);
  const isPathParam = (p: Parameter): boolean => p.location === 'path' || pathNames.has(p.name);
  const args = op.parameters
    .filter((p) => p.required && !isPathParam(p))
    .map((p) => ({ name: exampleParamName(p), value: exampleValue(p, lookup) }));
  return {
    method: op.method,
    urlPath,
    cliPath,
    url: `${baseUrl(ctx)}${urlPath}`,
    args,
    argsIn: op.method === 'GET' || op.method === 'DELETE' ? 'query' : 'body',
    auth: authMode(op),
  };
}

export function baseUrl(ctx: ExampleContext): string {
  return `https://${ctx.host}:${ctx.product.port}${ctx.product.apiBase}`;
}

/** Percent-encode one path segment, keeping ':' and '@' readable (both are legal in a path segment). */
export function encodePathSegment(value: string): string {
  return encodeComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/**
 * encodeURIComponent that cannot throw: a lone UTF-16 surrogate (possible in untrusted schema text)
 * becomes U+FFFD first, as a UTF-8 encoder would do.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
