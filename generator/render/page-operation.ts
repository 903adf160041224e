/**
 * The path page's reading layer over the format-neutral operation views: what folds in the first
 * view (optional parameters, nested key tables, returned fields below the first level, the rest of
 * long descriptions) and where identifiers may wrap. HTML-only decisions, so they live here and
 * not in view-operation.ts, which the Markdown export shares.
 */
import { escapeHtml } from './escape.js';
import { SECTION_ID_SUFFIXES } from './section-ids.js';
import type { FieldView } from './view-schema.js';
import type { ExampleView, OperationView, ParamView, ReturnsView } from './view-operation.js';
import type { ResponseDoc } from '../document/operation.js';
import type { VersionNoteView } from './site-context.js';

export interface FieldPageView {
  name: string;
  /** The name with <wbr> break opportunities only at "-", "_", "." and before "[". */
  nameHtml: string;
  presence: string;
  /** The presence as the name line shows it: only "required" carries a class of its own; "" when not applicable. */
  presenceHtml: string;
  typeHtml: string;
  defaultHtml: string;
  constraintsHtml: string[];
  /** The description's first block; the rest of a long one is `descriptionMoreHtml`, folded. */
  descriptionHtml: string;
  descriptionMoreHtml: string;
  notesHtml: string[];
  fields: FieldPageView[] | null;
  fieldsCaption: string;
  fieldsCount: number;
  /** The nested table shows in the first view (returned fields of level 1); else it is folded. */
  fieldsOpen: boolean;
  /** FieldView.keyRows: a key table the page already shows is not shown again (shareKeyTables). */
  keyRows: string[];
  /** The folded key table's id, when another row of the page links to it; else "". */
  fieldsId: string;
  /** In place of a key table the page already shows: its key names and a link to it; else "". */
  keysRefHtml: string;
}

export interface ParamPageView extends FieldPageView {
  anchor: string;
  location: string;
  /** Optional parameters show only their name line (name, type, first sentence) until opened. */
  folded: boolean;
  summaryHtml: string;
  typeLineHtml: string;
  version: VersionNoteView | null;
}

export interface ParamGroupPageView {
  titleHtml: string;
  params: ParamPageView[];
}

export interface ReturnsPageView extends Omit<ReturnsView, 'fields' | 'item'> {
  /** The first level a reader cares about: an object's properties, or each array item's. */
  fields: FieldPageView[] | null;
  fieldsCount: number;
  /** Many fields: each folds to its name line, as optional parameters do. */
  fieldsFolded: boolean;
  /** The array element's description ("zpool list item"), its folded rest, and its constraints, when its fields are listed flat. */
  itemDescriptionHtml: string;
  itemDescriptionMoreHtml: string;
  itemConstraintsHtml: string[];
}

export interface ExamplePageView extends ExampleView {
  /** The code as lines that wrap with a hanging indent (codeLinesHtml). */
  codeHtml: string;
}

export interface OperationPageView
  extends Omit<OperationView, 'params' | 'paramGroups' | 'returns' | 'descriptionHtml' | 'examples' | 'typicalExamples' | 'response'> {
  /** Plain summary, for the method list at the top of the page. */
  summary: string;
  /** --try-it builds: the console's script and data file (each operation shows a console). */
  tryIt: { js: string; data: string } | null;
  descriptionHtml: string;
  descriptionMoreHtml: string;
  /** "GET /api2/json/..." with break opportunities after each "/" (a phone broke "snapsho|ts"). */
  httpLineHtml: string;
  paramGroups: ParamGroupPageView[];
  paramCount: number;
  /** Enough parameters that a name filter helps. */
  paramFilter: boolean;
  returns: ReturnsPageView;
  examples: ExamplePageView[];
  typicalExamples: ExamplePageView[] | null;
  response: ResponseDoc & { codeHtml: string };
  version: VersionNoteView | null;
}

/** Methods with more parameters than this get the name filter. */
const FILTER_FROM = 12;
/** Returned objects with more fields than this show each field's name line only, until opened. */
const FOLD_FIELDS_FROM = 8;
/** Descriptions longer than this (HTML characters) with more than one block fold after the first. */
const LONG_DESCRIPTION = 600;

