/**
 * Does every parameter and returned field of the raw schema appear on its page with its type,
 * element schema, enum, default, range and presence? Reads the raw schema with its own reader
 * (raw.ts) and the built HTML as text; nothing here comes from the generator.
 *
 * Locating a field: a field is an element that holds one name marker — a table row (`tr`) with a
 * `td.name` cell, or a parameter block (class `param`, a div or details) with a `.param-head` — and
 * its name is the first `code.ident` text of the marker. Elements are found with a small tag scanner
 * (pages are validated HTML), so a field's region is exactly its element, and a level's fields are the
 * shallowest ones (fewest enclosing fields) inside the parent's region. Facts are looked for in the
 * visible text of that region, so a fact shown for another field does not count. A row that shows
 * a property string's keys by linking to the same keys' table elsewhere on the page (`p.keys-ref`)
 * has its keys looked for in that table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, METHODS, type RawNode, type RawSchema, readTree, truthy, visibleText, walk } from './raw.js';

export interface FidelityReport {
  paths: number;
  operations: number;
  fields: number;
  facts: number;
  failures: string[];
  /** Paths of the manifest that the schema does not have, and the reverse. */
  manifestExtra: string[];
  manifestMissing: string[];
}

interface Field {
  name: string;
  start: number;
  end: number;
  depth: number;
}

interface Element {
  tag: string;
  classes: string[];
  start: number;
  end: number;
  parent: Element | undefined;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;

/** Every element of a page with its extent and parent; raw-text elements (script, style) are skipped over. */
function elements(html: string): Element[] {
  const all: Element[] = [];
  const stack: Element[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      // Close up to the matching open element (tolerates the optional end tags the templates do not use).
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at < 0) continue;
      for (const e of stack.splice(at)) e.end = m.index + m[0].length;
      continue;
    }
    const cls = /\bclass="([^"]*)"/.exec(m[3]!)?.[1] ?? '';
    const el: Element = { tag, classes: cls.split(/\s+/).filter(Boolean), start: m.index, end: html.length, parent: stack.at(-1) };
    all.push(el);
    if (tag === 'script' || tag === 'style') {
      const close = html.indexOf(`</${tag}`, TAG.lastIndex);
      el.end = close < 0 ? html.length : html.indexOf('>', close) + 1;
      TAG.lastIndex = el.end;
    } else if (!VOID.has(tag) && !m[3]!.endsWith('/')) stack.push(el);
  }
  return all;
}

/** The fields of a page: one per name marker, held by its row or parameter block. */
function fields(html: string, els: Element[] = elements(html)): Field[] {
  const holder = (marker: Element): Element | undefined => {
    for (let e = marker.parent; e; e = e.parent) if (e.tag === 'tr' || e.classes.includes('param')) return e;
    return undefined;
  };
  const found: { el: Element; name: string }[] = [];
  els.forEach((el, i) => {
    if (!(el.tag === 'td' && el.classes.includes('name')) && !el.classes.includes('param-head')) return;
    // Elements are in document order: the marker's first code.ident follows it directly.
    let code: Element | undefined;
    for (let j = i + 1; j < els.length && els[j]!.start < el.end && !code; j++) {
      if (els[j]!.tag === 'code' && els[j]!.classes.includes('ident')) code = els[j];
    }
    const owner = holder(el);
    if (!code || !owner) return;
    const inner = html.slice(html.indexOf('>', code.start) + 1, html.lastIndexOf('</code>', code.end));
    // Names carry <wbr> break hints: drop tags without a space so `freeze-<wbr>fs` reads `freeze-fs`.
    found.push({ el: owner, name: visibleText(inner.replace(/<[^>]*>/g, '')).trim() });
  });
  const owners = new Set(found.map((f) => f.el));
  return found.map(({ el, name }) => {
    let depth = 0;
    for (let e = el.parent; e; e = e.parent) if (owners.has(e)) depth++;
    return { name, start: el.start, end: el.end, depth };
  });
}

type Level = Map<string, { start: number; end: number }>;

