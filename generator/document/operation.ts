/**
 * Everything the reference says about one operation, as format-neutral data: description, flags,
 * parameters as field trees with their notes, the return value, permissions and call examples.
 * Built once per operation and model (operations are immutable once normalized), then formatted
 * by the HTML views (render/view-operation.ts) and the Markdown export (export/markdown.ts).
 */
import { PRODUCTS } from '../model/product.js';
import type { ApiModel, ApiPath, Operation, Parameter, SchemaNode } from '../model/types.js';
import { buildExamples, type CodeExample } from './examples/index.js';
import { fieldDoc, type FieldDoc } from './fields.js';
import { operationFlags, type FlagDoc } from './flags.js';
import type { Note } from './notes.js';
import { apiPath, code, phrase, text, type Phrase } from './phrase.js';

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
  /** The description when it says more than the summary (the heading), else "". */
  description: string;
  flags: FlagDoc[];
  params: ParamDoc[];
  returns: ReturnsDoc;
  examples: CodeExample[];
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
  return {
    op,
    http: `${op.method} ${product.apiBase}${op.path}`,
    // A one-sentence description is already the heading; do not print it twice.
    description: op.description.trim() === op.summary ? '' : op.description,
    flags: operationFlags(op),
    params: op.parameters.map((param) => ({ param, field: paramField(param, model) })),
    returns: returnsDoc(op.returns, model, page),
    examples: buildExamples(op, { product, host: product.exampleHost, formats: model.formats }),
  };
}

function paramField(param: Parameter, model: ApiModel): FieldDoc {
  const notes: Note[] = [];
  if (param.location === 'path') notes.push({ kind: 'path-parameter', name: param.name });
  if (param.family) notes.push({ kind: 'family', name: param.name, family: param.family, range: param.familyRange ?? null });
  if (param.schema.instanceTypes?.length)
    notes.push({ kind: 'instance-types', selector: param.schema.typeProperty ?? 'type', types: param.schema.instanceTypes });
  return fieldDoc(param.name, param.required ? 'required' : 'optional', param.schema, model, 0, notes);
}

function returnsDoc(node: SchemaNode, model: ApiModel, page: ApiPath | undefined): ReturnsDoc {
  const field = fieldDoc('', '', node, model, 0);
  return { field, shape: shapePhrase(node, field), links: linksPhrase(node, page) };
}

function shapePhrase(node: SchemaNode, field: FieldDoc): Phrase | null {
  if (node.type === 'null') return phrase('Returns nothing (', code('null'), ').');
  if (node.type === 'array' && !field.nested) {
    const items = node.items;
    return items && (items.type === 'object' || items.type === 'any')
      ? phrase('An array of objects; the schema does not list their fields.')
      : phrase('An array of ', code(items?.type ?? 'values'), '.');
  }
  if (node.type === 'object' && !field.nested) return phrase('An object; the schema does not list its fields.');
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
