/**
 * The model -> an OpenAPI 3.1 document. Reads only the normalized model; the output is a function
 * of it alone (same model, same bytes), so the file can be diffed between releases.
 *
 * Mapping decisions (also summarized in `info.description` of the document):
 * - Server `https://{host}:{port}/api2/json`, both variables with defaults (the product's port).
 * - Security: the ticket cookie (apiKey in cookie) and, on every non-GET call, the
 *   CSRFPreventionToken header together with it; or the API token header. `user: world` calls need
 *   nothing; `allowtoken: 0` calls list the ticket only.
 * - GET/DELETE parameters are query parameters; POST/PUT parameters form one request body, offered
 *   as application/x-www-form-urlencoded and application/json, the same schema inline in both. Not
 *   in components: openapi-typescript makes every field with a `default` required in a component
 *   schema, but keeps it optional in a request body.
 * - Responses: 200 with the `{ "data": ... }` envelope; errors share one response (4XX and 5XX).
 * - Booleans: `type: integer, enum: [0, 1]` plus `x-proxmox-type: boolean`. The server's type
 *   check accepts exactly 0 and 1 for a boolean parameter (it rejects `true`, which form encoders
 *   send for a native boolean), and handlers mostly return 0/1 too; one representation everywhere
 *   keeps generated clients from sending a value the server refuses. (A few handlers return JSON
 *   true/false: a strict response validator should tolerate that.)
 * - Property strings: `type: string` with `x-proxmox-property-string` listing every key (inline
 *   formats, or named ones from the formats registry when the model has it) and `format` naming a
 *   registered format; the viewer's synopsis is `x-proxmox-typetext`.
 * - Numbered families (`net[n]`): the wire has net0, net1, ...; each member is an explicit
 *   property (or query parameter) referring to one shared component that carries
 *   `x-proxmox-family` (name, base, range and its source). See openapi-families.ts for why not
 *   `patternProperties` and where the range comes from.
 * - Perl patterns are translated when an exact ECMAScript equivalent exists (see generator/text/regex/ecma.ts)
 *   and anchored like the server does; the original is always in `x-proxmox-pattern`.
 * - Permissions: `x-proxmox-permissions` (mode, structured check, a skipped check beside `user`, description) and the same in
 *   plain words in the description; flags as `x-proxmox-protected`, `x-proxmox-proxyto`,
 *   `x-proxmox-allowtoken`, `x-proxmox-download-allowed`, `x-proxmox-expose-credentials`.
 * - Path parameters are always required (the URL needs them): one the schema marks optional carries
 *   `x-proxmox-schema-optional`; a placeholder the schema does not declare is declared from the
 *   path (OpenAPI requires it) as a bare string with `x-proxmox-undeclared` and a description
 *   saying so, the sentence the page shows.
 * - operationId: see `operationIds`. Tags: the top-level section of the path.
 */
import { createRequire } from 'node:module';
import { PRODUCTS, type ProductInfo } from '../model/product.js';
import type { ApiModel, ApiPath, NamedSchema, Operation, Parameter, PropertyKey, SchemaNode } from '../model/types.js';
import { propertyStringKeys } from '../model/formats.js';
import { flagsMarkdown, LINE, mdCode, mdDescription, mdText, permissionsMarkdown } from './markdown-text.js';
import { operationDoc, undeclaredPathPhrase, type OperationDoc } from '../document/operation.js';
import { apiTokensAvailable, noTokensSentence } from '../document/tokens.js';
import { renderPhrase } from '../document/phrase.js';
import { undeclaredPathParams } from '../model/urls.js';
import { fieldDescription } from '../document/fields.js';
import { impliedType, isImpliedType } from '../document/shape.js';
import { FamilyComponents, familyRange, memberNames } from './openapi-families.js';
import { SCHEMA_EXPORT_DEPTH as MAX_DEPTH } from '../document/limits.js';
import { ecmaPattern } from '../text/regex/ecma.js';
import { operationIds } from './operation-ids.js';
import { permissionsJson } from './openapi-permissions.js';

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

const OPENAPI_VERSION = '3.1.1';

interface Ctx {
  model: ApiModel;
  families: FamilyComponents;
  /** The operationId being exported: names a family component first used there. */
  owner: string;
}

