/**
 * llms.txt (https://llmstxt.org): a title, a one-paragraph summary, and one line per API path
 * linking to its Markdown file, grouped by top-level section. llms-full.txt: every path's Markdown
 * in one file, in schema order, with links written relative to the site root.
 */
import { PRODUCTS } from '../model/product.js';
import type { ApiModel } from '../model/types.js';
import { SITE_FILES } from '../model/urls.js';
import { showControls } from '../text/visible.js';
import { apiTokensAvailable, noTokensSentence } from '../document/tokens.js';
import { markdownFile } from './markdown.js';
import { mdCode, mdLine, mdLinkText, mdText } from './markdown-text.js';

export const LLMS_FILE = 'llms.txt';
export const LLMS_FULL_FILE = 'llms-full.txt';
export const OPENAPI_FILE = 'openapi.json';

function header(model: ApiModel): string[] {
  const product = PRODUCTS[model.product];
  return [
    `# ${mdLine(model.title)}`,
    `> Reference for the ${mdText(model.productName)} REST API${model.version ? ` ${mdText(model.version)}` : ''}: ${model.stats.paths} paths, ${model.stats.operations} operations, ${model.stats.parameters} parameters, with parameters, property-string keys, return values, permissions and call examples.`,
    [
      `Every call goes to ${mdCode(`https://HOST:${product.port}${product.apiBase}/...`)}. ${
        apiTokensAvailable(model)
          ? `Authenticate with an API token (header ${mdCode(`Authorization: ${product.tokenHeaderFormat}`)}) or a ticket`
          : `Authenticate with a ticket`
      } from ${mdCode('POST /access/ticket')} (cookie ${mdCode(product.cookieName)}, plus header ${mdCode(product.csrfHeader)} on every request other than GET).${apiTokensAvailable(model) ? '' : ` ${mdText(noTokensSentence(model))}`}`,
      `Booleans are sent as ${mdCode('1')} or ${mdCode('0')}; property strings are ${mdCode('key=value,key=value')}; ${mdCode('net[n]')} stands for ${mdCode('net0')}, ${mdCode('net1')}, ...`,
    ].join(' '),
  ];
}

export function llmsTxt(model: ApiModel): string {
  const out = header(model);
  out.push(
    [
      '## Docs',
      '',
      `- [Authentication](${SITE_FILES.auth}): tickets, CSRF tokens${apiTokensAvailable(model) ? ' and API tokens' : ''}`,
      `- [OpenAPI 3.1 description](${OPENAPI_FILE}): the whole API in one machine-readable file`,
      `- [All paths in one file](${LLMS_FULL_FILE}): every page below, concatenated`,
    ].join('\n'),
  );
  const sections = new Map<string, string[]>();
  for (const p of model.paths) {
    const ops = p.operations.map((o) => o.method).join(', ');
    const summary = p.operations.find((o) => o.summary)?.summary;
    const line = `- [${mdLinkText(p.path)}](${markdownFile(p)})${ops ? `: ${ops}` : ': no methods (groups the paths below)'}${summary ? ` — ${mdLine(summary)}` : ''}`;
    const lines = sections.get(p.section);
    if (lines) lines.push(line);
    else sections.set(p.section, [line]);
  }
  for (const [section, lines] of sections) out.push(`## ${mdLine(section)}\n\n${lines.join('\n')}`);
  // Schema text is written as Markdown-safe text; control characters are made visible too.
  return showControls(out.join('\n\n') + '\n');
}

/**
 * llms-full.txt, assembled as bytes one path at a time (the export stage adds each path's Markdown
 * as it writes the path's own file): a 20,000-path API's is 112 MB, and joining it as one string
 * took five copies of it at once. Control characters are made visible per part, as they would be
 * in the whole: the replacement is character by character.
 */
export class LlmsFull {
  private readonly parts: Buffer[];

  constructor(model: ApiModel) {
    this.parts = [Buffer.from(showControls(header(model).join('\n\n')))];
  }

  /** One path's Markdown, with links relative to the site root. */
  add(markdown: string): void {
    this.parts.push(Buffer.from(showControls(`\n\n---\n\n${markdown.trimEnd()}`)));
  }

  bytes(): Buffer {
    return Buffer.concat([...this.parts, Buffer.from('\n')]);
  }
}
