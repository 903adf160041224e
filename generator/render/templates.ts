/**
 * The Handlebars environment: an isolated instance (Handlebars.create(), never the global one),
 * the layout, the page templates, and the partials. A user templates folder may override any
 * built-in partial or page by file name, one by one. A user folder that does not exist, a file in
 * it that overrides nothing, and a template that does not parse or render are TemplateErrors that
 * name the file (and the line, when Handlebars gives one): a typo must not pass as a clean build.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { TemplateError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { hint } from '../text/hint.js';
import { COMPILE_OPTIONS, type PrecompiledTemplates, readPrecompiled, sourceHash } from './precompiled-templates.js';

export type Template = (context: unknown) => string;

/** A template as Handlebars calls it: a partial gets the caller's runtime options. */
type PartialTemplate = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

export interface Templates {
  layout: Template;
  page(name: string): Template;
}

const FOLDER_HINT = 'a folder with layout.hbs, pages/*.hbs or partials/*.hbs named like the built-in templates';

/**
 * `precompiled`: the built-in templates compiled ahead of time (precompiled-templates.ts); one is
 * used only for the very text it was compiled from.
 */
export function loadTemplates(userDir?: string, precompiled: PrecompiledTemplates = readPrecompiled()): Templates {
  const hb = Handlebars.create();
  const builtIn = builtInTemplates();
  if (userDir !== undefined) checkUserDir(userDir, builtIn);
  const source = (relativeFile: string): { file: string; text: string } => {
    const override = userDir ? join(userDir, relativeFile) : null;
    const file = override && existsSync(override) ? override : join(builtIn, relativeFile);
    return { file, text: readFileSync(file, 'utf8') };
  };
  const compile = (relativeFile: string): PartialTemplate => {
    const { file, text } = source(relativeFile);
    // By content: an override (--templates) or a file edited since `npm run compile` has other text.
    const ready = precompiled.get(relativeFile.replace(/\\/g, '/'));
    const template = ready?.sha256 === sourceHash(text) ? hb.template(ready.spec) : compileText(hb, file, text);
    // The options go through: a partial called without them runs as a page of its own, which sets up
    // its helpers and prototype-access rules anew on every call (the most garbage of a build).
    return (context, options) => {
      try {
        return template(context, options);
      } catch (error) {
        throw error instanceof TemplateError ? error : templateError(file, error);
      }
    };
  };

  const partialNames = new Set(listHbs(join(builtIn, 'partials')));
  if (userDir) for (const name of listHbs(join(userDir, 'partials'))) partialNames.add(name);
  for (const name of [...partialNames].sort()) hb.registerPartial(name, compile(join('partials', `${name}.hbs`)));

  const pages = new Map<string, Template>();
  return {
    layout: compile('layout.hbs'),
    page(name) {
      let template = pages.get(name);
      if (!template) {
        template = compile(join('pages', `${name}.hbs`));
        pages.set(name, template);
      }
      return template;
    },
  };
}

function compileText(hb: typeof Handlebars, file: string, text: string): HandlebarsTemplateDelegate {
  // Parsed now, so that a syntax error names its file before anything renders.
  try {
    Handlebars.parse(text);
  } catch (error) {
    throw templateError(file, error);
  }
  // strict: a typo in a template (a missing field) fails the build instead of rendering "".
  return hb.compile(text, COMPILE_OPTIONS);
}

/** The built-in templates folder. */
export function builtInTemplates(): string {
  return join(packageRoot(), 'templates');
}

/** Every built-in template, as the precompiled module keys it ("layout.hbs", "pages/path.hbs", ...), sorted. */
export function builtInTemplateFiles(): string[] {
  const root = builtInTemplates();
  return ['layout.hbs', ...hbsFiles(root, 'pages'), ...hbsFiles(root, 'partials')].sort();
}

function templateError(file: string, error: unknown): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /\bon line (\d+)/.exec(message)?.[1] ?? (hasLine(error) ? String(error.lineNumber) : null);
  // Handlebars: "Parse error on line 4:\n<source>\n---^\nExpecting 'X', got 'EOF'": keep the last line.
  const lines = message.split('\n');
  const detail = /^Parse error/.test(message) ? `parse error: ${lines[lines.length - 1]}` : (lines[0] ?? message);
  return new TemplateError(file, line === null ? null : Number(line), detail, { cause: error });
}

function hasLine(error: unknown): error is { lineNumber: number } {
  return typeof error === 'object' && error !== null && 'lineNumber' in error && typeof error.lineNumber === 'number';
}

/** The folder exists, and each .hbs in it replaces a built-in template (or is a partial one of them uses). */
function checkUserDir(userDir: string, builtIn: string): void {
  if (!existsSync(userDir) || !statSync(userDir).isDirectory())
    throw new TemplateError(userDir, null, `templates folder not found (--templates wants ${FOLDER_HINT})`);
  const known = new Set(['layout.hbs', ...hbsFiles(builtIn, 'pages'), ...hbsFiles(builtIn, 'partials')]);
  const given = ['layout.hbs', ...hbsFiles(userDir, 'pages'), ...hbsFiles(userDir, 'partials')].filter((f) => existsSync(join(userDir, f)));
  const stray = readdirSync(userDir).filter((f) => f.endsWith('.hbs') && f !== 'layout.hbs');
  const uses = new Set(given.flatMap((f) => partialsUsed(readFileSync(join(userDir, f), 'utf8'))));
  for (const file of [...stray, ...given.filter((f) => !known.has(f))]) {
    const name = basename(file, '.hbs');
    // A new partial is fine when one of the folder's own templates uses it.
    if (file.startsWith('partials/') && uses.has(name)) continue;
    const near = hint(file, [...known]);
    throw new TemplateError(join(userDir, file), null, `overrides no built-in template${near || ` (--templates wants ${FOLDER_HINT})`}`);
  }
  if (given.length === 0) throw new TemplateError(userDir, null, `holds no template to override (--templates wants ${FOLDER_HINT})`);
}

function hbsFiles(root: string, sub: string): string[] {
  return listHbs(join(root, sub)).map((name) => relative(root, join(root, sub, `${name}.hbs`)).replace(/\\/g, '/'));
}

function partialsUsed(text: string): string[] {
  return [...text.matchAll(/\{\{~?#?>\s*([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
}

function listHbs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((f) => basename(f, '.hbs'));
}
