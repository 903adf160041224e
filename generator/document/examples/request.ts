/**
 * The language-neutral request behind every example: the path with its parameters filled in, the
 * required non-path arguments with example values, where they travel, and how the call authenticates.
 * Each language generator only formats this.
 */
import type { ProductInfo } from '../../model/product.js';
import { conformError } from './conform.js';
import { taskKind, type TaskKind } from './tasks.js';
import { TYPICAL } from './typical.js';
import type { FormatDef, HttpMethod, Operation, Parameter } from '../../model/types.js';
import { exampleParamName, exampleValue, lookupIn, type ExampleParam, type FormatLookup } from './values.js';

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
  /** Non-path parameters (minimal: the required ones; typical: plus curated optional ones), in parameter order. */
  args: ExampleArg[];
  /** GET and DELETE send arguments in the query string, POST and PUT in a form body. */
  argsIn: 'query' | 'body';
  /** An upload: the body is multipart/form-data and this argument carries a local file (its value is the file name). */
  fileArg: string | null;
  /** The call may answer with a file (download_allowed): the examples save the response body. */
  download: string | null;
  /** Whether the call starts a background task and returns its UPID (see generator/document/examples/tasks.ts). */
  task: TaskKind;
  auth: AuthMode;
}

export type ExampleVariant = 'minimal' | 'typical';

export function authMode(op: Operation): AuthMode {
  if (op.permissions.mode === 'world') return 'none';
  return op.flags.allowToken ? 'token' : 'ticket';
}

/**
 * Every example generator (curl twice, pvesh, JavaScript, Python) and both renderers (the HTML page
 * and the Markdown export) ask for the same operation's request: it is computed once per operation
 * and context. Operations are immutable once normalized; callers only read the result.
 */
const requests: Record<ExampleVariant, WeakMap<Operation, Cached>> = { minimal: new WeakMap(), typical: new WeakMap() };

interface Cached {
  product: ProductInfo;
  host: string;
  formats: Record<string, FormatDef> | undefined;
  request: ExampleRequest | null;
}

/** The request with the required parameters only. */
export function exampleRequest(op: Operation, ctx: ExampleContext): ExampleRequest {
  return cachedRequest(op, ctx, 'minimal') as ExampleRequest;
}

/**
 * The request a user typically sends: the required parameters plus the curated optional ones of
 * generator/document/examples/typical.ts (values checked against each parameter's schema); null when the
 * operation has no curated entry, or the entry adds nothing to the minimal request.
 */
export function typicalRequest(op: Operation, ctx: ExampleContext): ExampleRequest | null {
  return cachedRequest(op, ctx, 'typical');
}

function cachedRequest(op: Operation, ctx: ExampleContext, variant: ExampleVariant): ExampleRequest | null {
  const cache = requests[variant];
  const cached = cache.get(op);
  if (cached && cached.product === ctx.product && cached.host === ctx.host && cached.formats === ctx.formats) return cached.request;
  const request = computeRequest(op, ctx, variant);
  cache.set(op, { product: ctx.product, host: ctx.host, formats: ctx.formats, request });
  return request;
}

/** POST .../upload with a `filename` parameter: PVE's multipart upload, whose `filename` field carries the file. */
function uploadField(op: Operation): string | null {
  if (op.method !== 'POST' || !/\/upload$/.test(op.path)) return null;
  return op.parameters.some((p) => p.name === 'filename') ? 'filename' : null;
}

/** A local file name for a download: the last path segment, reduced to safe characters. */
function downloadName(urlPath: string): string {
  const last = decodeURIComponent(urlPath.split('/').pop() ?? '');
  const safe = last.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '');
  return safe === '' ? 'download' : safe;
}

function computeRequest(op: Operation, ctx: ExampleContext, variant: ExampleVariant): ExampleRequest | null {
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
  const curated = variant === 'typical' ? (TYPICAL[`${op.method} ${op.path}`]?.params ?? null) : null;
  if (variant === 'typical' && curated === null) return null;
  const args: ExampleArg[] = [];
  let added = 0;
  for (const p of op.parameters) {
    if (isPathParam(p)) continue;
    // A family listed by another member than the first (ide2) is sent under that member's name.
    const member =
      curated && p.family
        ? Object.keys(curated).find((k) => k.startsWith(p.family as string) && /^\d+$/.test(k.slice((p.family as string).length)))
        : undefined;
    const name = member ?? exampleParamName(p);
    const given = curated ? curatedValue(curated, p, name) : undefined;
    if (!p.required && given === undefined) continue;
    if (!p.required || given !== null) added++;
    args.push({ name, value: given ? checked(given, p, lookup) : exampleValue(p, lookup) });
  }
  if (variant === 'typical' && added === 0) return null;
  return {
    method: op.method,
    urlPath,
    cliPath,
    url: `${baseUrl(ctx)}${urlPath}`,
    args,
    argsIn: op.method === 'GET' || op.method === 'DELETE' ? 'query' : 'body',
    fileArg: uploadField(op),
    download: op.flags.downloadAllowed || op.flags.download ? downloadName(urlPath) : null,
    task: taskKind(op),
    auth: authMode(op),
  };
}

/**
 * The curated entry for a parameter, by its name or (for a family) its first member's name:
 * undefined when not listed, null when listed without a value of its own (the table decides).
 */
function curatedValue(curated: Record<string, string | null>, p: Parameter, sentName: string): string | null | undefined {
  if (Object.hasOwn(curated, p.name)) return curated[p.name];
  if (Object.hasOwn(curated, sentName)) return curated[sentName];
  return undefined;
}

/** A curated value when it fits the parameter's schema, else the generated one. */
function checked(value: string, p: Parameter, lookup: FormatLookup | undefined): string {
  return conformError(value, p.schema, 'form', lookup) === null ? value : exampleValue(p, lookup);
}

export function baseUrl(ctx: ExampleContext): string {
  return `https://${ctx.host}:${ctx.product.port}${ctx.product.apiBase}`;
}

/** Percent-encode one path segment, keeping ':' and '@' readable (both are legal in a path segment). */
function encodePathSegment(value: string): string {
  return encodeComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/**
 * encodeURIComponent that cannot throw: a lone UTF-16 surrogate (possible in untrusted schema text)
 * becomes U+FFFD first, as a UTF-8 encoder would do.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
