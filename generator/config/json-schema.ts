/**
 * The JSON Schema of pve-apidoc.config.json, generated from the option declarations (the same ones
 * that drive --help, flag parsing and config validation). `npm run config-schema` writes it to
 * schema/config.schema.json; a test fails when the file is out of date.
 */
import { COMMANDS, OPTIONS, type OptionSpec } from '../options/declarations.js';
import { numberRange } from '../options/values.js';
import { commandDeclarations, configKey, sectionCommands, topLevelDeclarations } from './keys.js';

export const CONFIG_SCHEMA_FILE = 'schema/config.schema.json';

type JsonSchema = Record<string, unknown>;

export function configJsonSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    $schema: {
      type: 'string',
      description: 'The JSON Schema of this file, for editors (e.g. ./node_modules/pve-apidoc/schema/config.schema.json).',
    },
  };
  for (const [key, spec] of topLevelDeclarations())
    properties[key] = optionSchema(
      spec,
      spec.commands.filter((c) => c !== 'help'),
    );
  for (const command of sectionCommands()) {
    const section: Record<string, JsonSchema> = {};
    for (const [key, spec] of commandDeclarations(command)) section[key] = optionSchema(spec, [command]);
    properties[command] = {
      type: 'object',
      description: `Options for the ${command} command only (${COMMANDS[command] ?? command}); they override the top-level ones.`,
      additionalProperties: false,
      properties: section,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pve-apidoc configuration',
    description:
      'pve-apidoc.config.json: the command-line options in camelCase (--base-url is "baseUrl"). Flags override the file. Paths are relative to the file. Generated from generator/options/declarations.ts by `npm run config-schema`; do not edit.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
}

function optionSchema(spec: OptionSpec, commands: readonly string[]): JsonSchema {
  const notes = [spec.help.replace(/\.?$/, '.')];
  if (spec.file) notes.push('Relative to the config file.');
  notes.push(`Used by: ${commands.join(', ')}.`);
  const schema: JsonSchema = { description: notes.join(' ') };
  const strings: JsonSchema = spec.choices ? { type: 'string', enum: [...spec.choices] } : { type: 'string' };
  switch (spec.type) {
    case 'boolean':
      schema['type'] = 'boolean';
      break;
    case 'number': {
      // The same range the parser checks (generator/options/values.ts).
      const [min, max] = numberRange(spec);
      schema['type'] = 'integer';
      schema['minimum'] = min;
      schema['maximum'] = max;
      break;
    }
    case 'string[]':
      schema['type'] = 'array';
      schema['items'] = strings;
      break;
    case 'string':
      if ((spec.repeatable?.length ?? 0) > 0) schema['anyOf'] = [strings, { type: 'array', items: strings, minItems: 1 }];
      else Object.assign(schema, strings);
      break;
  }
  if (spec.default !== undefined) schema['default'] = spec.default;
  return schema;
}

/** The file's text: stable key order and formatting, so regeneration gives no diff unless an option changed. */
export function configJsonSchemaText(): string {
  return JSON.stringify(configJsonSchema(), null, 2) + '\n';
}

/** Names that would be ambiguous in a config file (an option named like a command section). */
export function sectionClashes(): string[] {
  const sections = new Set(sectionCommands());
  return OPTIONS.map((o) => configKey(o.name)).filter((k) => sections.has(k));
}
