/**
 * Normalize stage: the validated, dereferenced document -> the ApiModel that every later stage
 * reads. No rendering decisions here, only meaning: which parameters are required, where they go,
 * what the permission check says, which format a key uses.
 */
import { joinPointer } from '../errors.js';
import type { Logger } from '../log.js';
import { normalizePermissions, type PermissionOptions } from './permissions.js';
import { PRODUCTS, resolveProduct } from './product.js';
import { isRecord } from './is-record.js';
import { isTrue, normalizeNode, propertyKeys, type NodeContext } from './schema-node.js';
import type { RawFormatRegistry } from './typetext.js';
import {
  HTTP_METHODS,
  type ApiModel,
  type ApiPath,
  type FormatDef,
  type Operation,
  type OperationFlags,
  type Parameter,
  type Product,
} from './types.js';
import { idFragment, type Layout, layoutPageFile, uniqueIds } from './urls.js';
import { foldFamilies } from './families.js';
import { printable } from '../text/printable.js';
import { pathLabel } from './path-label.js';

export interface NormalizeInput {
  source: string;
  dialect: 'viewer' | 'refs';
  document: unknown;
  /** A formats registry from another file (--formats), used when the document has none. */
  formats?: RawFormatRegistry;
  product?: Product;
  version?: string;
  title?: string;
  /**
   * Suffixes the pages append to an operation's anchor for its sections and figures (the
   * renderer's list, render/section-ids.ts): reserved so that no parameter's anchor equals one.
   */
  reservedSuffixes?: readonly string[];
  /** The site layout, which decides each page's file (urls.ts layoutPageFile). */
  layout?: Layout;
}

interface RawPathNode {
  path: string;
  text?: string;
  info?: Record<string, Record<string, unknown>>;
  children?: RawPathNode[];
}

export function normalize(input: NormalizeInput, log: Logger): ApiModel {
  const document = input.document;
  const roots = (input.dialect === 'refs' ? (document as { root: RawPathNode[] }).root : document) as RawPathNode[];
  const base = input.dialect === 'refs' ? '/root' : '';
  const ownFormats =
    input.dialect === 'refs' && isRecord((document as Record<string, unknown>)['formats'])
      ? ((document as Record<string, unknown>)['formats'] as RawFormatRegistry)
      : undefined;
  const registry = ownFormats ?? input.formats;
  // The product decides how a few forms read (PMG's role lists, PBS's pattern literals), so it is
  // known before the walk.
  const product = resolveProduct(rawPaths(roots), input.product, input.source);
  const ctx: NodeContext = { registry, patterns: product === 'pbs' ? 'js-literal' : 'perl', unrunnable: [] };
  const opCtx: OperationContext = {
    ctx,
    log,
    source: input.source,
    permissions: { roleLists: product === 'pmg' },
    reservedSuffixes: input.reservedSuffixes ?? [],
    sawAllowToken: false,
  };

  const paths: ApiPath[] = [];
  const visit = (node: RawPathNode, pointer: string, parent: string | null): void => {
    const apiPath: ApiPath = {
      path: node.path,
      text: pathLabel(node.text, node.path),
      pointer,
      file: layoutPageFile(node.path, input.layout),
      parent,
      children: (node.children ?? []).map((c) => c.path),
      section: node.path.split('/')[1] ?? '',
      operations: [],
    };
    const ids = uniqueIds();
    for (const method of HTTP_METHODS) {
      const info = node.info?.[method];
      if (info) apiPath.operations.push(operation(node.path, method, info, joinPointer(pointer, 'info', method), ids, opCtx));
    }
    paths.push(apiPath);
    (node.children ?? []).forEach((child, i) => {
      visit(child, joinPointer(pointer, 'children', i), node.path);
    });
  };
  roots.forEach((node, i) => {
    visit(node, `${base}/${i}`, null);
  });

  const formats = registry ? formatDefs(registry, ownFormats ? '/formats' : '', ctx) : {};
  // Said, not hidden: the checker, the mock and the examples leave values of these patterns unchecked.
  for (const pointer of new Set(ctx.unrunnable)) {
    log.debug?.(
      printable(`${input.source}:${pointer} - pattern not run: no exact linear-time (RE2) equivalent, values are not checked against it`),
    );
  }
  const productName = PRODUCTS[product].name;
  const version = input.version ?? guessVersion(input.source);
  const operations = paths.reduce((n, p) => n + p.operations.length, 0);
  const parameters = paths.reduce((n, p) => n + p.operations.reduce((m, o) => m + o.parameters.length, 0), 0);
  const noTokens = PRODUCTS[product].allowTokenInDump && operations > 0 && !opCtx.sawAllowToken;
  // Decided from the schema, not from a version number: a dump without the key predates tokens.
  if (noTokens) for (const p of paths) for (const o of p.operations) o.flags.allowToken = false;
  const tokens: Pick<ApiModel, 'apiTokens'> = noTokens ? { apiTokens: false } : {};
  return {
    product,
    productName,
    title: input.title ?? `${productName}${version ? ' ' + version : ''} API`,
    version,
    source: input.source,
    dialect: input.dialect,
    paths,
    formats,
    hasFormatRegistry: registry !== undefined,
    ...tokens,
    stats: { paths: paths.length, operations, parameters },
  };
}

