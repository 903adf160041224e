/**
 * Field trees of the document layer (document/fields.ts) -> view data for the HTML tables: the
 * type synopsis, constraints and notes as safe HTML, nested tables. What a field says is decided
 * there; this module only writes it as HTML. All strings that end in "Html" are safe HTML;
 * everything from the schema is escaped here.
 */
import { booleanPhrase } from '../document/constraints.js';
import type { FieldDoc, Nested } from '../document/fields.js';
import { notePhrase } from '../document/notes.js';
import { renderPhrase, type Phrase, type PhraseFormat } from '../document/phrase.js';
import type { ApiModel } from '../model/types.js';
import { clipText, escapeHtml, MAX_SHOWN } from './escape.js';
import type { MarkdownRenderer } from './markdown.js';

export interface FieldView {
  name: string;
  /** "required", "optional" or "" (not applicable). */
  presence: string;
  typeHtml: string;
  defaultHtml: string;
  constraintsHtml: string[];
  descriptionHtml: string;
  notesHtml: string[];
  /** Nested fields (object properties or property-string keys); null when there are none. */
  fields: FieldView[] | null;
  /** A caption for the nested table ("Property string keys", "Each item"). */
  fieldsCaption: string;
  /**
   * What each row of a property string's key table shows, one string a row (its view data, a
   * returned boolean's wording read as a parameter's), so that a page can show a table once;
   * empty when the field has no key table.
   */
  keyRows: string[];
}

export interface SchemaViewContext {
  model: ApiModel;
  md: MarkdownRenderer;
  /** Link from this page to another API path's page, or null when it has none. */
  pathHref?: (apiPath: string) => string | null;
}

/** A value as HTML inline code, cut at MAX_SHOWN.code (document/phrase.ts `code` is the piece, not its HTML). */
function codeHtml(text: unknown): string {
  return `<code>${escapeHtml(clipText(text === undefined || text === null ? '' : String(text), MAX_SHOWN.code))}</code>`;
}

/** How the HTML pages write a phrase's pieces. */
export function htmlFormat(ctx: Pick<SchemaViewContext, 'pathHref'>): PhraseFormat {
  return {
    // Our own wording: never schema text, but still escaped for the characters that would be markup.
    words: (value) => value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')),
    code: codeHtml,
    text: escapeHtml,
    strong: (value) => `<strong>${escapeHtml(value)}</strong>`,
    apiPath: (value) => {
      const href = ctx.pathHref?.(value) ?? null;
      return href ? `<a href="${escapeHtml(href)}">${escapeHtml(value)}</a>` : codeHtml(value);
    },
  };
}

export function phraseHtml(p: Phrase, ctx: Pick<SchemaViewContext, 'pathHref'>): string {
  return renderPhrase(p, htmlFormat(ctx));
}

const CAPTIONS: Record<Nested['kind'], string> = {
  'property-keys': 'Property string keys (key=value, separated by commas)',
  variants: 'Variants (oneOf)',
  properties: 'Properties',
  items: 'Each item',
};

/** Typetexts run to ~10 000 characters (PVE 9.1): shown whole, folded, never cut at 4096. */
const MAX_TYPE = 64 * 1024;

/**
 * The Type cell. A property string whose keys are listed below shows a short form and keeps its
 * full syntax folded (it repeats the key table); other synopses show as they are.
 */
function typeCellHtml(doc: FieldDoc): string {
  const full = `<code>${escapeHtml(clipText(doc.type, MAX_TYPE))}</code>`;
  const keys = doc.nested?.kind === 'property-keys' ? doc.nested.fields.length : 0;
  if (keys === 0 || doc.type.length <= 40) return full;
  return `<code>${escapeHtml(`<property string: ${keys} key${keys === 1 ? '' : 's'}>`)}</code><details class="syntax"><summary>Syntax</summary>${full}</details>`;
}

export function fieldView(doc: FieldDoc, ctx: SchemaViewContext): FieldView {
  const format = htmlFormat(ctx);
  const nested = doc.nested;
  const fields = nested ? (nested.kind === 'items' ? [fieldView(nested.item, ctx)] : nested.fields.map((f) => fieldView(f, ctx))) : null;
  return {
    name: doc.name,
    presence: doc.presence,
    typeHtml: typeCellHtml(doc),
    defaultHtml: doc.default === null ? '' : doc.default === '' ? 'an empty string' : codeHtml(doc.default),
    constraintsHtml: doc.constraints.map((p) => renderPhrase(p, format)),
    descriptionHtml: ctx.md.block(doc.description),
    notesHtml: doc.notes.map((note) => renderPhrase(notePhrase(note), format)),
    fields,
    fieldsCaption: nested ? CAPTIONS[nested.kind] : '',
    keyRows: nested?.kind === 'property-keys' && fields ? keyRows(fields) : [],
  };
}

/**
 * The key table's rows as data, with the one direction-dependent wording (a boolean is "sent" or
 * "returned as" 1 or 0, document/constraints.ts) read as the request's: a returned key that says
 * exactly what a parameter's key says has the same row.
 */
function keyRows(fields: FieldView[]): string[] {
  const { returned, sent } = booleanWordings();
  return fields.map((f) =>
    JSON.stringify(f, (key, value: unknown) => (key === 'keyRows' ? undefined : value))
      .split(returned)
      .join(sent),
  );
}

let booleans: { returned: string; sent: string } | undefined;

/**
 * The two boolean wordings as they appear inside a row's JSON, rendered once per process (they
 * hold no link, so no page's context changes them): keyRows runs for every key table of a page.
 */
function booleanWordings(): { returned: string; sent: string } {
  if (booleans) return booleans;
  const format = htmlFormat({});
  const json = (direction: 'request' | 'response'): string => JSON.stringify(renderPhrase(booleanPhrase(direction), format)).slice(1, -1);
  booleans = { returned: json('response'), sent: json('request') };
  return booleans;
}
