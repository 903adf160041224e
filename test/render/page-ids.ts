/** Renders a schema's pages in memory and lists, per page, the ids that occur more than once. */
import { loadModel, renderModelFiles } from '../../generator/build.js';
import { silentLogger } from '../../generator/log.js';

export async function duplicateIds(schema: string): Promise<{ pages: number; duplicates: string[] }> {
  const { model } = await loadModel({ schema }, silentLogger());
  const files = renderModelFiles(model, { schema, out: 'unused' });
  const duplicates: string[] = [];
  let pages = 0;
  for (const { file, content } of files) {
    if (!file.endsWith('.html')) continue;
    pages++;
    const seen = new Set<string>();
    for (const [, id] of String(content).matchAll(/\sid="([^"]*)"/g)) {
      if (seen.has(id!)) duplicates.push(`${file}#${id}`);
      seen.add(id!);
    }
  }
  return { pages, duplicates };
}