export function toOpenApi(model: ApiModel): JsonObject {
  const product = PRODUCTS[model.product];
  const ctx: Ctx = { model, families: new FamilyComponents(), owner: '' };
  const ids = operationIds(model);
  const paths: JsonObject = {};
  const tags: string[] = [];
  let usesCsrf = false;
  for (const apiPath of model.paths) {
    if (apiPath.operations.length === 0) continue;
    const item: JsonObject = {};
    for (const op of apiPath.operations) {
      const id = ids.get(op)!;
      if (!tags.includes(apiPath.section)) tags.push(apiPath.section);
      ctx.owner = id;
      item[op.method.toLowerCase()] = operation(op, apiPath, id, ctx);
      usesCsrf ||= op.method !== 'GET' && op.permissions.mode !== 'world';
    }
    paths[apiPath.path] = item;
  }
  return {
    openapi: OPENAPI_VERSION,
    info: info(model, product),
    servers: [
      {
        url: `https://{host}:{port}${product.apiBase}`,
        description: `A ${model.productName} node (any node of a cluster answers for the whole cluster).`,
        variables: {
          host: { default: product.exampleHost, description: 'Host name or IP address of the node.' },
          port: {
            default: String(product.port),
            description: `HTTPS port of the API (${product.port} unless a proxy in front of it uses another).`,
          },
        },
      },
    ],
    security: apiTokensAvailable(model) ? [{ ticket: [] }, { apiToken: [] }] : [{ ticket: [] }],
    tags: tags.map((name) => ({ name, description: `Paths under /${name}.` })),
    paths,
    components: {
      schemas: ctx.families.finish(),
      responses: {
        Error: {
          description:
            'The call failed. The HTTP status line carries the message (400 parameter verification failed, 401 no or expired ticket, 403 permission denied, 500 and 501 server errors); for parameter errors `errors` names each offending parameter.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'null' },
                  errors: {
                    type: 'object',
                    additionalProperties: { type: 'string' },
                    description: 'Parameter name -> what is wrong with it.',
                  },
                },
              },
            },
          },
        },
      },
      securitySchemes: securitySchemes(product, usesCsrf, apiTokensAvailable(model)),
    },
  };
}

/** How the document's patterns relate to the server's: Perl full matches (PVE, PMG) or Rust searches (PBS). */
function patternConvention(model: ApiModel): string {
  if (model.product === 'pbs') {
    return "Patterns are the server's Rust regexes (`x-proxmox-pattern`, without the slashes of the schema's `/.../` notation), which the server applies as a search, as JSON Schema does; `pattern` is their ECMAScript translation where an exact one exists. ";
  }
  return "Patterns are the server's Perl patterns (`x-proxmox-pattern`), translated to ECMAScript and anchored where an exact translation exists. ";
}