/** The fields of one level inside [from, to): the shallowest ones, each with its own region. */
function level(all: Field[], from: number, to: number, skip?: number): Level {
  // A pseudo row for an array's element ("[item]") is transparent: its properties are the level.
  const inside = all.filter((f) => f.start >= from && f.end <= to && f.start !== skip && !/^\[[^\]]*\]$/.test(f.name));
  const min = Math.min(...inside.map((f) => f.depth));
  const out: Level = new Map();
  for (const f of inside) if (f.depth === min && !out.has(f.name)) out.set(f.name, { start: f.start, end: f.end });
  return out;
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The start of a description as it reads on the page: Markdown's code and emphasis marks gone. */
function prose(description: string): string {
  return norm(description.replace(/[`*_]/g, '')).slice(0, 60);
}

/** `net0` in the schema may be shown as the family `net[n]`. */
function find(levelRows: Level, name: string) {
  return levelRows.get(name) ?? levelRows.get(name.replace(/\d+$/, '[n]'));
}

class Checker {
  fields = 0;
  facts = 0;
  failures: string[] = [];

  private readonly all: Field[];
  private readonly els: Element[];

  constructor(private readonly html: string) {
    this.els = elements(html);
    this.all = fields(html, this.els);
  }

  private fact(ok: boolean, where: string, what: string): void {
    this.facts++;
    if (!ok) this.failures.push(`${where}: ${what}`);
  }

  /** The facts of one schema node, in the visible text of its row. */
  node(s: RawSchema, text: string, where: string, presence: 'param' | 'field' | 'none', depth = 0): void {
    const has = (needle: string): boolean => text.includes(norm(needle));
    if (typeof s['typetext'] === 'string') this.fact(has(s['typetext']), where, `typetext ${JSON.stringify(s['typetext'])}`);
    else if (typeof s['type'] === 'string' && !s['oneOf']) this.fact(has(s['type']), where, `type ${s['type']}`);
    if (Array.isArray(s['enum'])) for (const v of s['enum']) this.fact(has(String(v)), where, `enum value ${JSON.stringify(v)}`);
    const d = s['default'];
    if (d !== undefined && d !== null) {
      const shown =
        d === ''
          ? /empty/i.test(text)
          : typeof d === 'boolean'
            ? has(String(d)) || has(d ? '1' : '0')
            : has(typeof d === 'object' ? JSON.stringify(d) : String(d));
      this.fact(shown, where, `default ${JSON.stringify(d)}`);
    }
    for (const k of ['minimum', 'maximum'] as const) {
      if (s[k] !== undefined) this.fact(has(String(Number(s[k]))), where, `${k} ${String(s[k])}`);
    }
    if (typeof s['format'] === 'string') this.fact(has(s['format']), where, `format ${s['format']}`);
    this.structure(s, has, where);
    if (presence === 'param') {
      const head = text.slice(0, 300);
      // Type-dependent parameters put `optional` in their variants: optional when all variants are.
      const variants = Array.isArray(s['oneOf']) ? s['oneOf'] : [];
      const optional = truthy(s['optional']) || (variants.length > 0 && variants.every((v) => isObject(v) && truthy(v['optional'])));
      const want = optional ? 'optional' : 'required';
      this.fact(head.includes(want), where, want);
    } else if (presence === 'field' && truthy(s['optional'])) {
      this.fact(text.slice(0, 300).includes('optional'), where, 'optional');
    }
    if (depth > 12) return;
    const items = s['items'];
    if (isObject(items)) this.node(items, text, `${where}[]`, 'none', depth + 1);
    if (Array.isArray(s['oneOf'])) {
      if (typeof s['type-property'] === 'string') this.fact(has(s['type-property']), where, `type-property ${s['type-property']}`);
      s['oneOf'].forEach((alt, i) => {
        if (!isObject(alt)) return;
        for (const t of Array.isArray(alt['instance-types']) ? alt['instance-types'] : [])
          this.fact(has(String(t)), where, `variant ${i + 1} type ${t}`);
        const altCopy = { ...alt };
        delete altCopy['optional'];
        // The selector is named once, on the node that holds the variants.
        if (typeof s['type-property'] === 'string') altCopy['type-property'] ??= s['type-property'];
        this.node(altCopy, text, `${where} variant ${i + 1}`, 'none', depth + 1);
      });
    }
    const format = s['format'];
    if (isObject(format)) {
      if (typeof format['type'] === 'string') {
        // proxmox-schema: the format is the property string's schema.
        if (isObject(format['items'])) this.node(format['items'], text, `${where} list item`, 'none', depth + 1);
      } else {
        for (const key of Object.keys(format)) this.fact(has(key), where, `property-string key ${key}`);
      }
    }
  }

  /**
   * What the node's structure says beyond its type line: the type it implies when it names none,
   * whether other keys are allowed, when a type-dependent field applies, its element's description
   * and how many values a list property string takes.
   */
  private structure(s: RawSchema, has: (needle: string) => boolean, where: string): void {
    const items = s['items'];
    const objectKeys = s['properties'] !== undefined || s['additionalProperties'] !== undefined;
    if (typeof s['type'] !== 'string' && typeof s['typetext'] !== 'string' && !s['oneOf']) {
      if (isObject(items)) this.fact(has('<array'), where, 'untyped: array by its items');
      else if (objectKeys) this.fact(has('<object>'), where, 'untyped: object by its properties');
    }
    const extra = s['additionalProperties'];
    const isObjectNode = s['type'] === 'object' || (typeof s['type'] !== 'string' && objectKeys && !isObject(items));
    if (isObjectNode && (typeof extra === 'boolean' || typeof extra === 'number' || typeof extra === 'string')) {
      const said = truthy(extra) ? 'Other keys than those listed are allowed' : 'No keys other than those listed are allowed';
      this.fact(has(said), where, `additionalProperties ${String(extra)}`);
    }
    if (Array.isArray(s['instance-types'])) {
      for (const t of s['instance-types']) this.fact(has(String(t)), where, `instance type ${String(t)}`);
      this.fact(has(typeof s['type-property'] === 'string' ? s['type-property'] : 'type'), where, 'instance types: selector');
    }
    if (isObject(items) && typeof items['description'] === 'string' && items['description'].trim() !== '') {
      this.fact(has(prose(items['description'])), where, `item description ${JSON.stringify(items['description'])}`);
    }
    const format = s['format'];
    if (isObject(format) && format['type'] === 'array') {
      for (const k of ['minLength', 'maxLength'] as const) {
        if (format[k] !== undefined) this.fact(has('in the list') && has(String(format[k])), where, `list ${k} ${String(format[k])}`);
      }
    }
  }

  /** A level of named fields (parameters, properties, property-string keys) inside a region. */
  fieldsIn(
    props: Record<string, unknown>,
    from: number,
    to: number,
    where: string,
    presence: 'param' | 'field',
    skip?: number,
    depth = 0,
  ): void {
    const found = level(this.all, from, to, skip);
    for (const [name, schema] of Object.entries(props)) {
      if (!isObject(schema)) continue;
      this.fields++;
      const row = find(found, name);
      this.fact(row !== undefined, `${where} ${name}`, 'row');
      if (!row) continue;
      const text = visibleText(this.html.slice(row.start, row.end));
      this.node(schema, text, `${where} ${name}`, presence, depth);
      if (depth < 12) this.nested(schema, row.start, row.end, `${where} ${name}`, depth + 1, this.sharedKeys(row));
    }
  }

  /**
   * A row whose property-string keys the page shows once, elsewhere (issue #28): its
   * `p.keys-ref` links to that table (`#id` on the same page). The keys' facts are looked for in
   * the linked element, which must exist; null when the row has its own table.
   */
  private sharedKeys(row: { start: number; end: number }): { start: number; end: number } | null {
    const own = this.html.slice(row.start, row.end);
    const ref = /<p class="keys-ref">[^<]*<a href="#([^"]+)"/.exec(own);
    if (!ref) return null;
    const at = this.html.indexOf(` id="${ref[1]}"`);
    // The id sits in its element's start tag: the element is the last one that starts before it.
    const el = at < 0 ? undefined : this.els.findLast((e) => e.start < at);
    // A link to nothing: an empty region, where every key is reported missing.
    return el ? { start: el.start, end: el.end } : { start: row.start, end: row.start };
  }

  /** Named sub-fields of a node: object properties, map values, item properties, property-string keys. */
  nested(s: RawSchema, from: number, to: number, where: string, depth: number, keys: { start: number; end: number } | null = null): void {
    const subs: [Record<string, unknown>, string, { start: number; end: number }?][] = [];
    if (isObject(s['properties'])) subs.push([s['properties'], where]);
    const extra = s['additionalProperties'];
    if (isObject(extra) && isObject(extra['properties'])) subs.push([extra['properties'], `${where}.*`]);
    const items = s['items'];
    if (isObject(items) && isObject(items['properties'])) subs.push([items['properties'], `${where}[]`]);
    const format = s['format'];
    if (isObject(format) && format['type'] === 'object' && isObject(format['properties']))
      subs.push([format['properties'], `${where} key`, keys ?? undefined]);
    for (const [props, label, region] of subs) {
      if (Object.keys(props).length > 0) this.fieldsIn(props, region?.start ?? from, region?.end ?? to, label, 'field', from, depth);
    }
  }
}

/** Page HTML of one API path: from the manifest's url. */
export function checkSite(schemaFile: string, out: string): FidelityReport {
  const tree = readTree(schemaFile);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { paths: { path: string; url: string }[] };
  const urls = new Map(manifest.paths.map((p) => [p.path, p.url]));
  const schemaPaths = new Set<string>();
  const report: FidelityReport = { paths: 0, operations: 0, fields: 0, facts: 0, failures: [], manifestExtra: [], manifestMissing: [] };
  for (const node of walk(tree) as Generator<RawNode>) {
    schemaPaths.add(node.path);
    report.paths++;
    const url = urls.get(node.path);
    if (!url || !existsSync(join(out, url))) {
      report.failures.push(`${node.path}: no page`);
      continue;
    }
    const html = readFileSync(join(out, url), 'utf8');
    const checker = new Checker(html);
    for (const method of METHODS) {
      const info = node.info?.[method];
      if (!info) continue;
      report.operations++;
      const where = `${method} ${node.path}`;
      const id = method.toLowerCase();
      const start = html.indexOf(` id="${id}"`);
      if (start < 0) {
        report.failures.push(`${where}: no section on the page`);
        continue;
      }
      const ends = METHODS.map((m) => html.indexOf(` id="${m.toLowerCase()}"`, start + 1)).filter((i) => i > start);
      const end = Math.min(html.length, ...ends);
      const paramsAt = html.indexOf(` id="${id}-params"`, start);
      const returnsAt = html.indexOf(` id="${id}-returns"`, start);
      const permsAt = html.indexOf(` id="${id}-permissions"`, start);
      const props = isObject(info.parameters?.['properties']) ? (info.parameters['properties'] as Record<string, unknown>) : {};
      const pathParams = new Set([...node.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
      const params = Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, isObject(v) && pathParams.has(k) ? { ...v, optional: 0 } : v]),
      );
      const paramsEnd = returnsAt > paramsAt && returnsAt < end ? returnsAt : end;
      if (Object.keys(params).length > 0) {
        if (paramsAt < 0 || paramsAt > end) checker.failures.push(`${where}: no parameters section`);
        else checker.fieldsIn(params, paramsAt, paramsEnd, `${where} param`, 'param');
      }
      if (truthy(info.parameters?.['additionalProperties'])) {
        const said =
          paramsAt >= 0 && visibleText(html.slice(paramsAt, paramsEnd)).includes('Other parameters than those listed are accepted');
        report.facts++;
        if (!said) report.failures.push(`${where}: parameters additionalProperties (extra parameters accepted)`);
      }
      const returns = info.returns;
      if (isObject(returns) && returns['type'] !== 'null' && Object.keys(returns).length > 0) {
        if (returnsAt < 0 || returnsAt > end) {
          checker.failures.push(`${where}: no returns section`);
        } else {
          const rEnd = permsAt > returnsAt && permsAt < end ? permsAt : end;
          const text = visibleText(html.slice(returnsAt, rEnd));
          checker.node(returns, text, `${where} returns`, 'none');
          checker.nested(returns, returnsAt, rEnd, `${where} returns`, 1);
        }
      }
    }
    report.fields += checker.fields;
    report.facts += checker.facts;
    report.failures.push(...checker.failures);
  }
  report.manifestExtra = [...urls.keys()].filter((p) => !schemaPaths.has(p)).sort();
  report.manifestMissing = [...schemaPaths].filter((p) => !urls.has(p)).sort();
  return report;
}