interface OperationContext {
  ctx: NodeContext;
  log: Logger;
  source: string;
  permissions: PermissionOptions;
  reservedSuffixes: readonly string[];
  /** Whether any method so far carried `allowtoken` (see ProductInfo.allowTokenInDump). */
  sawAllowToken: boolean;
}

/** Every path of the raw tree, iteratively (for product detection before normalizing). */
function rawPaths(roots: RawPathNode[]): string[] {
  const out: string[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node.path);
    if (Array.isArray(node.children)) stack.push(...node.children);
  }
  return out;
}

function operation(
  path: string,
  method: Operation['method'],
  info: Record<string, unknown>,
  pointer: string,
  ids: (id: string) => string,
  opCtx: OperationContext,
): Operation {
  const { ctx, log, source, permissions, reservedSuffixes } = opCtx;
  const description = typeof info['description'] === 'string' ? info['description'] : '';
  const anchor = ids(method.toLowerCase());
  // The page gives the operation's headings and examples these ids: a parameter called "title" or
  // "curl" must not get the same one (its row becomes get-title-2).
  for (const suffix of reservedSuffixes) ids(`${anchor}-${suffix}`);
  const params = parameters(path, method, info['parameters'], joinPointer(pointer, 'parameters'), anchor, ids, ctx);
  const op: Operation = {
    method,
    path,
    pointer,
    name: typeof info['name'] === 'string' ? info['name'] : '',
    anchor,
    summary: summarize(description),
    description,
    parameters: params,
    returns: normalizeNode(info['returns'] ?? { type: 'null' }, joinPointer(pointer, 'returns'), ctx),
    permissions: normalizePermissions(
      info['permissions'],
      joinPointer(pointer, 'permissions'),
      (d) => log.warn(printable(`${source}:${d.pointer} - ${d.message}`)),
      permissions,
    ),
    flags: operationFlags(info, params, opCtx),
  };
  // Only the call checker reads this; absent (the usual case) keeps model.json unchanged.
  const rawParams = info['parameters'];
  if (isRecord(rawParams) && isTrue(rawParams['additionalProperties'])) op.additionalParameters = true;
  return op;
}

/**
 * The method's flags. `proxyto` names a parameter, except PMG's "master" (the cluster's master
 * node) when no parameter has that name. PBS renames raw-HTTP handlers' methods to DOWNLOAD and
 * UPLOAD in its dump; PMG marks file downloads with `download: 1`.
 */
function operationFlags(info: Record<string, unknown>, params: Parameter[], opCtx: OperationContext): OperationFlags {
  if (info['allowtoken'] !== undefined) opCtx.sawAllowToken = true;
  const proxyto = typeof info['proxyto'] === 'string' ? info['proxyto'] : null;
  const flags: OperationFlags = {
    protected: isTrue(info['protected']),
    proxyto,
    // allowtoken defaults to 1: only an explicit 0 rejects tokens.
    allowToken: info['allowtoken'] === undefined ? true : isTrue(info['allowtoken']),
    downloadAllowed: isTrue(info['download_allowed']),
    exposeCredentials: isTrue(info['expose_credentials']),
  };
  if (proxyto === 'master' && !params.some((p) => p.name === 'master')) flags.proxyMaster = true;
  if (isTrue(info['download']) || info['method'] === 'DOWNLOAD') flags.download = true;
  if (info['method'] === 'UPLOAD') flags.upload = true;
  if (isTrue(info['unstable'])) flags.unstable = true;
  return flags;
}

