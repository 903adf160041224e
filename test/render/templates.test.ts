/**
 * The Handlebars environment (render/templates.ts): partials run inside their caller, as Handlebars
 * documents, seeing the caller's data frame (@index, @root); an error in one still names its file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../generator/errors.js';
import { loadTemplates } from '../../generator/render/templates.js';
import { tempDir } from '../helpers/tree.js';

function folder(files: Record<string, string>): string {
  const dir = join(tempDir(), 'templates');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('templates', () => {
  it('run a partial in its caller: @index and @root are the caller’s', () => {
    // Called without the caller's options, a partial ran as a page of its own (and set up its helpers anew each time).
    const dir = folder({
      'pages/404.hbs': '{{#each items}}{{> item}}{{/each}}',
      'partials/item.hbs': '{{@index}}:{{this}}|{{@root.title}};',
    });
    expect(loadTemplates(dir).page('404')({ items: ['a', 'b'], title: 'T' })).toBe('0:a|T;1:b|T;');
  });

  it('name the partial whose field is missing', () => {
    const dir = folder({ 'pages/404.hbs': '{{#each items}}{{> item}}{{/each}}', 'partials/item.hbs': '{{missing}}' });
    const render = (): string => loadTemplates(dir).page('404')({ items: [{}] });
    expect(render).toThrow(TemplateError);
    expect(render).toThrow(join(dir, 'partials', 'item.hbs'));
  });
});