function info(model: ApiModel, product: ProductInfo): JsonObject {
  const source = model.source.split(/[\\/]/).pop() ?? model.source;
  const description = [
    `The ${model.productName} REST API${model.version ? ` ${model.version}` : ''}: ${model.stats.paths} paths, ${model.stats.operations} operations, generated by pve-apidoc from \`${source}\` (${model.dialect === 'refs' ? 'reference-preserving dump' : 'API viewer dump'}).`,
    `**Authentication.** Either a ticket: \`POST /access/ticket\` with \`username\` and \`password\` returns \`ticket\` and \`CSRFPreventionToken\`; send the ticket as cookie \`${product.cookieName}\` and, on every request other than GET, the token in header \`${product.csrfHeader}\`. ${
      apiTokensAvailable(model)
        ? `Or an API token: header \`Authorization: ${product.tokenHeaderFormat}\` (no CSRF token needed).`
        : mdText(noTokensSentence(model))
    }`,
    `**Conventions of this document.** Booleans are integers 0 and 1 (\`x-proxmox-type: boolean\`): the server accepts nothing else. Property strings (\`key=value,...\`) are strings whose keys are listed in \`x-proxmox-property-string\`. Numbered parameters such as \`net0\`, \`net1\`, ... are listed one by one, each referring to one schema per family that carries \`x-proxmox-family\` (the folded name \`net[n]\` and the range: listed by the schema, stated in its description, or assumed to be 0 to 31). ${patternConvention(model)}Permissions are in each description and in \`x-proxmox-permissions\`.`,
  ].join('\n\n');
  const out: JsonObject = { title: model.title, version: model.version || 'unknown', description };
  // The servers implementing this API (pve-manager, pmg-api, proxmox-backup) are AGPL-3.0-or-later.
  out.license = { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' };
  out['x-proxmox-product'] = model.product;
  out['x-proxmox-source'] = source;
  return out;
}

/** The ticket and token schemes are referenced at the top level; the CSRF header only by writes. */
function securitySchemes(product: ProductInfo, csrf: boolean, tokens: boolean): JsonObject {
  const schemes: JsonObject = {
    ticket: {
      type: 'apiKey',
      in: 'cookie',
      name: product.cookieName,
      description: `The ticket from \`POST /access/ticket\` (valid for 2 hours; renew by posting it as the password). Calls other than GET also need \`${product.csrfHeader}\`.`,
    },
    csrf: {
      type: 'apiKey',
      in: 'header',
      name: product.csrfHeader,
      description: `The \`CSRFPreventionToken\` returned with the ticket; required with the ticket cookie on every request other than GET.`,
    },
    apiToken: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: `An API token: \`${product.tokenHeaderFormat}\`, e.g. \`${product.tokenHeaderExample}\`. Tokens may have fewer privileges than their user.`,
    },
  };
  if (!csrf) delete schemes.csrf;
  // A schema that predates API tokens: no operation lists the scheme, so it is not offered at all.
  if (!tokens) delete schemes.apiToken;
  return schemes;
}

function security(op: Operation): Json[] {
  if (op.permissions.mode === 'world') return [];
  const ticket: JsonObject = op.method === 'GET' ? { ticket: [] } : { ticket: [], csrf: [] };
  return op.flags.allowToken ? [ticket, { apiToken: [] }] : [ticket];
}

function operation(op: Operation, apiPath: ApiPath, id: string, ctx: Ctx): JsonObject {
  const out: JsonObject = { operationId: id, tags: [apiPath.section] };
  // Five PVE 9.1 methods have no description: their schema name is the only label there is.
  out.summary = op.summary.replace(/\s+/g, ' ').trim() || op.name || `${op.method} ${op.path}`;
  out.description = operationDescription(operationDoc(op, ctx.model, apiPath));
  const parameters: Json[] = [];
  const named = new Set(op.parameters.filter((p) => p.location !== 'body' && !p.family).map((p) => p.name));
  for (const p of op.parameters) {
    if (p.location === 'body') continue;
    parameters.push(...parameter(p, named, ctx));
  }
  // OpenAPI requires every templated path parameter to be declared, so a placeholder the schema
  // does not declare is declared here from the path, marked as such and saying so in its
  // description (the sentence the page shows), with no constraint the schema does not give.
  const undeclared = undeclaredPathParams(op);
  for (const name of [...undeclared].reverse()) {
    const description = renderPhrase(undeclaredPathPhrase([name]) ?? [], LINE);
    parameters.unshift({ name, in: 'path', required: true, description, schema: { type: 'string' }, 'x-proxmox-undeclared': true });
  }
  if (parameters.length > 0) out.parameters = parameters;
  const body = op.parameters.filter((p) => p.location === 'body');
  if (body.length > 0) {
    // The same schema under both encodings, inline in each: a `$ref` between them is read by
    // openapi-typescript as a property path (`...["schema"]`) that its types do not have.
    const schemaOf = bodySchema(body, ctx, op.additionalParameters === true);
    out.requestBody = {
      required: body.some((p) => p.required),
      content: { 'application/x-www-form-urlencoded': { schema: schemaOf }, 'application/json': { schema: schemaOf } },
    };
  }
  out.responses = {
    '200': {
      description: op.returns.type === 'null' ? 'Success; `data` is null.' : 'Success; the result is in `data`.',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { data: schema(op.returns, ctx, 0) }, required: ['data'] },
        },
      },
    },
    '4XX': { $ref: '#/components/responses/Error' },
    '5XX': { $ref: '#/components/responses/Error' },
  };
  out.security = security(op);
  out['x-proxmox-name'] = op.name;
  out['x-proxmox-permissions'] = permissionsJson(op);
  out['x-proxmox-allowtoken'] = op.flags.allowToken;
  if (op.additionalParameters) out['x-proxmox-additional-parameters'] = true;
  if (op.flags.protected) out['x-proxmox-protected'] = true;
  if (op.flags.proxyto) out['x-proxmox-proxyto'] = op.flags.proxyto;
  if (op.flags.downloadAllowed) out['x-proxmox-download-allowed'] = true;
  if (op.flags.exposeCredentials) out['x-proxmox-expose-credentials'] = true;
  return out;
}

