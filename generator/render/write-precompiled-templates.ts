/**
 * Writes the built-in templates compiled ahead of time beside the compiled templates module
 * (lib/generator/render/precompiled-templates.cjs); `npm run compile` runs it after tsc:
 *   node lib/generator/render/write-precompiled-templates.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRECOMPILED_FILE, precompiledModule } from './precompiled-templates.js';
import { builtInTemplateFiles, builtInTemplates } from './templates.js';

const root = builtInTemplates();
writeFileSync(
  PRECOMPILED_FILE,
  precompiledModule(builtInTemplateFiles().map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))),
);
