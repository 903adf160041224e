/**
 * One content layer for every output: for every operation of the real PVE 9.1 schema (viewer dump
 * and reference dump) and of PBS, the HTML page and the Markdown file carry the same notes, flags,
 * constraint and type texts, namely every one the document layer decided (document/operation.ts). A
 * formatter that drops a note, or says it differently, fails here.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { flatItem, walkFields, type FieldDoc } from '../../generator/document/fields.js';
import { notePhrase } from '../../generator/document/notes.js';
import { operationDoc } from '../../generator/document/operation.js';
import { plainText, type Phrase } from '../../generator/document/phrase.js';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel, ApiPath, Operation } from '../../generator/model/types.js';
import { renderSite } from '../../generator/render/pages.js';
import { loadTemplates } from '../../generator/render/templates.js';
import { REFS_DUMPS, SHARED_SCHEMAS, VIEWER_DUMPS } from '../helpers/real-schemas.js';

const DUMPS = [
  { name: 'PVE 9.1 viewer dump', file: VIEWER_DUMPS.find((d) => d.version === '9.1')!.file, least: 5000 },
  { name: 'PVE 9.1 reference dump', file: REFS_DUMPS.find((d) => d.version === '9.1')!.file, least: 5000 },
  { name: 'PBS 2025-06', file: join(SHARED_SCHEMAS, 'pbs-2025-06.apidoc.js'), least: 3000 },
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** Visible text of an HTML fragment, whitespace collapsed. */
function htmlText(html: string): string {
  return squash(
    html
      // Inline markup joins its text to the words around it; any other tag separates.
      .replace(/<\/?(?:code|a|strong|em)\b[^>]*>/g, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
      .replace(/&([a-z]+);/g, (m, name: string) => ENTITIES[name] ?? m),
  );
}

/** Text of a Markdown fragment as a reader sees it: code-span fences, cell escapes and <br> removed. */
function markdownText(md: string): string {
  return squash(md.replace(/<br>/g, ' ').replace(/\\\|/g, '|').replace(/&lt;/g, '<').replace(/`/g, ''));
}

/** Backticks are code-span fences in Markdown: compared without them on both sides. */
const expected = (p: Phrase): string => squash(plainText(p)).replace(/`/g, '');

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A description without Markdown markup reads the same in both outputs: its start is compared. */
const plainDescription = (d: string): string | null => (d && !/[*_`\\[\]<>&|#]/.test(d) ? squash(d).slice(0, 80) : null);

/**
 * Every note, constraint, flag and type text the document layer decided for the operation, the
 * sentence on undeclared parameters, and the descriptions of array elements (which both outputs
 * say beside the element's fields when they list those in the array's place).
 */
function documentTexts(op: Operation, model: ApiModel, page: ApiPath): Record<string, string[]> {
  const doc = operationDoc(op, model, page);
  const fields: FieldDoc[] = [...doc.params.flatMap((p) => [...walkFields(p.field)]), ...walkFields(doc.returns.field)];
  const flat = new Set(fields.map(flatItem).filter((f) => f !== null));
  return {
    notes: fields.flatMap((f) => f.notes.map((n) => expected(notePhrase(n)))),
    constraints: fields.flatMap((f) => f.constraints.map(expected)),
    flags: doc.flags.flatMap((f) => [expected(f.label), expected(f.text)]),
    paths: doc.undeclaredPath ? [expected(doc.undeclaredPath)] : [],
    // An element listed in its array's place has no type line of its own: the array says `<array of object>`.
    types: fields.filter((f) => f.type.length < 200 && !flat.has(f)).map((f) => squash(f.type).replace(/`/g, '')),
    parameters: doc.extraParams ? [expected(doc.extraParams)] : [],
    items: fields
      .flatMap((f) => (f.nested?.kind === 'items' ? [plainDescription(f.nested.item.description)] : []))
      .filter((d) => d !== null),
  };
}

/** The HTML of each operation's section on its path page. */
function htmlSections(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const starts = [...html.matchAll(/<section class="operation" id="([^"]+)"/g)];
  starts.forEach((m, i) => {
    const end = starts[i + 1]?.index ?? html.indexOf('</main>', m.index);
    out.set(m[1]!, html.slice(m.index, end < 0 ? undefined : end));
  });
  return out;
}

/**
 * The key tables an operation's section links to instead of repeating them (issue #28: a later
 * parameter or returned field with the same property-string keys lists their names and links to
 * the first table on the page). Their HTML is read with the section; a link to an id the page
 * does not have adds nothing, so its keys' notes are reported missing.
 */
function linkedKeyTables(section: string, page: string): string {
  let out = '';
  for (const [, id] of section.matchAll(/<p class="keys-ref">[^<]*<a href="#([^"]+)"/g)) {
    const at = page.indexOf(` id="${id}"`);
    const start = at < 0 ? -1 : page.lastIndexOf('<', at);
    if (start < 0 || !page.startsWith('<details', start)) continue;
    // The whole <details> element, nested ones included.
    let depth = 0;
    for (const m of page.slice(start).matchAll(/<details\b|<\/details>/g)) {
      depth += m[0] === '</details>' ? -1 : 1;
      if (depth === 0) {
        out += page.slice(start, start + m.index + m[0].length);
        break;
      }
    }
  }
  return out;
}

