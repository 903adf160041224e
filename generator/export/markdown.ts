/**
 * One Markdown file per API path, beside its HTML page (api/nodes/_node/qemu/index.md), with the
 * same content: methods, HTTP line, flags, description, parameters (property-string keys and
 * variants as their own tables), returns, permissions in words, examples, sub-paths. For people who
 * paste the reference into tools that read Markdown (llms.txt links here).
 *
 * Everything from the schema goes through markdown-text.ts: text cannot become raw HTML, a link
 * that runs script, or an image, and names and values are code spans.
 */
import { describeConstraints, renderPhrase } from '../document/constraints.js';
import { PRODUCTS } from '../model/product.js';
import type { ApiModel, ApiPath, Operation, Parameter, PropertyKey, SchemaNode } from '../model/types.js';
import { relativeHref } from '../model/urls.js';
import { buildExamples } from '../document/examples/index.js';
import { SITE_FILES } from '../render/site-context.js';
import { propertyStringKeys } from '../model/formats.js';
import { mdCell, mdCode, mdFence, mdLine, mdLinkText, mdText, permissionsMarkdown } from './markdown-text.js';

/** Link from the Markdown being written to another output file (relative, or root-relative in llms-full.txt). */
export type HrefFn = (toFile: string) => string;

const MAX_DEPTH = 12;

/** The Markdown file of an API path: its page file with `.md` instead of `.html`. */
export function markdownFile(apiPath: ApiPath): string {
  return apiPath.file.replace(/\.html$/, '.md');
}

/** Relative links from the path's own Markdown file. */
export function relativeLinks(apiPath: ApiPath): HrefFn {
  const from = markdownFile(apiPath);
  return (to) => relativeHref(from, to, false);
}

export function pathMarkdown(model: ApiModel, apiPath: ApiPath, href: HrefFn, byPath: Map<string, ApiPath> = pathIndex(model)): string {
  const out: string[] = [];
  out.push(`# ${mdCode(apiPath.path)}`);
  const about = [`${mdText(model.title)} — [HTML page](${href(apiPath.file)})`];
  const parent = apiPath.parent ? byPath.get(apiPath.parent) : undefined;
  if (parent) about.push(`parent: [${mdLinkText(parent.path)}](${href(markdownFile(parent))})`);
  out.push(about.join(' · '));
  if (apiPath.operations.length === 0) out.push('This path has no methods of its own; it groups the paths below.');
  else out.push(`Methods: ${apiPath.operations.map((o) => o.method).join(', ')}`);
  for (const op of apiPath.operations) out.push(operationMarkdown(model, op, href));
  const children = apiPath.children.map((c) => byPath.get(c)).filter((c): c is ApiPath => c !== undefined);
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
  return out.join('\n\n') + '\n';
}

export function pathIndex(model: ApiModel): Map<string, ApiPath> {
  return new Map(model.paths.map((p) => [p.path, p]));
}

/**
 * An operation's Markdown links to one other file only (the auth guide, in the examples' intro), so
 * the rest is written once per operation and shared by its path's own .md file and llms-full.txt.
 */
const operationParts = new WeakMap<Operation, { model: ApiModel; before: string; after: string }>();

export function operationMarkdown(model: ApiModel, op: Operation, href: HrefFn): string {
  let parts = operationParts.get(op);
  if (!parts || parts.model !== model) {
    parts = { model, ...operationMarkdownParts(model, op) };
    operationParts.set(op, parts);
  }
  const intro = `Required parameters only, with example values. See [Authentication](${href(SITE_FILES.auth)}) for tickets and API tokens.`;
  return `${parts.before}\n\n${intro}${parts.after ? `\n\n${parts.after}` : ''}`;
}

/** Everything before and after the examples' intro line (which carries the only link). */
function operationMarkdownParts(model: ApiModel, op: Operation): { before: string; after: string } {
  const product = PRODUCTS[model.product];
  const out: string[] = [];
  out.push(`## ${op.method} ${mdCode(op.path)}${op.summary ? ` — ${mdLine(op.summary)}` : ''}`);
  const line = [`HTTP: ${mdCode(`${op.method} ${product.apiBase}${op.path}`)}`];
  if (product.cli) {
    const verb = { GET: 'get', POST: 'create', PUT: 'set', DELETE: 'delete' }[op.method];
    line.push(`CLI: ${mdCode(`${product.cli} ${verb} ${op.path}`)}`);
  }
  if (op.name) line.push(`method name: ${mdCode(op.name)}`);
  out.push(line.join(' · '));
  const flags = flagLines(op);
  if (flags.length > 0) out.push(flags.map((f) => `- ${f}`).join('\n'));
  if (op.description) out.push(mdText(op.description));

  out.push('### Parameters');
  if (op.parameters.length === 0) out.push('No parameters.');
  else {
    const rows = op.parameters.map((p) => [
      mdCode(p.name, true),
      p.required || p.location === 'path' ? 'required' : 'optional',
      p.location,
      typeCell(p.schema),
      defaultCell(p.schema),
      detailsCell(p.schema, model, paramNotes(p)),
    ]);
    out.push(table(['Name', 'Required', 'In', 'Type', 'Default', 'Details'], rows));
    for (const p of op.parameters) out.push(...nestedTables(p.name, p.schema, model, 0));
  }

  out.push('### Returns');
  out.push(...returnsBlocks(op.returns, model));

  out.push('### Permissions');
  out.push(permissionsMarkdown(op.permissions));

  out.push('### Examples');
  const after: string[] = [];
  for (const example of buildExamples(op, { product, host: product.exampleHost, formats: model.formats })) {
    after.push(`**${mdLine(example.label)}**`, mdFence(example.code, example.language));
  }
  return { before: out.join('\n\n'), after: after.join('\n\n') };
}

