/**
 * One Markdown file per API path, beside its HTML page (api/nodes/_node/qemu/index.md), with the
 * same content: methods, HTTP line, flags, description, parameters (property-string keys and
 * variants as their own tables), returns, permissions in words, examples, sub-paths. For people who
 * paste the reference into tools that read Markdown (llms.txt links here).
 *
 * The content (notes, flags, constraints, examples) comes from the document layer
 * (document/operation.ts), the same the HTML pages format; this module only lays it out as
 * Markdown. Everything from the schema goes through markdown-text.ts: text cannot become raw
 * HTML, a link that runs script, or an image, and names and values are code spans.
 */
import type { CodeExample } from '../document/examples/index.js';
import { flatItem, type FieldDoc } from '../document/fields.js';
import { notePhrase, type Note } from '../document/notes.js';
import { operationDoc } from '../document/operation.js';
import { apiTokensAvailable } from '../document/tokens.js';
import { renderPhrase, type Phrase, type PhraseFormat } from '../document/phrase.js';
import { parentOf, siteIndex } from '../model/site-index.js';
import type { ApiModel, ApiPath, Operation } from '../model/types.js';
import { relativeHref, SITE_FILES } from '../model/urls.js';
import { visibleCodePoints } from '../text/visible.js';
import { flagsMarkdown, LINE, mdCell, mdCode, mdFence, mdLine, mdLinkText, mdText, permissionsMarkdown } from './markdown-text.js';

/** Link from the Markdown being written to another output file (relative, or root-relative in llms-full.txt). */
export type HrefFn = (toFile: string) => string;

/** The Markdown file of an API path: its page file with `.md` instead of `.html`. */
export function markdownFile(apiPath: ApiPath): string {
  return apiPath.file.replace(/\.html$/, '.md');
}

/** Relative links from the path's own Markdown file. */
export function relativeLinks(apiPath: ApiPath): HrefFn {
  const from = markdownFile(apiPath);
  return (to) => relativeHref(from, to, false);
}

export function pathMarkdown(model: ApiModel, apiPath: ApiPath, href: HrefFn, memo?: PartsMemo): string {
  const index = siteIndex(model);
  const out: string[] = [];
  out.push(`# ${mdCode(apiPath.path)}`);
  const about = [`${mdText(model.title)} — [HTML page](${href(apiPath.file)})`];
  const parent = parentOf(index, apiPath);
  if (parent) about.push(`parent: [${mdLinkText(parent.path)}](${href(markdownFile(parent))})`);
  out.push(about.join(' · '));
  if (apiPath.operations.length === 0) out.push('This path has no methods of its own; it groups the paths below.');
  else out.push(`Methods: ${apiPath.operations.map((o) => o.method).join(', ')}`);
  for (const op of apiPath.operations) out.push(operationMarkdown(model, apiPath, op, href, memo));
  const children = index.kids.get(apiPath.path) ?? [];
  if (children.length > 0) {
    out.push('## Sub-paths');
    out.push(
      children
        .map(
          (c) =>
            `- [${mdLinkText(c.path)}](${href(markdownFile(c))})${c.operations.length ? ` — ${c.operations.map((o) => o.method).join(', ')}` : ''}`,
        )
        .join('\n'),
    );
  }
  // Control and bidi characters as the HTML page shows them (`<U+0000>`), not as raw bytes.
  return visibleCodePoints(out.join('\n\n') + '\n');
}

/**
 * An operation's Markdown links to one other file only (the auth guide, in the examples' intro), so
 * the rest is written once per operation and shared by its path's own .md file and llms-full.txt.
 */
const operationParts = new WeakMap<Operation, OperationParts>();

interface OperationParts {
  model: ApiModel;
  before: string;
  after: string;
}

/**
 * Where operationMarkdown keeps each operation's parts. The default lives as long as the model (the
 * MCP server asks for an operation again and again); the export stage passes one per path instead,
 * dropped once the path's two outputs are made, so a large API's Markdown is not all held at once.
 */
export type PartsMemo = Pick<WeakMap<Operation, OperationParts>, 'get' | 'set'>;

