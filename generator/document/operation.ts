/**
 * Everything the reference says about one operation, as format-neutral data: description, flags,
 * parameters as field trees with their notes, the return value, permissions and call examples.
 * Built once per operation and model (operations are immutable once normalized), then formatted
 * by the HTML views (render/view-operation.ts) and the Markdown export (export/markdown.ts).
 */
import { PRODUCTS } from '../model/product.js';
import type { ApiModel, ApiPath, Operation, Parameter, SchemaNode } from '../model/types.js';
import { buildExamples, buildTypicalExamples, type CodeExample } from './examples/index.js';
import { exampleResponse, UNSPECIFIED_TEXT } from './examples/response.js';
import { exampleValue, lookupIn } from './examples/values.js';
import { operationSilences, type SilenceKind } from '../model/coverage.js';
import { cliCommand } from './cli.js';
import { fieldDoc, instanceTypesNotes, walkFields, type FieldDoc } from './fields.js';
import { operationFlags, type FlagDoc } from './flags.js';
import type { Note } from './notes.js';
import { apiPath, code, joined, phrase, text, type Phrase } from './phrase.js';
import { undeclaredPathParams } from '../model/urls.js';
import { impliedType } from './shape.js';

export interface ParamDoc {
  param: Parameter;
  field: FieldDoc;
}

export interface ReturnsDoc {
  field: FieldDoc;
  /** What the return value is when its fields are unknown ("An object; the schema does not list its fields."), or null. */
  shape: Phrase | null;
  /** The sub-resources a listing names (`links`), or null. */
  links: Phrase | null;
}

export interface OperationDoc {
  op: Operation;
  /** `GET /api2/json/nodes/{node}` */
  http: string;
  /** The API shell command (`pvesh create /nodes/{node}/qemu`), or null where the product has none. */
  cli: string | null;
  /** The description when it says more than the summary (the heading), else "". */
  description: string;
  flags: FlagDoc[];
  params: ParamDoc[];
  /** Path placeholders the schema does not declare as parameters (`undeclaredPathParams`), said once; null when none. */
  undeclaredPath: Phrase | null;
  /** Said below the parameters when the schema accepts undeclared ones (`additionalProperties`), else null. */
  extraParams: Phrase | null;
  returns: ReturnsDoc;
  /** The minimal request: required parameters only. */
  examples: CodeExample[];
  /** The typical request (required plus the usual optional parameters); null when there is none. */
  typicalExamples: CodeExample[] | null;
  response: ResponseDoc;
}

/** The example response: illustrative JSON ('' when the schema says nothing usable) and what it is. */
export interface ResponseDoc {
  json: string;
  note: string;
}

const built = new WeakMap<Operation, { model: ApiModel; page: ApiPath | undefined; doc: OperationDoc }>();

/** `page` (the operation's own path) lets returned links name the child path they lead to. */
export function operationDoc(op: Operation, model: ApiModel, page?: ApiPath): OperationDoc {
  const cached = built.get(op);
  if (cached && cached.model === model && cached.page === page) return cached.doc;
  const doc = computeDoc(op, model, page);
  built.set(op, { model, page, doc });
  return doc;
}

function computeDoc(op: Operation, model: ApiModel, page: ApiPath | undefined): OperationDoc {
  const product = PRODUCTS[model.product];
  const params = op.parameters.map((param) => ({ param, field: paramField(param, op, model) }));
  const returns = returnsDoc(op.returns, model, page);
  noteSilences(op, [...params.map((p) => p.field), returns.field]);
  return {
    op,
    http: `${op.method} ${product.apiBase}${op.path}`,
    cli: cliCommand(op, product),
    // A one-sentence description is already the heading; do not print it twice.
    description: op.description.trim() === op.summary ? '' : op.description,
    flags: operationFlags(op, model),
    params,
    undeclaredPath: undeclaredPathPhrase(undeclaredPathParams(op)),
    extraParams: op.additionalParameters
      ? phrase('Other parameters than those listed are accepted too (the schema sets ', code('additionalProperties'), ').')
      : null,
    returns,
    examples: buildExamples(op, { product, host: product.exampleHost, formats: model.formats }),
    typicalExamples: buildTypicalExamples(op, { product, host: product.exampleHost, formats: model.formats }),
    response: responseDoc(op, model),
  };
}

/**
 * What the page says of path placeholders the schema does not declare: the schema's silence, and
 * that the URL needs them. The OpenAPI export declares each (OpenAPI requires every templated path
 * parameter to be) with this sentence as its description.
 */
