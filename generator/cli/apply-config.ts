/**
 * Config files in the command line: the file's values become the defaults of the command's
 * options, so flags still win, and then the command runs exactly as if they had been typed.
 */
import { dirname } from 'node:path';
import { takesConfig } from '../config/keys.js';
import { findConfig, readConfig } from '../config/load.js';
import { configOptions } from '../config/validate.js';
import { parseArgs, type ParsedArgs } from './args.js';

/** `args` with the config file's values filled in (unchanged when there is no config file). */
export async function applyConfig(argv: string[], args: ParsedArgs, cwd = process.cwd()): Promise<ParsedArgs & { configFile?: string }> {
  if (!takesConfig(args.command)) return args;
  const file = findConfig(args.options.text('config'), cwd);
  if (!file) return args;
  const { raw } = await readConfig(file);
  const defaults = configOptions(raw, file, dirname(file), args.command);
  return { ...parseArgs(argv, defaults), configFile: file };
}
