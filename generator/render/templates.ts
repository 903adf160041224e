/**
 * The Handlebars environment: an isolated instance (Handlebars.create(), never the global one),
 * the layout, the page templates, and the partials. A user templates folder may override any
 * built-in partial or page by file name, one by one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../paths.js';

export type Template = (context: unknown) => string;

export interface Templates {
  layout: Template;
  page(name: string): Template;
}

export function loadTemplates(userDir?: string): Templates {
  const hb = Handlebars.create();
  const builtIn = join(packageRoot(), 'templates');
  const read = (relative: string): string => {
    const override = userDir ? join(userDir, relative) : null;
    return readFileSync(override && existsSync(override) ? override : join(builtIn, relative), 'utf8');
  };
  // strict: a typo in a template fails the build instead of rendering an empty string.
  const compile = (source: string): Template => hb.compile(source, { strict: true, preventIndent: true });

  const partialNames = new Set(listHbs(join(builtIn, 'partials')));
  if (userDir) for (const name of listHbs(join(userDir, 'partials'))) partialNames.add(name);
  for (const name of [...partialNames].sort()) hb.registerPartial(name, compile(read(join('partials', `${name}.hbs`))));

  const pages = new Map<string, Template>();
  return {
    layout: compile(read('layout.hbs')),
    page(name) {
      let template = pages.get(name);
      if (!template) {
        template = compile(read(join('pages', `${name}.hbs`)));
        pages.set(name, template);
      }
      return template;
    },
  };
}

function listHbs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => basename(f, '.hbs'));
}