export function undeclaredPathPhrase(names: readonly string[]): Phrase | null {
  if (names.length === 0) return null;
  const many = names.length > 1;
  return phrase(
    many ? 'The schema does not declare the path parameters ' : 'The schema does not declare the path parameter ',
    ...joined(
      names.map((n) => code(`{${n}}`)),
      ' and ',
    ),
    many ? '; the URL needs a value for each all the same.' : '; the URL needs a value for it all the same.',
  );
}

function responseDoc(op: Operation, model: ApiModel): ResponseDoc {
  const r = exampleResponse(op, { product: model.product, formats: model.formats });
  switch (r.kind) {
    case 'example':
      return { json: JSON.stringify(r.body, null, 2), note: 'Illustrative: generated from the returns schema with example values.' };
    case 'null':
      return { json: JSON.stringify(r.body), note: 'The call returns no data.' };
    case 'unspecified':
      return { json: '', note: UNSPECIFIED_TEXT[r.reason] };
  }
}

function paramField(param: Parameter, op: Operation, model: ApiModel): FieldDoc {
  const notes: Note[] = [];
  if (param.location === 'path') notes.push({ kind: 'path-parameter', name: param.name, schemaOptional: param.schemaOptional === true });
  if (param.optionalInVariants) notes.push({ kind: 'optional-in-variants' });
  const slashed = param.location === 'path' ? slashInPath(param, op, model) : null;
  if (slashed) notes.push(slashed);
  if (param.family) notes.push({ kind: 'family', name: param.name, family: param.family, range: param.familyRange ?? null });
  notes.push(...instanceTypesNotes(param.schema));
  return fieldDoc(param.name, param.required ? 'required' : 'optional', param.schema, model, 0, notes);
}

/**
 * A path parameter whose values contain `/` (a CIDR such as `192.0.2.0/24`): a `{param}` takes one
 * segment, and the API server decodes `%2F` before it splits the path, so such a value can only
 * reach a parameter that takes the rest of the path. pve-common's router does that below a
 * subclass mounted with `fragmentDelimiter => ''` (the firewall IP sets, PMG's mynetworks,
 * storage content), which is where these parameters sit: the value is written as is, also for
 * pvesh/pmgsh, which pass the path to the same router without decoding it (`%2F` would reach the
 * handler verbatim and fail the parameter's format).
 */
function slashInPath(param: Parameter, op: Operation, model: ApiModel): Note | null {
  if (!op.path.endsWith(`/{${param.name}}`)) return null;
  const value = exampleValue(param, lookupIn(model.formats));
  if (!value.includes('/')) return null;
  return { kind: 'slash-in-path', name: param.name, example: value, cli: PRODUCTS[model.product].cli };
}

/** Each silence of the schema (model/coverage.ts) as a note on the field it concerns. */
function noteSilences(op: Operation, fields: FieldDoc[]): void {
  const byPointer = new Map<string, SilenceKind[]>();
  for (const s of operationSilences(op)) byPointer.set(s.pointer, [...(byPointer.get(s.pointer) ?? []), s.kind]);
  for (const root of fields) {
    for (const field of walkFields(root)) {
      const kinds = byPointer.get(field.node.pointer);
      if (!kinds) continue;
      byPointer.delete(field.node.pointer);
      for (const silence of kinds) field.notes.push({ kind: 'silence', silence });
    }
  }
}

function returnsDoc(node: SchemaNode, model: ApiModel, page: ApiPath | undefined): ReturnsDoc {
  const field = fieldDoc('', '', node, model, 0, [], 'response');
  return { field, shape: shapePhrase(node, field), links: linksPhrase(node, page) };
}

function shapePhrase(node: SchemaNode, field: FieldDoc): Phrase | null {
  const type = impliedType(node);
  if (type === 'null') return phrase('Returns nothing (', code('null'), ').');
  if (type === 'array' && !field.nested) {
    const items = node.items;
    const itemType = items ? impliedType(items) : 'values';
    return itemType === 'object' || itemType === 'any'
      ? phrase('An array of objects; the schema does not list their fields.')
      : phrase('An array of ', code(itemType), '.');
  }
  if (type === 'object' && !field.nested) return phrase('An object; the schema does not list its fields.');
  return null;
}

function linksPhrase(node: SchemaNode, page: ApiPath | undefined): Phrase | null {
  const links = node.links ?? [];
  if (links.length === 0) return null;
  const pieces = phrase('This call lists sub-resources: ');
  const out = [...pieces];
  links.forEach((link, i) => {
    if (i > 0) out.push(...phrase('; '));
    const key = /^\{(.+)\}$/.exec(link.href)?.[1];
    const target = page?.children.find((c) => c.endsWith('/' + link.href));
    const child = target ? apiPath(target) : code(link.href);
    out.push(...(key ? phrase("each item's ", code(key), ' names a sub-resource: ', child) : phrase(text(link.rel), ': ', child)));
  });
  out.push(...phrase('.'));
  return out;
}
