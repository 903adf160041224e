/**
 * The config file's type, derived from the option declarations (generator/options/declarations.ts), so a
 * new option is a new config key with the right type without touching this file:
 *
 *   // pve-apidoc.config.ts
 *   import { defineConfig } from 'pve-apidoc';
 *   export default defineConfig({ schema: 'pve-9.1.apidata.js', out: 'public', accent: '#0b5cad' });
 */
import type { OptionDeclarations } from '../options/declarations.js';

type Declared = OptionDeclarations[number];
type Configurable = Exclude<Declared, { config: false }>;

/** "base-url" -> "baseUrl" */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

type Choice<D> = D extends { choices: readonly (infer C)[] } ? C : string;

type ValueOf<D> = D extends { type: 'boolean' }
  ? boolean
  : D extends { type: 'number' }
    ? number
    : D extends { type: 'string[]' }
      ? Choice<D>[]
      : D extends { repeatable: readonly [string, ...string[]] }
        ? string | string[]
        : Choice<D>;

type CommandName = Exclude<Declared['commands'][number], 'help'>;

/** Top-level keys: every configurable option, camelCase. */
export type ConfigOptions = { [D in Configurable as CamelCase<D['name']>]?: ValueOf<D> };

/** Per-command sections: `{ openapi: { out: 'api.yaml' } }` sets an option for that command only. */
export type ConfigSections = {
  [C in CommandName]?: { [D in Configurable as C extends D['commands'][number] ? CamelCase<D['name']> : never]?: ValueOf<D> };
};

export type Config = ConfigOptions & ConfigSections & { $schema?: string };

/** Identity at run time; gives a config file editor completion and type checking. */
export function defineConfig(config: Config): Config {
  return config;
}
