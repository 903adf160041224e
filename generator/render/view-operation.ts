/** One operation (method on a path) -> everything its section of the path page shows. */
import type { ApiPath, Operation, Parameter, SchemaNode } from '../model/types.js';
import { escapeHtml } from './escape.js';
import { code, fieldView, type FieldView, type SchemaViewContext } from './view-schema.js';
import { renderPermissionsHtml } from './permissions.js';
import { buildExamples, buildTypicalExamples, type CodeExample } from '../document/examples/index.js';
import { exampleResponse, UNSPECIFIED_TEXT } from '../examples/response.js';
import { taskKind } from '../examples/tasks.js';
import { PRODUCTS } from '../model/product.js';

export interface ParamView extends FieldView {
  anchor: string;
  location: string;
}

export interface ParamGroup {
  /** Empty for the common group; else e.g. "Only when type is zfspool or lvm". */
  titleHtml: string;
  params: ParamView[];
}

export interface FlagView {
  id: string;
  label: string;
  text: string;
}

export interface ReturnsView {
  typeHtml: string;
  descriptionHtml: string;
  constraintsHtml: string[];
  fields: FieldView[] | null;
  fieldsCaption: string;
  /** Plain statement when the schema says nothing about the fields. */
  noteHtml: string;
  linksHtml: string;
}

export interface OperationView {
  anchor: string;
  method: string;
  methodLower: string;
  httpLine: string;
  summaryHtml: string;
  descriptionHtml: string;
  name: string;
  params: ParamView[];
  /** Parameters in groups: the common ones first, then one group per set of `type` values they apply to. */
  paramGroups: ParamGroup[];
  hasParams: boolean;
  returns: ReturnsView;
  permissionsHtml: string;
  flags: FlagView[];
  examples: ExampleView[];
  /** The typical request (required plus the usual optional parameters); null when there is none. */
  typicalExamples: ExampleView[] | null;
  response: ResponseView;
  /** A sentence (with a link to the Tasks guide) when the call starts a background task. */
  taskNoteHtml: string;
  authHref: string;
  errorsHref: string;
  privilegesHref: string;
}

export interface ExampleView extends CodeExample {
  /** Element id of the example's figure, unique on the page. */
  figId: string;
}

export interface ResponseView {
  /** Pretty-printed illustrative JSON, or '' when the schema says nothing usable. */
  json: string;
  /** Plain sentence shown instead of (or about) the example. */
  note: string;
}

export interface OperationViewContext extends SchemaViewContext {
  page: ApiPath;
  /** Link from this page to the auth guide / privileges index / another API path's page. */
  authHref: string;
  /** Links to the Tasks and Errors guides. */
  tasksHref: string;
  errorsHref: string;
  privilegeHref: (priv: string) => string;
  pathHref: (apiPath: string) => string | null;
}

const LOCATION_WORDS: Record<Parameter['location'], string> = { path: 'path', query: 'query', body: 'body' };

export function operationView(op: Operation, ctx: OperationViewContext): OperationView {
  const product = PRODUCTS[ctx.model.product];
  const params = op.parameters.map((p) => paramView(p, op, ctx));
  const byName = new Map(op.parameters.map((p) => [p.name, p.anchor]));
  const exampleCtx = { product, host: product.exampleHost, formats: ctx.model.formats };
  const typical = buildTypicalExamples(op, exampleCtx);
  return {
    anchor: op.anchor,
    method: op.method,
    methodLower: op.method.toLowerCase(),
    httpLine: `${op.method} ${product.apiBase}${op.path}`,
    summaryHtml: ctx.md.inline(op.summary),
    // A one-sentence description is already the heading; do not print it twice.
    descriptionHtml: op.description.trim() === op.summary ? '' : ctx.md.block(op.description),
    name: op.name,
    params,
    paramGroups: groupByInstanceType(op, params),
    hasParams: params.length > 0,
    returns: returnsView(op.returns, ctx),
    permissionsHtml: renderPermissionsHtml(
      op.permissions,
      (name) => byName.get(name) ?? null,
      ctx.privilegeHref,
      (text) => ctx.md.inline(text),
    ),
    flags: flags(op),
    examples: withIds(buildExamples(op, exampleCtx), op.anchor),
    typicalExamples: typical ? withIds(typical, `${op.anchor}-typical`) : null,
    response: responseView(op, ctx),
    taskNoteHtml: taskNote(op, ctx),
    authHref: ctx.authHref,
    errorsHref: ctx.errorsHref,
    privilegesHref: ctx.privilegeHref(''),
  };
}

/**
 * Type-dependent parameters (SDN, HA rules, notification targets, storage) only apply when the
 * selecting parameter has certain values; grouping them keeps the common ones readable.
 */
