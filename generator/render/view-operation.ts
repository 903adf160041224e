/**
 * One operation (method on a path) -> everything its section of the path page shows, as HTML view
 * data. The content (notes, flags, constraints, examples) comes from the document layer
 * (document/operation.ts); this module only formats it and groups parameters for the page.
 */
import type { CodeExample } from '../document/examples/index.js';
import { taskKind } from '../document/examples/tasks.js';
import type { ResponseDoc } from '../document/operation.js';
import { cutEnd, escapeHtml } from './escape.js';
import { flatItem } from '../document/fields.js';
import { instanceTypesPhrase } from '../document/notes.js';
import { operationDoc, type ParamDoc } from '../document/operation.js';
import { plainText } from '../document/phrase.js';
import type { ApiPath, Operation, Parameter } from '../model/types.js';
import { renderPermissionsHtml } from './permissions-html.js';
import { fieldView, phraseHtml, type FieldView, type SchemaViewContext } from './view-schema.js';

export interface ParamView extends FieldView {
  anchor: string;
  location: string;
  /** The description's first sentence as inline HTML (document layer's FieldDoc.summary), or "". */
  summaryHtml: string;
  /** The type synopsis for the one-line name row (`code.param-type`): escaped, at most TYPE_LINE characters. */
  typeLineHtml: string;
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
  notesHtml: string[];
  fields: FieldView[] | null;
  fieldsCaption: string;
  /** The element of an array of objects whose fields the page lists in the array's place (document/fields.ts flatItem), or null. */
  item: FieldView | null;
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
  /** The sentence on path placeholders the schema does not declare (document layer), or "". */
  undeclaredPathHtml: string;
  /** The document layer's sentence that undeclared parameters are accepted, or "". */
  extraParamsHtml: string;
  returns: ReturnsView;
  permissionsHtml: string;
  flags: FlagView[];
  examples: ExampleView[];
  /** The typical request (required plus the usual optional parameters); null when there is none. */
  typicalExamples: ExampleView[] | null;
  response: ResponseDoc;
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
  const doc = operationDoc(op, ctx.model, ctx.page);
  const params = doc.params.map((p) => paramView(p, ctx));
  const byName = new Map(op.parameters.map((p) => [p.name, p.anchor]));
  const returns = fieldView(doc.returns.field, ctx);
  const item = flatItem(doc.returns.field);
  return {
    anchor: op.anchor,
    method: op.method,
    methodLower: op.method.toLowerCase(),
    httpLine: doc.http,
    summaryHtml: ctx.md.inline(op.summary),
    descriptionHtml: ctx.md.block(doc.description),
    name: op.name,
    params,
    paramGroups: groupByInstanceType(doc.params, params, ctx),
    hasParams: params.length > 0,
    undeclaredPathHtml: doc.undeclaredPath ? phraseHtml(doc.undeclaredPath, ctx) : '',
    extraParamsHtml: doc.extraParams ? phraseHtml(doc.extraParams, ctx) : '',
    returns: {
      typeHtml: returns.typeHtml,
      descriptionHtml: returns.descriptionHtml,
      constraintsHtml: returns.constraintsHtml,
      notesHtml: returns.notesHtml,
      fields: returns.fields,
      fieldsCaption: returns.fieldsCaption,
      item: item ? fieldView(item, ctx) : null,
      noteHtml: doc.returns.shape ? phraseHtml(doc.returns.shape, ctx) : '',
      linksHtml: doc.returns.links ? phraseHtml(doc.returns.links, ctx) : '',
    },
    permissionsHtml: renderPermissionsHtml(
      op.permissions,
      (name) => byName.get(name) ?? null,
      ctx.privilegeHref,
      (text) => ctx.md.inline(text),
    ),
    // The template escapes these: plain text of the same phrases the Markdown export writes.
    flags: doc.flags.map((f) => ({ id: f.id, label: plainText(f.label), text: plainText(f.text) })),
    examples: withIds(doc.examples, op.anchor),
    typicalExamples: doc.typicalExamples ? withIds(doc.typicalExamples, `${op.anchor}-typical`) : null,
    response: doc.response,
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
function groupByInstanceType(docs: ParamDoc[], views: ParamView[], ctx: OperationViewContext): ParamGroup[] {
  const common: ParamView[] = [];
  const groups = new Map<string, ParamGroup>();
  docs.forEach(({ param }, i) => {
    const view = views[i];
    if (!view) return;
    const types = param.schema.instanceTypes;
    if (!types?.length) {
      common.push(view);
      return;
    }
    const selector = param.schema.typeProperty ?? 'type';
    const key = `${selector}\u0000${types.join('\u0000')}`;
    let group = groups.get(key);
    if (!group) {
      group = { titleHtml: phraseHtml(instanceTypesPhrase(selector, types), ctx), params: [] };
      groups.set(key, group);
    }
    group.params.push(view);
  });
  return [{ titleHtml: '', params: common }, ...groups.values()].filter((g) => g.params.length > 0);
}

/**
 * The name row shows one line of the type (the page clips it there); typetexts run to ~10 000
 * characters, so the row carries only their start: the whole one is in the row's body.
 */
const TYPE_LINE = 160;

function paramView({ param, field }: ParamDoc, ctx: OperationViewContext): ParamView {
  // At most TYPE_LINE characters with the ellipsis.
  const typeLine = field.type.length > TYPE_LINE ? `${field.type.slice(0, cutEnd(field.type, TYPE_LINE - 1))}…` : field.type;
  return {
    ...fieldView(field, ctx),
    anchor: param.anchor,
    location: LOCATION_WORDS[param.location],
    summaryHtml: withoutLinks(ctx.md.inline(field.summary)),
    typeLineHtml: `<code class="param-type">${escapeHtml(typeLine)}</code>`,
  };
}

/**
 * The sentence sits inside the row's <summary>, where a link would be a control nested in a
 * control: its text stays, the link goes (the row's body keeps it). Only our own Markdown renderer
 * writes <a> tags (schema HTML is escaped), so matching them is exact.
 */
function withoutLinks(html: string): string {
  return html.replace(/<a\b[^>]*>|<\/a>/g, '');
}

function withIds(examples: CodeExample[], prefix: string): ExampleView[] {
  return examples.map((e) => ({ ...e, figId: `${prefix}-${e.id}` }));
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