/** The page's words: description, flags, permissions and CLI command, all from the document layer. */
function operationDescription(doc: OperationDoc): string {
  const parts: string[] = [];
  if (doc.description) parts.push(mdDescription(doc.description));
  if (doc.flags.length > 0) parts.push(flagsMarkdown(doc.flags));
  if (doc.extraParams) parts.push(renderPhrase(doc.extraParams, LINE));
  parts.push(`**Permissions:**\n\n${permissionsMarkdown(doc.op.permissions)}`);
  if (doc.cli) parts.push(`CLI: ${mdCode(doc.cli)}`);
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// Parameters and bodies

interface FamilyMembers {
  names: string[];
  ref: () => JsonObject;
}

/**
 * A family's members, each to be given `ref()` as its schema. `s` is the member schema; the
 * family note and `x-proxmox-family` go into the shared component, and names the schema already
 * declares on their own (`taken`) are left to that declaration.
 */
function familyMembers(
  name: string,
  base: string,
  listed: { first: number; last: number } | undefined,
  required: boolean,
  s: JsonObject,
  taken: Set<string>,
  ctx: Ctx,
): FamilyMembers {
  const range = familyRange(base, listed, s.description);
  const info: JsonObject = { name, base, first: range.first, last: range.last, range: range.source };
  if (required) info.required = true;
  const component: JsonObject = { ...s, description: familyNote(name, base, range, s.description), 'x-proxmox-family': info };
  const names = memberNames(base, range).filter((n) => !taken.has(n));
  return { names, ref: () => ctx.families.ref(base, ctx.owner, component) };
}

function parameter(p: Parameter, taken: Set<string>, ctx: Ctx): JsonObject[] {
  const s = schema(p.schema, ctx, 0);
  if (p.family) {
    // Each member travels as its own query parameter (net0=..., net1=...), as the server expects.
    const family = familyMembers(p.name, p.family, p.familyRange, p.required, s, taken, ctx);
    return family.names.map((name) => ({ name, in: p.location, required: false, schema: family.ref() }));
  }
  const description = s.description;
  delete s.description;
  // The model makes every path parameter required (the URL needs it): not decided again here.
  const out: JsonObject = { name: p.name, in: p.location, required: p.required };
  if (typeof description === 'string') out.description = description;
  // Required in the URL all the same; the page's note says the same (document/notes.ts).
  if (p.schemaOptional) out['x-proxmox-schema-optional'] = true;
  if (p.optionalInVariants) out['x-proxmox-optional-in-variants'] = true;
  out.schema = s;
  return [out];
}

function familyNote(name: string, base: string, range: ReturnType<typeof familyRange>, description: Json | undefined): string {
  const where = { schema: 'in this schema', description: 'as its description states', assumed: 'assumed: the schema does not say' }[
    range.source
  ];
  const note = `Numbered family \`${name}\`: send \`${base}0\`, \`${base}1\`, ... each as its own parameter (${base}${range.first} to ${base}${range.last}, ${where}).`;
  return typeof description === 'string' && description !== '' ? `${description}\n\n${note}` : note;
}

function bodySchema(params: Parameter[], ctx: Ctx, extraAccepted: boolean): JsonObject {
  const properties: JsonObject = {};
  const required: string[] = [];
  const taken = new Set(params.filter((p) => !p.family).map((p) => p.name));
  for (const p of params) {
    const s = schema(p.schema, ctx, 0);
    if (p.family) {
      const family = familyMembers(p.name, p.family, p.familyRange, p.required, s, taken, ctx);
      for (const name of family.names) properties[name] = family.ref();
      continue;
    }
    // Not in `required`, as everywhere else; the page's note says why (document/notes.ts).
    if (p.optionalInVariants) s['x-proxmox-optional-in-variants'] = true;
    setOwn(properties, p.name, s);
    if (p.required) required.push(p.name);
  }
  const out: JsonObject = { type: 'object', properties };
  if (required.length > 0) out.required = required;
  // The server rejects parameters its schema does not list, unless the schema says otherwise.
  out.additionalProperties = extraAccepted;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schemas

const JSON_TYPES = new Set(['string', 'integer', 'number', 'array', 'object', 'null']);

/** One schema node -> a JSON Schema 2020-12 object (OpenAPI 3.1 dialect). */
function schema(node: SchemaNode, ctx: Ctx, depth: number): JsonObject {
  const out: JsonObject = {};
  if (node.title) out.title = node.title;
  const description = fieldDescription(node);
  if (description) out.description = mdDescription(description);
  const type = impliedType(node);
  const isBoolean = node.type === 'boolean';
  const numeric = node.type === 'integer' || node.type === 'number';
  if (isBoolean) {
    out.type = 'integer';
    out.enum = [0, 1];
    out['x-proxmox-type'] = 'boolean';
  } else if (JSON_TYPES.has(type)) {
    // A node without a type is what its structure implies (document/shape.ts), as on the pages.
    out.type = type;
  } else if (node.type !== 'any') {
    // A type JSON Schema does not know (e.g. "ip" in the reference dump): unconstrained, kept verbatim.
    out['x-proxmox-type'] = node.type;
  }
  if (node.enum && !isBoolean) {
    out.enum = numeric && node.enum.every((v) => v.trim() !== '' && Number.isFinite(Number(v))) ? node.enum.map(Number) : [...node.enum];
  }
  if (node.minimum !== undefined) out.minimum = node.minimum;
  if (node.maximum !== undefined) out.maximum = node.maximum;
  if (node.minLength !== undefined) out.minLength = node.minLength;
  if (node.maxLength !== undefined) out.maxLength = node.maxLength;
  if (node.pattern !== undefined) {
    const pattern = ecmaPattern(node.pattern, node.patternSyntax);
    if (pattern !== null) out.pattern = pattern;
    out['x-proxmox-pattern'] = node.pattern;
  }
  if (node.default !== undefined) out.default = defaultValue(node.default, isBoolean);
  if (node.format?.kind === 'named') out.format = node.format.name;
  if (node.formatDescription) out['x-proxmox-format-description'] = node.formatDescription;
  if (depth <= MAX_DEPTH) {
    const keys = propertyStringKeys(node, ctx.model);
    if (keys) {
      const ps: JsonObject = {};
      if (node.format?.kind === 'named') ps.format = node.format.name;
      ps.keys = keys.map((k) => propertyKey(k, ctx, depth + 1));
      out['x-proxmox-property-string'] = ps;
    } else if (node.format?.kind === 'inline') {
      out['x-proxmox-property-string'] = { keys: [] };
    } else if (node.format?.kind === 'list') {
      // A proxmox-schema list property string: the element's schema and how many elements it takes.
      const list: JsonObject = { items: schema(node.format.item, ctx, depth + 1) };
      if (node.format.minLength !== undefined) list.minItems = node.format.minLength;
      if (node.format.maxLength !== undefined) list.maxItems = node.format.maxLength;
      out['x-proxmox-list'] = list;
    }
  }
  if (node.typetext !== undefined) out['x-proxmox-typetext'] = node.typetext;
  // Else the synopsis derived by Proxmox's rules, when it says more than the type.
  // (not Perl's `<string>` for an untyped node whose structure says what it is).
  else if (node.synopsis && !isImpliedType(node) && node.synopsis !== `<${node.type}>` && node.synopsis !== node.type)
    out['x-proxmox-typetext'] = node.synopsis;
  if (node.requires) out['x-proxmox-requires'] = node.requires;
  if (node.instanceTypes) out['x-proxmox-instance-types'] = [...node.instanceTypes];
  if (node.typeProperty) out['x-proxmox-type-property'] = node.typeProperty;
  if (node.renderer) out['x-proxmox-renderer'] = node.renderer;
  if (node.links) out['x-proxmox-links'] = node.links.map((l) => ({ rel: l.rel, href: l.href }));
  if (node.extra) {
    const extra: JsonObject = {};
    for (const [key, text] of Object.entries(node.extra)) setOwn(extra, key, jsonOrText(text));
    out['x-proxmox-extra'] = extra;
  }
  if (depth > MAX_DEPTH) return out;
  if (node.oneOf && node.oneOf.length > 0) {
    // Variants selected by another parameter's value: anyOf, since variants may overlap and
    // JSON Schema cannot see the selecting parameter from here (it is named in x-proxmox-type-property).
    out.anyOf = node.oneOf.map((alt) => schema(alt, ctx, depth + 1));
  }
  // Keywords that cannot apply to the declared type (PVE 9.1 has an array with `properties` and an
  // object with `items`) are no-ops in JSON Schema; they move to x-proxmox-* so that nothing is
  // lost and no linter reads them as a contradiction.
  const typed = JSON_TYPES.has(type) || isBoolean;
  const objectKeywords = !typed || type === 'object';
  const arrayKeywords = !typed || type === 'array';
  if (type === 'array') out.items = node.items ? schema(node.items, ctx, depth + 1) : {};
  else if (node.items) out[arrayKeywords ? 'items' : 'x-proxmox-items'] = schema(node.items, ctx, depth + 1);
  if (node.properties && node.properties.length > 0) {
    const target: JsonObject = objectKeywords ? out : {};
    objectProperties(node.properties, target, ctx, depth);
    if (!objectKeywords) out['x-proxmox-properties'] = target;
  }
  if (node.additionalProperties !== undefined) {
    const extra =
      typeof node.additionalProperties === 'boolean' ? node.additionalProperties : schema(node.additionalProperties, ctx, depth + 1);
    out[objectKeywords ? 'additionalProperties' : 'x-proxmox-additional-properties'] = extra;
  }
  return out;
}

function objectProperties(props: NamedSchema[], out: JsonObject, ctx: Ctx, depth: number): void {
  const properties: JsonObject = {};
  const required: string[] = [];
  // Families as the model folded them (model/families.ts), not re-read from the `[n]` in a name.
  const taken = new Set(props.filter((p) => !p.family).map((p) => p.name));
  for (const prop of props) {
    const s = schema(prop.schema, ctx, depth + 1);
    if (prop.family) {
      const family = familyMembers(prop.name, prop.family, prop.familyRange, false, s, taken, ctx);
      for (const name of family.names) properties[name] = family.ref();
      continue;
    }
    setOwn(properties, prop.name, s);
    if (!prop.schema.optional) required.push(prop.name);
  }
  out.properties = properties;
  if (required.length > 0) out.required = required;
}

function propertyKey(key: PropertyKey, ctx: Ctx, depth: number): JsonObject {
  const out: JsonObject = { name: key.name, required: key.required };
  if (key.defaultKey) out.defaultKey = true;
  if (key.alias) out.alias = key.alias;
  if (key.keyAlias) out.keyAlias = key.keyAlias;
  out.schema = schema(key.schema, ctx, depth);
  return out;
}

function defaultValue(value: unknown, isBoolean: boolean): Json {
  if (isBoolean) {
    if (value === true || value === 1 || value === '1') return 1;
    if (value === false || value === 0 || value === '0') return 0;
  }
  return toJson(value);
}

function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(v);
    return out;
  }
  return String(value);
}

/** The model keeps unknown schema keys as JSON text: the value again, or the text itself if it is not JSON. */
function jsonOrText(text: string): Json {
  try {
    return toJson(JSON.parse(text));
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Serialization

export type OpenApiFormat = 'json' | 'yaml';

/** JSON (2-space indent) or YAML (block style, no anchors, no line folding): deterministic text. */
/**
 * JSON is pretty-printed (2-space indent): it costs ~10 ms for PVE 9.1, and one value per line keeps
 * the file diffable between releases. The YAML library is loaded only when YAML is asked for (the
 * site build writes JSON and should not pay for loading it).
 */
export function serializeOpenApi(doc: JsonObject, format: OpenApiFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 });
}

/** `.yaml` / `.yml` -> YAML, anything else JSON. */
export function formatForFile(file: string): OpenApiFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'json';
}

/**
 * An own property even for a schema name such as `__proto__`, which plain assignment would turn
 * into a prototype change (and JSON.stringify then drop).
 */
function setOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