function groupByInstanceType(op: Operation, views: ParamView[]): ParamGroup[] {
  const common: ParamView[] = [];
  const groups = new Map<string, ParamGroup>();
  op.parameters.forEach((param, i) => {
    const view = views[i]!;
    const types = param.schema.instanceTypes;
    if (!types?.length) {
      common.push(view);
      return;
    }
    const key = `${param.schema.typeProperty ?? 'type'}\u0000${types.join('\u0000')}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        titleHtml: `Only when ${code(param.schema.typeProperty ?? 'type')} is ${types.map(code).join(' or ')}`,
        params: [],
      };
      groups.set(key, group);
    }
    group.params.push(view);
  });
  return [{ titleHtml: '', params: common }, ...groups.values()].filter((g) => g.params.length > 0);
}

function paramView(param: Parameter, op: Operation, ctx: OperationViewContext): ParamView {
  const notes: string[] = [];
  if (param.location === 'path') notes.push(`Path parameter: part of the URL (${code(`{${param.name}}`)}).`);
  if (param.family) {
    const range = param.familyRange
      ? ` (${code(param.family + param.familyRange.first)} to ${code(param.family + param.familyRange.last)})`
      : '';
    notes.push(
      `Numbered family: ${code(param.name)} stands for ${code(param.family + '0')}, ${code(param.family + '1')}, …${range}; send each as its own parameter.`,
    );
  }
  if (param.schema.instanceTypes?.length) {
    const selector = param.schema.typeProperty ?? 'type';
    notes.push(`Only when ${code(selector)} is ${param.schema.instanceTypes.map(code).join(' or ')}.`);
  }
  const view = fieldView(param.name, param.required ? 'required' : 'optional', param.schema, ctx, 0, notes);
  if (param.schema.oneOf?.length) {
    view.fields = param.schema.oneOf.map((alt, i) =>
      fieldView(
        alt.instanceTypes?.length ? `when ${alt.typeProperty ?? 'type'} = ${alt.instanceTypes.join(' | ')}` : `variant ${i + 1}`,
        '',
        alt,
        ctx,
        1,
      ),
    );
    view.fieldsCaption = 'Variants (oneOf)';
  }
  void op;
  return { ...view, anchor: param.anchor, location: LOCATION_WORDS[param.location] };
}

function returnsView(node: SchemaNode, ctx: OperationViewContext): ReturnsView {
  const field = fieldView('', '', node, ctx, 0);
  const view: ReturnsView = {
    typeHtml: field.typeHtml,
    descriptionHtml: field.descriptionHtml,
    constraintsHtml: field.constraintsHtml,
    fields: field.fields,
    fieldsCaption: field.fieldsCaption,
    noteHtml: '',
    linksHtml: linksHtml(node, ctx),
  };
  if (node.type === 'null') view.noteHtml = 'Returns nothing (<code>null</code>).';
  else if (node.type === 'array' && !view.fields) {
    const items = node.items;
    view.noteHtml =
      items && (items.type === 'object' || items.type === 'any')
        ? 'An array of objects; the schema does not list their fields.'
        : `An array of ${code(items?.type ?? 'values')}.`;
  } else if (node.type === 'object' && !view.fields) view.noteHtml = 'An object; the schema does not list its fields.';
  return view;
}

function linksHtml(node: SchemaNode, ctx: OperationViewContext): string {
  const links = node.links ?? [];
  if (links.length === 0) return '';
  const children = ctx.page.children;
  const parts = links.map((link) => {
    const key = /^\{(.+)\}$/.exec(link.href)?.[1];
    const target = children.find((c) => c.endsWith('/' + link.href));
    const targetHref = target ? ctx.pathHref(target) : null;
    const child = target ? (targetHref ? `<a href="${escapeHtml(targetHref)}">${escapeHtml(target)}</a>` : code(target)) : code(link.href);
    return key ? `each item's ${code(key)} names a sub-resource: ${child}` : `${escapeHtml(link.rel)}: ${child}`;
  });
  return `This call lists sub-resources: ${parts.join('; ')}.`;
}

function withIds(examples: CodeExample[], prefix: string): ExampleView[] {
  return examples.map((e) => ({ ...e, figId: `${prefix}-${e.id}` }));
}

function responseView(op: Operation, ctx: OperationViewContext): ResponseView {
  const r = exampleResponse(op, { product: ctx.model.product, formats: ctx.model.formats });
  switch (r.kind) {
    case 'example':
      return { json: JSON.stringify(r.body, null, 2), note: 'Illustrative: generated from the returns schema with example values.' };
    case 'null':
      return { json: JSON.stringify(r.body), note: 'The call returns no data.' };
    case 'unspecified':
      return { json: '', note: UNSPECIFIED_TEXT[r.reason] };
  }
}

function taskNote(op: Operation, ctx: OperationViewContext): string {
  const link = `<a href="${escapeHtml(ctx.tasksHref)}">wait for the task</a>`;
  switch (taskKind(op)) {
    case 'stated':
      return `Starts a background task: returns its task id (UPID) at once; ${link} to learn whether it succeeded.`;
    case 'likely':
      return `Probably starts a background task: the schema only says it returns a string, which for calls like this is a task id (UPID); ${link} when it starts with <code>UPID:</code>.`;
    case 'none':
      return '';
  }
}

function flags(op: Operation): FlagView[] {
  const out: FlagView[] = [];
  if (op.flags.protected) out.push({ id: 'protected', label: 'protected', text: 'Runs in the privileged daemon (pvedaemon) on the node.' });
  if (op.flags.proxyto) {
    out.push({
      id: 'proxyto',
      label: `proxied to {${op.flags.proxyto}}`,
      text: `The request is forwarded to the cluster node named by parameter ${op.flags.proxyto}.`,
    });
  }
  if (!op.flags.allowToken)
    out.push({ id: 'no-token', label: 'no API tokens', text: 'API tokens cannot call this; log in with a ticket.' });
  if (op.flags.downloadAllowed || op.flags.download)
    out.push({ id: 'download', label: 'download', text: 'The response may be a file download instead of JSON.' });
  if (op.flags.exposeCredentials)
    out.push({ id: 'credentials', label: 'returns secrets', text: 'The response contains credentials: keep it out of logs.' });
  return out;
}
