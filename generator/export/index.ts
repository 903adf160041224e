/**
 * Everything the export stage adds to a site build: openapi.json, one Markdown file beside each
 * path page, llms.txt and llms-full.txt. Reads only the model.
 */
import type { ApiModel } from '../model/types.js';
import { asBytes, type FileKeeper, keepInMemory, type OutputFile } from '../output-file.js';
import { LLMS_FILE, LLMS_FULL_FILE, LlmsFull, llmsTxt, OPENAPI_FILE } from './llms.js';
import { markdownFile, type PartsMemo, pathMarkdown, relativeLinks } from './markdown.js';
import { serializeOpenApi, toOpenApi } from './openapi.js';

export { LLMS_FILE, LLMS_FULL_FILE, OPENAPI_FILE } from './llms.js';

/**
 * `keep`: the files the layout keeps (--layout pve-host drops the Markdown ones); the others are
 * not made at all. `hold`: what the build does with each file once made (as bytes: llms-full.txt
 * alone is 112 MB for a 20,000-path API, so no file waits for the others as a string).
 */
export function exportFiles(model: ApiModel, keep: (file: string) => boolean = () => true, hold: FileKeeper = keepInMemory): OutputFile[] {
  const files: OutputFile[] = [];
  const add = (file: string, content: () => string | Buffer): void => {
    if (keep(file)) files.push(hold(asBytes({ file, content: content() })));
  };
  add(OPENAPI_FILE, () => serializeOpenApi(toOpenApi(model), 'json'));
  // Each path's Markdown twice (its own file, relative links; llms-full.txt, root-relative) from
  // one set of operation parts, dropped with the path.
  const full = keep(LLMS_FULL_FILE) ? new LlmsFull(model) : undefined;
  const rootRelative = (to: string): string => to;
  for (const p of model.paths) {
    const memo: PartsMemo = new Map();
    add(markdownFile(p), () => pathMarkdown(model, p, relativeLinks(p), memo));
    full?.add(pathMarkdown(model, p, rootRelative, memo));
  }
  add(LLMS_FILE, () => llmsTxt(model));
  if (full) add(LLMS_FULL_FILE, () => full.bytes());
  return files;
}
