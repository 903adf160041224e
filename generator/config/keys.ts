/**
 * Which declared options a config file may set, and under which key. A key is the option's name in
 * camelCase ("base-url" -> "baseUrl"). The first declaration of a name is the top-level key; a
 * command that declares its own variant of a name (openapi's `out` is a file, build's a folder)
 * takes it only from its own section: `{ "out": "site", "openapi": { "out": "api.yaml" } }`.
 */
import { COMMANDS, OPTIONS, type OptionSpec } from '../options/declarations.js';

export function configKey(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function configurable(spec: OptionSpec): boolean {
  return spec.config !== false;
}

/** Top-level keys: the first configurable declaration of each name, in declaration order. */
export function topLevelDeclarations(): Map<string, OptionSpec> {
  const out = new Map<string, OptionSpec>();
  for (const spec of OPTIONS) {
    const key = configKey(spec.name);
    if (configurable(spec) && !out.has(key)) out.set(key, spec);
  }
  return out;
}

/** Commands that may have their own section in a config file. */
export function sectionCommands(): string[] {
  return Object.keys(COMMANDS).filter((c) => c !== 'help' && OPTIONS.some((o) => configurable(o) && o.commands.includes(c)));
}

/** The keys a section for `command` may hold: that command's configurable declarations. */
export function commandDeclarations(command: string): Map<string, OptionSpec> {
  const out = new Map<string, OptionSpec>();
  for (const spec of OPTIONS) if (configurable(spec) && spec.commands.includes(command)) out.set(configKey(spec.name), spec);
  return out;
}

/** Whether `command` reads config files at all (it declares --config). */
export function takesConfig(command: string): boolean {
  return OPTIONS.some((o) => o.name === 'config' && o.commands.includes(command));
}
