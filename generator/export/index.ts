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

export function exportFiles(model: ApiModel): OutputFile[] {
  const byPath = pathIndex(model);
  const files: OutputFile[] = [{ file: OPENAPI_FILE, content: serializeOpenApi(toOpenApi(model), 'json') }];
  for (const p of model.paths) files.push({ file: markdownFile(p), content: pathMarkdown(model, p, relativeLinks(p), byPath) });
  files.push({ file: LLMS_FILE, content: llmsTxt(model) });
  files.push({ file: LLMS_FULL_FILE, content: llmsFullTxt(model) });
  return files;
}