export function operationMarkdown(model: ApiModel, page: ApiPath, op: Operation, href: HrefFn, memo: PartsMemo = operationParts): string {
  let parts = memo.get(op);
  if (!parts || parts.model !== model) {
    const { before, after } = operationMarkdownParts(model, page, op);
    parts = { model, before: visibleCodePoints(before), after: visibleCodePoints(after) };
    memo.set(op, parts);
  }
  const intro = `With example values. See [Authentication](${href(SITE_FILES.auth)}) for tickets${apiTokensAvailable(model) ? ' and API tokens' : ''}.`;
  return `${parts.before}\n\n${intro}${parts.after ? `\n\n${parts.after}` : ''}`;
}

/** Everything before and after the examples' intro line (which carries the only link). */
function operationMarkdownParts(model: ApiModel, page: ApiPath, op: Operation): { before: string; after: string } {
  const doc = operationDoc(op, model, page);
  const out: string[] = [];
  out.push(`## ${op.method} ${mdCode(op.path)}${op.summary ? ` — ${mdLine(op.summary)}` : ''}`);
  const line = [`HTTP: ${mdCode(doc.http)}`];
  if (doc.cli) line.push(`CLI: ${mdCode(doc.cli)}`);
  if (op.name) line.push(`method name: ${mdCode(op.name)}`);
  out.push(line.join(' · '));
  if (doc.flags.length > 0) out.push(flagsMarkdown(doc.flags));
  if (doc.description) out.push(mdText(doc.description));

  out.push('### Parameters');
  if (doc.undeclaredPath) out.push(renderPhrase(doc.undeclaredPath, LINE));
  if (doc.params.length === 0) out.push('No parameters.');
  else {
    const rows = doc.params.map(({ param, field }) => [
      mdCode(param.name, true),
      field.presence,
      param.location,
      typeCell(field),
      defaultCell(field),
      detailsCell(field),
    ]);
    out.push(table(['Name', 'Required', 'In', 'Type', 'Default', 'Details'], rows));
    for (const { field } of doc.params) out.push(...nestedTables(field.name, field));
  }
  if (doc.extraParams) out.push(renderPhrase(doc.extraParams, LINE));

  out.push('### Returns');
  out.push(...returnsBlocks(doc.returns.field, doc.returns.shape, doc.returns.links));

  out.push('### Permissions');
  out.push(permissionsMarkdown(op.permissions));

  out.push('### Examples');
  // As the HTML page: the typical request where there is one, the minimal one, the example response.
  const after: string[] = [];
  const figures = (examples: readonly CodeExample[]): void => {
    for (const example of examples) after.push(`**${mdLine(example.label)}**`, mdFence(example.code, example.language));
  };
  if (doc.typicalExamples) {
    after.push('#### Typical request', 'The required parameters and the optional ones most often set.');
    figures(doc.typicalExamples);
    after.push('#### Minimal request', 'Required parameters only.');
  } else after.push('Required parameters only.');
  figures(doc.examples);
  after.push('#### Example response');
  if (doc.response.json) after.push(mdFence(doc.response.json, 'json'));
  after.push(mdLine(doc.response.note));
  return { before: out.join('\n\n'), after: after.join('\n\n') };
}

// ---------------------------------------------------------------------------------------------
// Phrases and cells

/** Phrases inside a GFM table cell. */
const CELL: PhraseFormat = {
  words: (value) => value,
  code: (value) => mdCode(value, true),
  text: mdCell,
  strong: (value) => `**${mdCell(value)}**`,
  apiPath: (value) => mdCode(value, true),
};

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function typeCell(field: FieldDoc): string {
  return mdCode(field.type, true);
}

function defaultCell(field: FieldDoc): string {
  return field.default === null ? '' : field.default === '' ? 'an empty string' : mdCode(field.default, true);
}

const cellPhrase = (p: Phrase): string => renderPhrase(p, CELL);
const isTitle = (note: Note): boolean => note.kind === 'title';

/** Title, description, constraints and notes in one cell; nested content is a table below. */
function detailsCell(field: FieldDoc): string {
  const parts: string[] = [];
  parts.push(...field.notes.filter(isTitle).map((n) => cellPhrase(notePhrase(n))));
  if (field.description) parts.push(mdCell(field.description));
  parts.push(...field.constraints.map(cellPhrase));
  parts.push(...field.notes.filter((n) => !isTitle(n)).map((n) => cellPhrase(notePhrase(n))));
  if (field.nested?.kind === 'property-keys') parts.push('Property string: keys in the table below.');
  else if (field.nested?.kind === 'variants') parts.push('Variants: see the table below.');
  return parts.join('<br>');
}

// ---------------------------------------------------------------------------------------------
// Nested tables: property-string keys, variants, item and object fields