/** The Markdown of each operation (from its `## METHOD` heading to the next one). */
function markdownSections(md: string, ops: Operation[]): Map<Operation, string> {
  const out = new Map<Operation, string>();
  const starts = ops.map((op) => md.indexOf(`\n## ${op.method} `));
  ops.forEach((op, i) => {
    const next = starts.slice(i + 1).find((s) => s > starts[i]!) ?? md.indexOf('\n## Sub-paths');
    out.set(op, md.slice(starts[i], next < 0 ? undefined : next));
  });
  return out;
}

describe.each(DUMPS)('$name: Markdown and HTML say the same', ({ file, least }) => {
  it('carries every note, flag and constraint of every operation in both outputs', async () => {
    const { model } = await loadModel({ schema: file }, silentLogger());
    const pages = new Map(
      renderSite(model, loadTemplates(), { cleanUrls: true, baseUrl: '', assetVersions: {} }).map((f) => [f.file, String(f.content)]),
    );
    let operations = 0;
    let checked = 0;
    const missing: string[] = [];
    for (const apiPath of model.paths) {
      if (apiPath.operations.length === 0) continue;
      const page = pages.get(apiPath.file) ?? '';
      const html = htmlSections(page);
      const md = markdownSections(pathMarkdown(model, apiPath, relativeLinks(apiPath)), apiPath.operations);
      for (const op of apiPath.operations) {
        operations++;
        const section = html.get(op.anchor) ?? '';
        const htmlOp = htmlText(section + linkedKeyTables(section, page));
        const mdOp = markdownText(md.get(op) ?? '');
        const texts = documentTexts(op, model, apiPath);
        for (const [kind, list] of Object.entries(texts)) {
          // Control characters in a pattern are written differently by each output (issue 26, its own item).
          for (const text of list.filter((t) => !/[\u0000-\u001f\u007f]/.test(t))) {
            checked++;
            if (!htmlOp.includes(text)) missing.push(`${op.method} ${op.path}: HTML lacks ${kind} "${text}"`);
            if (!mdOp.includes(text)) missing.push(`${op.method} ${op.path}: Markdown lacks ${kind} "${text}"`);
          }
        }
      }
    }
    expect(missing.slice(0, 20)).toEqual([]);
    expect(operations).toBeGreaterThan(300);
    // The real schema has thousands of constraints and notes; a walk that found none proves nothing.
    expect(checked).toBeGreaterThan(least);
  }, 600_000);
});
