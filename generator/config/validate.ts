/**
 * Config file validation, driven by the option declarations: every key must name a configurable
 * option (or a command section); every value is parsed and checked by the same code as a flag's
 * (generator/options/values.ts), so a value the command line refuses is refused here with the same
 * words. Errors name the file and the key, with a hint for near misses, the same way unknown flags
 * are reported. Paths are resolved against the config file's folder, so a config works from any
 * working folder.
 */
import { isRecord } from '../model/is-record.js';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { OPTIONS } from '../options/declarations.js';
import { describeValue, type OptionValue, parseJsonValue } from '../options/values.js';
import { hint } from '../text/hint.js';
import { commandDeclarations, configKey, configurable, sectionCommands, topLevelDeclarations } from './keys.js';

/** The options a config file sets for `command`, by option name, ready to be parseArgs() defaults. */
export function configOptions(raw: unknown, file: string, baseDir: string, command: string): Map<string, OptionValue> {
  const where = (key: string): string => `${file}: ${key}`;
  if (!isRecord(raw)) throw new UsageError(`${file}: a config file must hold one object of options (got ${describe(raw)})`);
  const top = topLevelDeclarations();
  const sections = sectionCommands();
  const path = (value: string): string => resolvePath(value, baseDir);
  const result = new Map<string, OptionValue>();
  const fromSection = new Map<string, OptionValue>();
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (sections.includes(key)) {
      if (!isRecord(value))
        throw new UsageError(`${where(`"${key}"`)} must be an object of options for the ${key} command (got ${describe(value)})`);
      const declared = commandDeclarations(key);
      for (const [subKey, subValue] of Object.entries(value)) {
        const spec = declared.get(subKey);
        if (!spec) throw unknownKey(file, `${key}.${subKey}`, subKey, [...declared.keys()], key);
        const checked = parseJsonValue(spec, subValue, where(`"${key}.${subKey}"`), path);
        if (key === command) fromSection.set(spec.name, checked);
      }
      continue;
    }
    const spec = top.get(key);
    if (!spec) throw unknownKey(file, key, key, [...top.keys(), ...sections]);
    const checked = parseJsonValue(spec, value, where(`"${key}"`), path);
    if (spec.commands.includes(command)) result.set(spec.name, checked);
  }
  const merged = new Map([...result, ...fromSection]);
  // Several values for a list this command takes once (a multi-version `schema` when running dev).
  for (const [name, value] of merged) {
    const spec = OPTIONS.find((o) => o.name === name && o.commands.includes(command));
    if (value.kind !== 'list' || value.value.length <= 1 || spec?.type !== 'string' || spec.repeatable?.includes(command)) continue;
    throw new UsageError(
      `${file}: "${configKey(name)}" has ${value.value.length} values, but ${command} takes one (give it its own in "${command}": { "${configKey(name)}": … })`,
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

/** Files relative to the config file; URLs, "-" (stdout) and the SOURCE of LABEL=SOURCE handled too. */
function resolvePath(value: string, baseDir: string): string {
  if (value === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  const labelled = /^([^=/\\]+)=(.+)$/.exec(value);
  if (labelled?.[1] !== undefined && labelled[2] !== undefined) return `${labelled[1]}=${resolvePath(labelled[2], baseDir)}`;
  return isAbsolute(value) ? value : resolve(baseDir, value);
}

function describe(value: unknown): string {
  return describeValue(value);
}
