/**
 * (Re)writes generator/validate/precompiled.ts from schema/proxmox-api.schema.json:
 *   npx tsc -p tsconfig.json && node lib/generator/validate/write-precompiled.js
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { schemaText, standaloneModule } from './compile.js';

const file = join(packageRoot(), 'generator', 'validate', 'precompiled.ts');
writeFileSync(file, standaloneModule(schemaText()));
process.stdout.write(`wrote ${file}\n`);