function wrapIdentifier(name: string): string {
  return escapeHtml(name).replace(/[-_.]/g, '$&<wbr>').replace(/\[/g, '<wbr>[');
}

/** An API path: break opportunities after each "/" as well. */
export function wrapPath(path: string): string {
  return wrapIdentifier(path).replace(/\//g, '/<wbr>');
}

/** Deepest leading indentation (in spaces) that gets its own hanging indent; deeper lines share it. */
const MAX_INDENT = 8;
/** Lines longer than this (about the narrowest column's width) get break hints. */
const WRAP_HINT_FROM = 40;

/**
 * Example code as one span per line, the line feeds kept between them: the column is too narrow
 * for a curl line (a URL alone is ~80 characters), so long lines wrap on screen instead of
 * scrolling sideways, and each wrapped part is indented two columns deeper than its line starts
 * (class iN: N leading spaces), so that it cannot pass for a line of its own. What is copied (the
 * Copy button reads textContent, a selection the text) is the code exactly, without the wraps.
 */
function codeLinesHtml(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const indent = Math.min(MAX_INDENT, line.length - line.trimStart().length) & ~1;
      // A long line may wrap: inside a URL or path, after a "/" rather than anywhere (not in "://").
      const html = line.length > WRAP_HINT_FROM ? escapeHtml(line).replace(/(?<![/:])\/(?=[^\s/])/g, '/<wbr>') : escapeHtml(line);
      return `<span class="line${indent ? ` i${indent}` : ''}">${html}</span>`;
    })
    .join('\n');
}

function examplePage(example: ExampleView): ExamplePageView {
  return { ...example, codeHtml: codeLinesHtml(example.code) };
}

/** Splits block HTML after its first top-level paragraph when the whole is long. */
function splitDescription(html: string): { lead: string; more: string } {
  if (html.length <= LONG_DESCRIPTION || !html.startsWith('<p>')) return { lead: html, more: '' };
  const end = html.indexOf('</p>');
  if (end < 0) return { lead: html, more: '' };
  const cut = end + '</p>'.length;
  const more = html.slice(cut).trim();
  return more ? { lead: html.slice(0, cut), more } : { lead: html, more: '' };
}

function presenceHtml(presence: string): string {
  if (!presence) return '';
  return `<span class="presence${presence === 'required' ? ' presence-required' : ''}">${escapeHtml(presence)}</span>`;
}

function fieldPage(view: FieldView, open: boolean): FieldPageView {
  const { lead, more } = splitDescription(view.descriptionHtml);
  const fields = view.fields ? view.fields.map((f) => fieldPage(f, false)) : null;
  return {
    name: view.name,
    nameHtml: wrapIdentifier(view.name),
    presence: view.presence,
    presenceHtml: presenceHtml(view.presence),
    typeHtml: view.typeHtml,
    defaultHtml: view.defaultHtml,
    constraintsHtml: view.constraintsHtml,
    descriptionHtml: lead,
    descriptionMoreHtml: more,
    notesHtml: view.notesHtml,
    fields,
    fieldsCaption: view.fieldsCaption,
    fieldsCount: fields?.length ?? 0,
    fieldsOpen: open,
    keyRows: view.keyRows,
    fieldsId: '',
    keysRefHtml: '',
  };
}

function paramPage(view: ParamView & { version?: VersionNoteView | null }): ParamPageView {
  return {
    ...fieldPage(view, false),
    anchor: view.anchor,
    location: view.location,
    folded: view.presence !== 'required',
    summaryHtml: view.summaryHtml,
    typeLineHtml: view.typeLineHtml,
    version: view.version ?? null,
  };
}

export function operationPage(
  view: OperationView & { version?: VersionNoteView | null; tryIt: OperationPageView['tryIt'] },
  summary: string,
): OperationPageView {
  const { params: _params, paramGroups, returns, descriptionHtml, examples, typicalExamples, response, ...rest } = view;
  void _params;
  const { lead, more } = splitDescription(descriptionHtml);
  // An array of objects: its item's fields are the first level a reader cares about.
  const { item, ...returnsRest } = returns;
  const firstLevel = item?.fields ?? returns.fields;
  const returnFields = firstLevel ? firstLevel.map((f) => fieldPage(f, false)) : null;
  const fieldsCaption = item ? `Each item: ${item.fieldsCaption.toLowerCase()}` : returns.fieldsCaption;
  const itemLead = item ? splitDescription(item.descriptionHtml) : { lead: '', more: '' };
  return {
    ...rest,
    summary,
    descriptionHtml: lead,
    descriptionMoreHtml: more,
    httpLineHtml: wrapPath(view.httpLine),
    examples: examples.map(examplePage),
    typicalExamples: typicalExamples ? typicalExamples.map(examplePage) : null,
    response: { ...response, codeHtml: codeLinesHtml(response.json) },
    paramGroups: paramGroups.map((g) => ({ titleHtml: g.titleHtml, params: g.params.map(paramPage) })),
    paramCount: view.params.length,
    paramFilter: view.params.length > FILTER_FROM,
    returns: {
      ...returnsRest,
      // The item's own description, constraints and notes (e.g. whether other keys may appear) stay
      // visible when its row is folded away: said beside the list of its fields.
      notesHtml: item ? [...returns.notesHtml, ...item.notesHtml] : returns.notesHtml,
      itemDescriptionHtml: itemLead.lead,
      itemDescriptionMoreHtml: itemLead.more,
      itemConstraintsHtml: item ? item.constraintsHtml : [],
      fields: returnFields,
      fieldsCaption,
      fieldsCount: returnFields?.length ?? 0,
      fieldsFolded: (returnFields?.length ?? 0) > FOLD_FIELDS_FROM,
    },
    version: view.version ?? null,
  };
}

