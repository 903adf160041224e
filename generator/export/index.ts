/**
 * Everything the export stage adds to a site build: openapi.json, one Markdown file beside each
 * path page, llms.txt and llms-full.txt. Reads only the model.
 */
import type { ApiModel } from '../model/types.js';
import type { OutputFile } from '../output-file.js';
import { LLMS_FILE, LLMS_FULL_FILE, llmsFullTxt, llmsTxt, OPENAPI_FILE } from './llms.js';
import { markdownFile, pathIndex, pathMarkdown, relativeLinks } from './markdown.js';
import { serializeOpenApi, toOpenApi } from './openapi.js';

export { LLMS_FILE, LLMS_FULL_FILE, OPENAPI_FILE } from './llms.js';

/** `keep`: the files the layout keeps (--layout pve-host drops the Markdown ones); the others are not made at all. */
export function exportFiles(model: ApiModel, keep: (file: string) => boolean = () => true): OutputFile[] {
  const byPath = pathIndex(model);
  const files: OutputFile[] = [];
  const add = (file: string, content: () => string): void => {
    if (keep(file)) files.push({ file, content: content() });
  };
  add(OPENAPI_FILE, () => serializeOpenApi(toOpenApi(model), 'json'));
  for (const p of model.paths) add(markdownFile(p), () => pathMarkdown(model, p, relativeLinks(p), byPath));
  add(LLMS_FILE, () => llmsTxt(model));
  add(LLMS_FULL_FILE, () => llmsFullTxt(model));
  return files;
}
