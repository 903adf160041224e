/**
 * Config file validation, driven by the option declarations: every key must name a configurable
 * option (or a command section), every value must have the declared type and choices. Errors name
 * the file and the key, with a hint for near misses, the same way unknown flags are reported.
 * Paths are resolved against the config file's folder, so a config works from any working folder.
 */
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OPTIONS, type OptionSpec, type ParsedOptions } from '../options/declarations.js';
import { hint } from '../text/hint.js';
import { commandDeclarations, configKey, configurable, sectionCommands, topLevelDeclarations } from './keys.js';

type Value = ParsedOptions[string];

/** The options a config file sets for `command`, by option name, ready to be parseArgs() defaults. */
export function configOptions(raw: unknown, file: string, baseDir: string, command: string): ParsedOptions {
  const where = (key: string): string => `${file}: ${key}`;
  if (!isPlainObject(raw)) throw new UsageError(`${file}: a config file must hold one object of options (got ${describe(raw)})`);
  const top = topLevelDeclarations();
  const sections = sectionCommands();
  const result: ParsedOptions = {};
  const fromSection: ParsedOptions = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (sections.includes(key)) {
      if (!isPlainObject(value))
        throw new UsageError(`${where(`"${key}"`)} must be an object of options for the ${key} command (got ${describe(value)})`);
      const declared = commandDeclarations(key);
      for (const [subKey, subValue] of Object.entries(value)) {
        const spec = declared.get(subKey);
        if (!spec) throw unknownKey(file, `${key}.${subKey}`, subKey, [...declared.keys()], key);
        const checked = checkValue(spec, subValue, where(`"${key}.${subKey}"`), baseDir);
        if (key === command) fromSection[spec.name] = checked;
      }
      continue;
    }
    const spec = top.get(key);
    if (!spec) throw unknownKey(file, key, key, [...top.keys(), ...sections]);
    const checked = checkValue(spec, value, where(`"${key}"`), baseDir);
    if (spec.commands.includes(command)) result[spec.name] = checked;
  }
  const merged: ParsedOptions = { ...result, ...fromSection };
  // A list for an option this command takes once (a multi-version `schema` when running dev).
  for (const [name, value] of Object.entries(merged)) {
    const spec = OPTIONS.find((o) => o.name === name && o.commands.includes(command));
    if (!Array.isArray(value) || spec?.type !== 'string' || spec.repeatable?.includes(command)) continue;
    if (value.length === 1) merged[name] = value[0];
    else
      throw new UsageError(
        `${file}: "${configKey(name)}" has ${value.length} values, but ${command} takes one (give it its own in "${command}": { "${configKey(name)}": … })`,
      );
  }
  return merged;
}

function unknownKey(file: string, shown: string, key: string, known: string[], section?: string): UsageError {
  const cliOnly = OPTIONS.find((o) => configKey(o.name) === key && !configurable(o));
  if (cliOnly)
    return new UsageError(`${file}: "${shown}" is a command-line option only (--${cliOnly.name}); remove it from the config file`);
  const kebab = OPTIONS.find((o) => o.name === key && key.includes('-'));
  if (kebab) return new UsageError(`${file}: unknown key "${shown}" (config keys are camelCase: "${configKey(key)}")`);
  const elsewhere = section ? OPTIONS.find((o) => configurable(o) && configKey(o.name) === key) : undefined;
  if (elsewhere)
    return new UsageError(`${file}: "${shown}" does not apply to the ${section} command (it is for ${elsewhere.commands.join(', ')})`);
  const near = hint(key, known);
  return new UsageError(`${file}: unknown key "${shown}"${near ? near.replace(/did you mean (\S+)\?/, 'did you mean "$1"?') : ''}`);
}

function checkValue(spec: OptionSpec, value: unknown, where: string, baseDir: string): Value {
  const fail = (expected: string): UsageError => new UsageError(`${where} must be ${expected} (got ${describe(value)})`);
  const choice = (v: string): string => {
    if (spec.choices && !spec.choices.includes(v))
      throw new UsageError(`${where} must be one of ${spec.choices.map((c) => `"${c}"`).join(', ')} (got "${v}")`);
    return spec.file ? resolvePath(v, baseDir) : v;
  };
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw fail('a whole number');
      return value;
    case 'string[]':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw fail('an array of strings');
      return value.map(choice);
    case 'string': {
      if (typeof value === 'string') return choice(value);
      const repeatable = (spec.repeatable?.length ?? 0) > 0;
      if (repeatable && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.map(choice);
      throw fail(repeatable ? 'a string or a non-empty array of strings' : 'a string');
    }
  }
}

/** Files relative to the config file; URLs, "-" (stdout) and the SOURCE of LABEL=SOURCE handled too. */
function resolvePath(value: string, baseDir: string): string {
  if (value === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  const labelled = /^([^=/\\]+)=(.+)$/.exec(value);
  if (labelled) return `${labelled[1]}=${resolvePath(labelled[2]!, baseDir)}`;
  return isAbsolute(value) ? value : resolve(baseDir, value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