/** A key table may stand for one with this many more keys at most (and fewer than its own number). */
const MAX_EXTRA_KEYS = 3;

interface KeyTable {
  field: ParamPageView;
  op: OperationPageView;
  rows: string[];
}

/**
 * A property string's key table once per page (issue #28): qemu's config page showed each of its
 * 18 tables three times (GET's returned fields, POST's and PUT's parameters), 336 KB of its
 * 644 KB. The first parameter in page order with a table keeps it. Every later parameter, and
 * every returned field of the first level, whose rows are that table's rows (all of them, or all
 * but up to MAX_EXTRA_KEYS: GET config returns the disks without POST's `import-from`) shows its
 * key count, its key names, the keys it lacks and a link to that table instead. Mutates the
 * page's views (built for this page alone).
 */
export function shareKeyTables(ops: readonly OperationPageView[]): void {
  const taken = new Set<string>();
  for (const op of ops) {
    for (const suffix of SECTION_ID_SUFFIXES) taken.add(`${op.anchor}-${suffix}`);
    for (const group of op.paramGroups) for (const p of group.params) taken.add(p.anchor);
  }
  const tables: KeyTable[] = [];
  /** The shown table this field's rows are a part of, with the fewest rows it lacks; the first such. */
  const match = (rows: string[]): { table: KeyTable; extra: number[] } | null => {
    let best: { table: KeyTable; extra: number[] } | null = null;
    for (const table of tables) {
      const extra = missing(table.rows, rows);
      if (!extra || extra.length > MAX_EXTRA_KEYS || extra.length >= rows.length) continue;
      if (!best || extra.length < best.extra.length) best = { table, extra };
      if (extra.length === 0) break;
    }
    return best;
  };
  const refer = (field: FieldPageView, op: OperationPageView, returned: boolean): boolean => {
    const found = field.fields && field.keyRows.length > 0 ? match(field.keyRows) : null;
    if (!found || !field.fields) return false;
    const owner = found.table;
    if (!owner.field.fieldsId) {
      let id = `${owner.field.anchor}-keys`;
      for (let n = 2; taken.has(id); n++) id = `${owner.field.anchor}-keys-${n}`;
      taken.add(id);
      owner.field.fieldsId = id;
    }
    const where = owner.op === op ? '' : ` of ${owner.op.method}`;
    const names = (list: readonly FieldPageView[]): string => list.map((f) => escapeHtml(f.name)).join(', ');
    const lacks = found.extra.map((i) => owner.field.fields?.[i]).filter((f): f is FieldPageView => f !== undefined);
    field.keysRefHtml =
      `Property string keys (${field.fieldsCount}): ${lacks.length ? 'those' : 'the same as those'} of ${returned ? 'the parameter ' : ''}` +
      `<a href="#${escapeHtml(owner.field.fieldsId)}"><code>${escapeHtml(owner.field.name)}</code>${where}</a>` +
      `${lacks.length ? ` without ${names(lacks)}` : ''} — ${names(field.fields)}.`;
    field.fields = null;
    return true;
  };
  for (const op of ops) {
    for (const group of op.paramGroups) {
      for (const p of group.params) {
        if (p.keyRows.length === 0 || !p.fields || refer(p, op, false)) continue;
        tables.push({ field: p, op, rows: p.keyRows });
      }
    }
  }
  for (const op of ops) for (const f of op.returns.fields ?? []) refer(f, op, true);
}

/** The indexes of `all` that `part` leaves out, when `part` is `all` with some rows left out; else null. */
function missing(all: readonly string[], part: readonly string[]): number[] | null {
  if (part.length > all.length) return null;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < all.length; i++) {
    if (j < part.length && all[i] === part[j]) j++;
    else out.push(i);
    if (out.length > MAX_EXTRA_KEYS) return null;
  }
  return j === part.length ? out : null;
}
