/**
 * What each MCP tool answers, as plain functions of the catalog and the arguments (the server
 * only wires them to the protocol). Results are text: JSON for lists and checks, Markdown for an
 * operation and a diff, quoted as schema data (quote.ts), always one page (paging.ts). Everything comes from the normalized model
 * and the renderers the site uses: the search ranking (generator/search), the Markdown export
 * (generator/export/markdown.ts), the call checker (generator/check) and the diff (generator/diff).
 */
import { type Call, type CallValue, listedErrors } from '../check/index.js';
import { parseCall, shellWords } from '../check/parse-call.js';
import { diffMarkdown } from '../diff/index.js';
import type { ApiDiff } from '../diff/index.js';
import { operationMarkdown } from '../export/markdown.js';
import { search } from '../search/query.js';
import { type Catalog, normalizePath, ToolInputError } from './catalog.js';
import { fenceFor, quoted } from './quote.js';
import { clip, decodeCursor, encodeCursor, type Page, pageItems, pageText } from './paging.js';

const json = (value: unknown): string => JSON.stringify(value, null, 1);

export interface SearchArgs {
  query: string;
  version?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export function searchTool(catalog: Catalog, args: SearchArgs): Page {
  const v = catalog.version(args.version);
  const query = args.query.slice(0, 500);
  const key = `search\u0000${v.label}\u0000${query}`;
  const offset = decodeCursor(args.cursor, key);
  const limit = Math.min(Math.max(1, Math.trunc(args.limit ?? 10)), 25);
  const results = search(catalog.search(v), query, { limit, offset });
  const hits = results.hits.map((h) => {
    const hit: Record<string, unknown> = { kind: h.kind, method: h.method, path: h.path, summary: clip(h.summary, 200) };
    if (h.param !== undefined) hit.parameter = h.param;
    if (h.text) hit.text = clip(h.text, 240);
    hit.matched = h.matched.slice(0, 10);
    return hit;
  });
  const out: Record<string, unknown> = { version: v.label, query, total: results.total, offset, hits };
  const end = offset + hits.length;
  if (end < results.total) out.nextCursor = encodeCursor(key, end);
  return { text: json(out), ...(typeof out.nextCursor === 'string' ? { nextCursor: out.nextCursor } : {}) };
}

export interface OperationArgs {
  method: string;
  path: string;
  version?: string | undefined;
  cursor?: string | undefined;
}

export function getOperationTool(catalog: Catalog, args: OperationArgs): Page {
  const v = catalog.version(args.version);
  const found = catalog.operation(v, args.method, args.path);
  if (!found)
    throw new ToolInputError(
      `no ${args.method.toUpperCase()} ${normalizePath(args.path)} in version ${v.label} (list_paths or search finds the right one)`,
    );
  const { path, operation: op } = found;
  const key = `op\u0000${v.label}\u0000${op.method} ${op.path}`;
  const offset = decodeCursor(args.cursor, key);
  // Links stay relative to the site root: the client cannot follow them anyway, they name the page.
  const markdown = operationMarkdown(v.model, path, op, (to: string) => to);
  const fence = fenceFor(markdown);
  return pageText(markdown, key, offset, (part) => `<!-- ${v.model.productName} ${v.label} -->\n${quoted(part, fence)}`);
}

export interface ListArgs {
  prefix?: string | undefined;
  version?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export function listPathsTool(catalog: Catalog, args: ListArgs): Page {
  const v = catalog.version(args.version);
  const prefix = normalizePath(args.prefix ?? '/');
  const key = `paths\u0000${v.label}\u0000${prefix}`;
  const offset = decodeCursor(args.cursor, key);
  const limit = Math.min(Math.max(1, Math.trunc(args.limit ?? 100)), 200);
  const under = v.model.paths.filter(
    (p) => p.operations.length > 0 && (prefix === '/' || p.path === prefix || p.path.startsWith(`${prefix}/`)),
  );
  const entries = under.map((p) => ({
    path: p.path,
    methods: p.operations.map((o) => ({ method: o.method, summary: clip(o.summary, 160) })),
  }));
  const page = pageItems(entries, key, offset, limit);
  const out: Record<string, unknown> = { version: v.label, prefix, total: entries.length, offset, paths: page.items };
  if (page.nextCursor) out.nextCursor = page.nextCursor;
  return { text: json(out), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export interface CheckArgs {
  method?: string | undefined;
  path?: string | undefined;
  params?: Record<string, CallValue> | undefined;
  command?: string | undefined;
  version?: string | undefined;
}

export function checkCallTool(catalog: Catalog, args: CheckArgs): Page {
  const v = catalog.version(args.version);
  let call: Call;
  if (args.command !== undefined) {
    const words = shellWords(args.command.slice(0, 100_000));
    const parsed = words === null ? { ok: false as const, error: 'a quote is not closed' } : parseCall(words);
    if (!parsed.ok) throw new ToolInputError(parsed.error);
    call = parsed.call;
  } else {
    if (!args.method || !args.path)
      throw new ToolInputError('give method and path (and params), or command (a pvesh or curl command line)');
    call = { method: args.method.toUpperCase(), path: normalizePath(args.path), params: args.params ?? {} };
  }
  const r = catalog.checker(v).check(call);
  const listed = listedErrors(r.errors);
  const errors = Object.fromEntries(Object.entries(listed.errors).map(([k, m]) => [clip(k, 200), clip(m, 500)]));
  const out: Record<string, unknown> = {
    version: v.label,
    valid: r.status === 200,
    status: r.status,
    message: clip(r.message, 500),
    call: `${call.method} ${clip(call.path, 500)}`,
    operation: r.operation ? `${r.operation.method} ${r.operation.path}` : null,
    pathParams: Object.fromEntries(Object.entries(r.pathParams).map(([k, p]) => [k, clip(p, 200)])),
    errors,
  };
  if (listed.more > 0) out.errorsOmitted = listed.more;
  return { text: json(out) };
}

export interface DiffArgs {
  from: string;
  to: string;
  path?: string | undefined;
  method?: string | undefined;
  cursor?: string | undefined;
}

export function diffTool(catalog: Catalog, args: DiffArgs): Page {
  const from = catalog.version(args.from);
  const to = catalog.version(args.to);
  const path = args.path === undefined ? undefined : normalizePath(args.path);
  const method = args.method?.trim().toUpperCase() || undefined;
  const key = `diff\u0000${from.label}\u0000${to.label}\u0000${path ?? ''}\u0000${method ?? ''}`;
  const offset = decodeCursor(args.cursor, key);
  const full = catalog.diff(from, to);
  const text = path === undefined && method === undefined ? diffMarkdown(full) : filtered(full, path, method);
  const fence = fenceFor(text);
  return pageText(text, key, offset, (part) => quoted(part, fence));
}

/** The diff of one path (and method): the same Markdown, restricted, with a plain line when nothing changed. */
function filtered(diff: ApiDiff, path: string | undefined, method: string | undefined): string {
  const keep = (operation: string): boolean => {
    const space = operation.indexOf(' ');
    const m = operation.slice(0, space);
    const p = operation.slice(space + 1);
    return (path === undefined || p === path) && (method === undefined || m === method);
  };
  const part: ApiDiff = {
    ...diff,
    added: diff.added.filter(keep),
    removed: diff.removed.filter(keep),
    changed: diff.changed.filter((c) => keep(c.operation)),
  };
  part.breaking = part.removed.length > 0 || part.changed.some((c) => c.breaking);
  const what = `${method ?? 'any method'} ${path ?? '(any path)'}`;
  if (part.added.length + part.removed.length + part.changed.length === 0) {
    return `# API changes from ${diff.old.label} to ${diff.new.label}\n\nNo change for ${what}.\n`;
  }
  return diffMarkdown(part).replace(/^# (.*)$/m, `# $1, for ${what.replace(/\$/g, '$$$$')}`);
}