function flagLines(op: Operation): string[] {
  const out: string[] = [];
  if (op.flags.protected) out.push('**protected** — Runs in the privileged daemon (pvedaemon) on the node.');
  if (op.flags.proxyto)
    out.push(
      `**proxied to ${mdCode(`{${op.flags.proxyto}}`)}** — The request is forwarded to the cluster node named by parameter ${mdCode(op.flags.proxyto)}.`,
    );
  if (!op.flags.allowToken) out.push('**no API tokens** — API tokens cannot call this; log in with a ticket.');
  if (op.flags.downloadAllowed) out.push('**download** — The response may be a file download instead of JSON.');
  if (op.flags.exposeCredentials) out.push('**returns secrets** — The response contains credentials: keep it out of logs.');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cells

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function typeCell(node: SchemaNode): string {
  return mdCode(node.synopsis || `<${node.type}>`, true);
}

function defaultCell(node: SchemaNode): string {
  if (node.default === undefined) return '';
  return mdCode(typeof node.default === 'string' ? node.default : (JSON.stringify(node.default) ?? String(node.default)), true);
}

/** Constraints in words, each a Markdown fragment safe inside a table cell. */
function constraints(node: SchemaNode): string[] {
  return describeConstraints(node).map((phrase) => renderPhrase(phrase, mdCell, (v) => mdCode(v, true)));
}

function paramNotes(p: Parameter): string[] {
  const notes: string[] = [];
  if (p.family) {
    const range = p.familyRange
      ? ` (${mdCode(p.family + p.familyRange.first, true)} to ${mdCode(p.family + p.familyRange.last, true)})`
      : '';
    notes.push(
      `Numbered family: ${mdCode(p.name, true)} stands for ${mdCode(p.family + '0', true)}, ${mdCode(p.family + '1', true)}, …${range}; send each as its own parameter.`,
    );
  }
  if (p.schema.instanceTypes?.length) {
    notes.push(
      `Only when ${mdCode(p.schema.typeProperty ?? 'type', true)} is ${p.schema.instanceTypes.map((t) => mdCode(t, true)).join(' or ')}.`,
    );
  }
  return notes;
}

function keyNotes(key: PropertyKey): string[] {
  const notes: string[] = [];
  if (key.defaultKey) notes.push(`Default key: the value may be given without ${mdCode(key.name + '=', true)}.`);
  if (key.alias) notes.push(`Alias for ${mdCode(key.alias, true)}.`);
  if (key.keyAlias)
    notes.push(`Key alias: written as ${mdCode(`<${key.keyAlias}>=<value>`, true)} (the ${mdCode(key.keyAlias, true)} value is the key).`);
  return notes;
}

function detailsCell(node: SchemaNode, model: ApiModel, notes: string[] = []): string {
  const parts: string[] = [];
  if (node.title) parts.push(`**${mdCell(node.title)}**`);
  const description = node.verboseDescription ?? node.description;
  if (description) parts.push(mdCell(description));
  parts.push(...constraints(node), ...notes);
  if (node.requires) parts.push(`Only valid together with ${mdCode(node.requires, true)}.`);
  if (node.extra) for (const [key, value] of Object.entries(node.extra)) parts.push(`${mdCode(key, true)}: ${mdCode(value, true)}`);
  const keys = propertyStringKeys(node, model);
  if (keys && keys.length > 0) parts.push('Property string: keys in the table below.');
  else if (node.format?.kind === 'named' && !model.hasFormatRegistry && looksLikePropertyString(node)) {
    parts.push(
      `Property string of format ${mdCode(node.format.name, true)}: this schema does not publish its keys (build from the reference dump or pass ${mdCode('--formats', true)} to list them).`,
    );
  }
  if (node.oneOf?.length) parts.push('Variants: see the table below.');
  return parts.join('<br>');
}

function looksLikePropertyString(node: SchemaNode): boolean {
  return /\[,?[a-z0-9_-]+=/i.test(node.synopsis) || /^\[[a-z0-9_-]+=\]/i.test(node.synopsis);
}

// ---------------------------------------------------------------------------------------------
// Nested tables: property-string keys, variants, item and object fields

function nestedTables(label: string, node: SchemaNode, model: ApiModel, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  const out: string[] = [];
  const keys = propertyStringKeys(node, model);
  if (keys && keys.length > 0) {
    out.push(`**${mdCode(label)}: property string keys** (${mdCode('key=value')} pairs separated by commas)`);
    out.push(
      table(
        ['Key', 'Required', 'Type', 'Default', 'Details'],
        keys.map((k) => [
          mdCode(k.name, true),
          k.required ? 'required' : 'optional',
          typeCell(k.schema),
          defaultCell(k.schema),
          detailsCell(k.schema, model, keyNotes(k)),
        ]),
      ),
    );
    for (const k of keys) out.push(...nestedTables(`${label} ${k.name}`, k.schema, model, depth + 1));
  }
  if (node.oneOf?.length) {
    out.push(`**${mdCode(label)}: variants**`);
    const rows = node.oneOf.map((alt, i) => [
      alt.instanceTypes?.length
        ? `when ${mdCode(alt.typeProperty ?? node.typeProperty ?? 'type', true)} = ${alt.instanceTypes.map((t) => mdCode(t, true)).join(' \\| ')}`
        : `variant ${i + 1}`,
      typeCell(alt),
      detailsCell(alt, model),
    ]);
    out.push(table(['Variant', 'Type', 'Details'], rows));
    node.oneOf.forEach((alt, i) => {
      out.push(...nestedTables(`${label} (variant ${i + 1})`, alt, model, depth + 1));
    });
  }
  if (node.items) out.push(...nestedTables(`${label}[]`, node.items, model, depth + 1));
  if (node.properties?.length) {
    // Object-valued parameters are rare; their fields get a table like return fields.
    out.push(`**${mdCode(label)}: fields**`, fieldsTable(node, model, depth + 1));
  }
  return out;
}

function returnsBlocks(node: SchemaNode, model: ApiModel): string[] {
  const out: string[] = [];
  let note = '';
  const hasFields = (n: SchemaNode | undefined): boolean =>
    !!n && ((n.properties?.length ?? 0) > 0 || !!propertyStringKeys(n, model)?.length);
  if (node.type === 'null') note = 'Returns nothing (`null`).';
  else if (node.type === 'array' && !hasFields(node.items)) {
    const items = node.items;
    note =
      items && (items.type === 'object' || items.type === 'any')
        ? 'An array of objects; the schema does not list their fields.'
        : `An array of ${mdCode(items?.type ?? 'values')}.`;
  } else if (node.type === 'object' && !hasFields(node)) note = 'An object; the schema does not list its fields.';
  out.push(`Type: ${mdCode(node.synopsis || `<${node.type}>`)}${note ? ` — ${note}` : ''}`);
  const description = node.verboseDescription ?? node.description;
  if (description) out.push(mdText(description));
  const c = constraints(node);
  if (c.length > 0) out.push(c.map((x) => `- ${x}`).join('\n'));
  if (node.links?.length) {
    out.push(`This call lists sub-resources: ${node.links.map((l) => `${mdText(l.rel)}: ${mdCode(l.href)}`).join('; ')}.`);
  }
  if (node.type === 'array' && node.items && hasFields(node.items)) {
    if (node.items.properties?.length) out.push('Each item:', fieldsTable(node.items, model, 1));
    out.push(...returnNested(node.items, '', model, 1));
  } else if (hasFields(node)) {
    if (node.properties?.length) out.push('Fields:', fieldsTable(node, model, 1));
    out.push(...returnNested(node, '', model, 1));
  }
  return out;
}

/** Object fields, nested objects and item objects flattened into one table with dotted names. */
function fieldsTable(node: SchemaNode, model: ApiModel, depth: number): string {
  const rows: string[][] = [];
  const walk = (n: SchemaNode, prefix: string, d: number): void => {
    if (d > MAX_DEPTH) return;
    for (const prop of n.properties ?? []) {
      const name = prefix + prop.name;
      const notes = prop.familyRange
        ? [`Numbered family: ${mdCode(name, true)} stands for members ${prop.familyRange.first} to ${prop.familyRange.last}.`]
        : [];
      rows.push([
        mdCode(name, true),
        prop.schema.optional ? 'optional' : '',
        typeCell(prop.schema),
        defaultCell(prop.schema),
        detailsCell(prop.schema, model, notes),
      ]);
      if (prop.schema.properties?.length) walk(prop.schema, `${name}.`, d + 1);
      else if (prop.schema.items?.properties?.length) walk(prop.schema.items, `${name}[].`, d + 1);
    }
  };
  walk(node, '', depth);
  return table(['Name', 'Presence', 'Type', 'Default', 'Details'], rows);
}

/** Property-string key tables for fields anywhere in a returned structure. */
function returnNested(node: SchemaNode, prefix: string, model: ApiModel, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  const out: string[] = [];
  if (!prefix) {
    const keys = propertyStringKeys(node, model);
    if (keys?.length) out.push(...nestedTables('[value]', node, model, depth));
  }
  for (const prop of node.properties ?? []) {
    const name = prefix + prop.name;
    if (propertyStringKeys(prop.schema, model)?.length) out.push(...nestedTables(name, prop.schema, model, depth));
    if (prop.schema.properties?.length) out.push(...returnNested(prop.schema, `${name}.`, model, depth + 1));
    else if (prop.schema.items?.properties?.length) out.push(...returnNested(prop.schema.items, `${name}[].`, model, depth + 1));
  }
  return out;
}
