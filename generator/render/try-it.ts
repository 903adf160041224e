/**
 * --try-it builds: one small JSON file per path page (`_try-it.json` beside its index.html),
 * fetched by the console only when a reader opens it, so plain page weight does not grow. It holds
 * exactly what the browser-side call checker and response check need: the path with its
 * operations (parameters, returns, flags, permissions mode) and the named formats they use.
 *
 * The name cannot collide with a page folder: plain path segments never start with "_", and a
 * `{param}` segment's `_name` never contains a dot (model/urls.ts).
 */
import { formatDef } from '../model/formats.js';
import type { ApiModel, ApiPath, FormatDef, SchemaNode } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import type { ConsoleData } from '../check/console-data.js';

export const TRY_IT_DATA = '_try-it.json';

export function tryItDataFile(apiPath: ApiPath): string {
  // A page that is not a folder's index.html (--layout pve-host: "api.nodes._node.html") gets
  // "api.nodes._node.try-it.json": page names are distinct, so these are too.
  if (!/(^|\/)index\.html$/.test(apiPath.file)) return apiPath.file.replace(/\.html$/, '.try-it.json');
  return apiPath.file.replace(/index\.html$/, TRY_IT_DATA);
}

export function tryItFiles(model: ApiModel): OutputFile[] {
  return model.paths.map((apiPath) => {
    const data: ConsoleData = { product: model.product, paths: [apiPath], formats: usedFormats(model, apiPath) };
    return { file: tryItDataFile(apiPath), content: `${JSON.stringify(data)}\n` };
  });
}

/** Named formats referenced anywhere below the path's parameters and returns (nested keys included). */
function usedFormats(model: ApiModel, apiPath: ApiPath): Record<string, FormatDef> {
  const out = Object.create(null) as Record<string, FormatDef>;
  const seen = new Set<SchemaNode>();
  const visit = (node: SchemaNode | undefined, depth: number): void => {
    if (!node || seen.has(node) || depth > 16) return;
    seen.add(node);
    const f = node.format;
    if (f?.kind === 'inline') for (const k of f.keys) visit(k.schema, depth + 1);
    if (f?.kind === 'named') {
      for (const name of [f.name, f.base]) {
        const def = formatDef(model.formats, name);
        if (def && !Object.hasOwn(out, name)) {
          out[name] = def;
          if (def.kind === 'property-string') for (const k of def.keys) visit(k.schema, depth + 1);
        }
      }
    }
    visit(node.items, depth + 1);
    for (const alt of node.oneOf ?? []) visit(alt, depth + 1);
    for (const p of node.properties ?? []) visit(p.schema, depth + 1);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, depth + 1);
  };
  for (const op of apiPath.operations) {
    for (const p of op.parameters) visit(p.schema, 0);
    visit(op.returns, 0);
  }
  return out;
}

/** The console's own script (site/src/try-it.ts, bundled to site/dist), loaded on first use. */
export const TRY_IT_SCRIPT = 'try-it.js';