function parameters(
  path: string,
  method: Operation['method'],
  raw: unknown,
  pointer: string,
  opAnchor: string,
  ids: (id: string) => string,
  ctx: NodeContext,
): Parameter[] {
  const properties = isRecord(raw) && isRecord(raw['properties']) ? raw['properties'] : {};
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const folded = foldFamilies(properties);
  const list: Omit<Parameter, 'anchor'>[] = folded.map(({ name, key, family, familyRange }) => {
    const rawSchema = properties[key];
    const location = pathParams.includes(name) ? 'path' : method === 'GET' || method === 'DELETE' ? 'query' : 'body';
    const param: Omit<Parameter, 'anchor'> = {
      name,
      required: location === 'path' || !isOptional(rawSchema),
      location,
      family,
      schema: normalizeNode(rawSchema, joinPointer(pointer, 'properties', key), ctx),
    };
    if (familyRange) param.familyRange = familyRange;
    if (location === 'path' && isOptional(rawSchema)) param.schemaOptional = true;
    if (location !== 'path' && !param.required && !(isRecord(rawSchema) && isTrue(rawSchema['optional']))) param.optionalInVariants = true;
    return param;
  });
  const rank = (p: Omit<Parameter, 'anchor'>): number => (p.location === 'path' ? 0 : p.required ? 1 : 2);
  list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.location === 'path' && b.location === 'path' ? pathParams.indexOf(a.name) - pathParams.indexOf(b.name) : 0) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return list.map((p) => ({ ...p, anchor: ids(`${opAnchor}-${idFragment(p.name)}`) }));
}

/**
 * `optional: 1`, or a `oneOf` whose alternatives are all optional (Proxmox puts `optional` inside
 * the alternatives of type-dependent parameters, e.g. `delete` on SDN fabrics).
 */
function isOptional(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  if (isTrue(raw['optional'])) return true;
  const alternatives = raw['oneOf'];
  return Array.isArray(alternatives) && alternatives.length > 0 && alternatives.every((alt) => isRecord(alt) && isTrue(alt['optional']));
}

function formatDefs(registry: RawFormatRegistry, base: string, ctx: NodeContext): Record<string, FormatDef> {
  // No prototype: a format named "__proto__" is an ordinary entry, not the object's prototype.
  const defs = Object.create(null) as Record<string, FormatDef>;
  for (const name of Object.keys(registry).sort()) {
    const raw = registry[name];
    const pointer = joinPointer(base, name);
    if (raw === null || raw === undefined) defs[name] = { kind: 'none', name, pointer };
    else if (isRecord(raw) && raw['x-proxmox-code'] === true) defs[name] = { kind: 'code', name, pointer };
    else if (isRecord(raw)) defs[name] = { kind: 'property-string', name, pointer, keys: propertyKeys(raw, pointer, ctx) };
  }
  return defs;
}

/** First sentence of a description, as plain one-line text for lists and search results. */
export function summarize(description: string): string {
  const firstParagraph = description.trim().split(/\n\s*\n/)[0] ?? '';
  const oneLine = firstParagraph.replace(/\s+/g, ' ').trim();
  const sentence = firstSentence(oneLine);
  return sentence.length > 200 ? sentence.slice(0, 197).trimEnd() + '...' : sentence;
}

/**
 * Abbreviations whose full stop ends no sentence: "Map host serial device (i.e. /dev/ttyS0)" was
 * cut to "Map host serial device (i.e." on pages, in search and in OpenAPI summaries.
 */
const ABBREVIATION = /(?:^|[^A-Za-z])(?:[iI]\.e|[eE]\.g|cf|vs|approx|incl|esp|ca|resp)\.$/;

/** Up to the first `.`, `!` or `?` followed by a space or the end, that is not an abbreviation's. */
function firstSentence(line: string): string {
  for (const end of line.matchAll(/[.!?](?= |$)/g)) {
    const upTo = line.slice(0, end.index + 1);
    // Only the last few characters can hold an abbreviation: the test stays short on long lines.
    // A stop as the first character ends nothing (as before: a sentence has at least one character).
    if (end.index > 0 && !ABBREVIATION.test(upTo.slice(-9))) return upTo;
  }
  return line;
}

/** "pve-9.1.apidata.js" -> "9.1": the shared schemas and most downloads carry the release in the name. */
function guessVersion(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? '';
  return /(?:^|[^0-9.])(\d+\.\d+)(?:[^0-9]|$)/.exec(name)?.[1] ?? '';
}
