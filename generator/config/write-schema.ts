/** `npm run config-schema`: (re)writes schema/config.schema.json from the option declarations. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from './json-schema.js';

const file = join(packageRoot(), CONFIG_SCHEMA_FILE);
writeFileSync(file, configJsonSchemaText());
process.stdout.write(`wrote ${file}\n`);
