/**
 * The built-in templates compiled ahead of time: `npm run compile` writes them beside this module
 * (lib/generator/render/precompiled-templates.cjs, see write-precompiled-templates.ts), so a build
 * does not parse and compile 30 templates first (a tenth of a PVE 9.1 build on this machine).
 * Each entry keeps the SHA-256 of the source it was compiled from: a template whose file has
 * changed since (edited without a compile, or replaced by --templates) is compiled from its file
 * as before, so the file always wins. Running from the TypeScript sources there is no such module,
 * and everything compiles at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { isRecord } from '../model/is-record.js';

/** The options every template compiles with, at run time and ahead of time alike. */
export const COMPILE_OPTIONS: CompileOptions = { strict: true, preventIndent: true };

export const PRECOMPILED_FILE = fileURLToPath(new URL('precompiled-templates.cjs', import.meta.url));

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
type TemplateSpec = Parameters<typeof Handlebars.template>[0];

export interface PrecompiledTemplate {
  /** SHA-256 (hex) of the source text it was compiled from. */
  sha256: string;
  spec: TemplateSpec;
}

/** By the template's file relative to the templates folder, with "/" ("partials/operation.hbs"). */
export type PrecompiledTemplates = ReadonlyMap<string, PrecompiledTemplate>;

export function sourceHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The module's text for these templates: deterministic (same sources, same bytes). */
export function precompiledModule(sources: readonly { file: string; text: string }[]): string {
  const hb = Handlebars.create();
  const entries = sources.map(
    ({ file, text }) =>
      `  ${JSON.stringify(file)}: { sha256: ${JSON.stringify(sourceHash(text))}, spec: ${hb.precompile(text, COMPILE_OPTIONS)} },`,
  );
  return [
    '// Generated from templates/ by generator/render/write-precompiled-templates.ts (npm run compile): do not edit.',
    "'use strict';",
    'module.exports = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

const loaded = new Map<string, PrecompiledTemplates>();

/** The precompiled templates in `file` (read once per process), or none when there is no such file. */
export function readPrecompiled(file: string = PRECOMPILED_FILE): PrecompiledTemplates {
  let templates = loaded.get(file);
  if (templates) return templates;
  const out = new Map<string, PrecompiledTemplate>();
  const exported: unknown = existsSync(file) ? createRequire(import.meta.url)(file) : null;
  if (isRecord(exported)) {
    for (const [name, entry] of Object.entries(exported)) {
      if (isRecord(entry) && typeof entry['sha256'] === 'string' && isRecord(entry['spec']))
        out.set(name, { sha256: entry['sha256'], spec: entry['spec'] });
    }
  }
  templates = out;
  loaded.set(file, templates);
  return templates;
}