function nestedTables(label: string, field: FieldDoc): string[] {
  const nested = field.nested;
  if (!nested) return [];
  switch (nested.kind) {
    case 'property-keys': {
      const out = [`**${mdCode(label)}: property string keys** (${mdCode('key=value')} pairs separated by commas)`];
      const rows = nested.fields.map((k) => [mdCode(k.name, true), k.presence, typeCell(k), defaultCell(k), detailsCell(k)]);
      out.push(table(['Key', 'Required', 'Type', 'Default', 'Details'], rows));
      for (const k of nested.fields) out.push(...nestedTables(`${label} ${k.name}`, k));
      return out;
    }
    case 'variants': {
      const out = [`**${mdCode(label)}: variants**`];
      out.push(
        table(
          ['Variant', 'Type', 'Details'],
          nested.fields.map((alt) => [mdCode(alt.name, true), typeCell(alt), detailsCell(alt)]),
        ),
      );
      nested.fields.forEach((alt, i) => {
        out.push(...nestedTables(`${label} (variant ${i + 1})`, alt));
      });
      return out;
    }
    case 'items': {
      // The item's own type, constraints and notes, as the HTML page's "Each item" row; then its keys.
      const item = nested.item;
      const row = [typeCell(item), detailsCell(item)];
      return [`**${mdCode(label)}: each item**`, table(['Type', 'Details'], [row]), ...nestedTables(`${label}[]`, item)];
    }
    case 'properties':
      // Object-valued parameters are rare; their fields get a table like return fields.
      return [`**${mdCode(label)}: fields**`, ...fieldsTables(field, '')];
    default: {
      const never: never = nested;
      return [String(never)];
    }
  }
}

function returnsBlocks(field: FieldDoc, shape: Phrase | null, links: Phrase | null): string[] {
  const out: string[] = [];
  out.push(`Type: ${mdCode(field.type)}${shape ? ` — ${renderPhrase(shape, LINE)}` : ''}`);
  if (field.description) out.push(mdText(field.description));
  if (field.constraints.length > 0) out.push(field.constraints.map((c) => `- ${cellPhrase(c)}`).join('\n'));
  for (const note of field.notes) out.push(renderPhrase(notePhrase(note), LINE));
  if (links) out.push(renderPhrase(links, LINE));
  const nested = field.nested;
  const item = flatItem(field);
  if (item) {
    out.push('Each item:');
    if (item.description) out.push(mdText(item.description));
    if (item.constraints.length > 0) out.push(item.constraints.map((c) => `- ${cellPhrase(c)}`).join('\n'));
    for (const note of item.notes) out.push(renderPhrase(notePhrase(note), LINE));
    out.push(...fieldsTables(item, ''));
  } else if (nested?.kind === 'properties') out.push('Fields:', ...fieldsTables(field, ''));
  else if (nested) out.push(...nestedTables('[value]', field));
  return out;
}

/**
 * Object fields, nested objects and item objects flattened into one table with dotted names; then
 * the property-string keys and variants of those fields, each as its own table.
 */
function fieldsTables(field: FieldDoc, prefix: string): string[] {
  const rows: string[][] = [];
  const below: [string, FieldDoc][] = [];
  const walk = (f: FieldDoc, path: string): void => {
    if (f.nested?.kind !== 'properties') return;
    for (const prop of f.nested.fields) {
      const name = path + prop.name;
      rows.push([mdCode(name, true), prop.presence, typeCell(prop), defaultCell(prop), detailsCell(prop)]);
      const n = prop.nested;
      const item = flatItem(prop);
      if (n?.kind === 'properties') walk(prop, `${name}.`);
      else if (item) {
        // The element's own description, constraints and notes (e.g. which keys it allows) go into
        // this row: the element has none.
        const row = rows[rows.length - 1]!;
        const about = [item.description ? mdCell(item.description) : '', ...item.constraints.map(cellPhrase)];
        about.push(...item.notes.map((note) => cellPhrase(notePhrase(note))));
        const said = about.filter((a) => a !== '');
        if (said.length > 0) row[4] += `${row[4] ? '<br>' : ''}Each item: ${said.join('<br>')}`;
        walk(item, `${name}[].`);
      } else if (n) below.push([name, prop]);
    }
  };
  walk(field, prefix);
  return [table(['Name', 'Presence', 'Type', 'Default', 'Details'], rows), ...below.flatMap(([name, f]) => nestedTables(name, f))];
}
