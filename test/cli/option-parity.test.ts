/**
 * The command line and the config file parse every option with the same declaration
 * (generator/options/values.ts): the same bad value is refused by both with the same words (only
 * the place differs: "option --port" / `c.json: "dev.port"`), and the same good value gives the
 * same typed value. Checked for every option that has a rule beyond its type (choices, a number
 * range), found from the declarations rather than listed here.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../generator/cli/args.js';
import { configKey, configurable } from '../../generator/config/keys.js';
import { configOptions } from '../../generator/config/validate.js';
import { UsageError } from '../../generator/errors.js';
import { OPTIONS, type OptionSpec } from '../../generator/options/declarations.js';
import { numberRange } from '../../generator/options/values.js';

/** The error message of `run`, or null when it does not throw. */
function messageOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error instanceof Error ? error.message : String(error);
  }
}

interface Case {
  spec: OptionSpec;
  command: string;
  /** As typed after the flag. */
  text: string;
  /** The same value in a config file. */
  json: unknown;
}

const ruled = OPTIONS.filter((s) => configurable(s) && (s.type === 'number' || s.choices !== undefined));
const command = (spec: OptionSpec): string => spec.commands.find((c) => c !== 'help') ?? '';

/** Bad values for an option: numbers out of range, not whole, negative, not a number; strings not a choice. */
function badCases(spec: OptionSpec): Case[] {
  const c = command(spec);
  if (spec.type === 'number') {
    const [, max] = numberRange(spec);
    const numbers = [max + 1, 1.5, -1, 1e12];
    return [...numbers.map((n) => ({ spec, command: c, text: String(n), json: n })), { spec, command: c, text: 'eighty', json: 'eighty' }];
  }
  const list = spec.type === 'string[]';
  return ['not-a-choice', spec.choices?.[0]?.toUpperCase() ?? 'X'].map((v) => ({ spec, command: c, text: v, json: list ? [v] : v }));
}

function cli(k: Case): () => unknown {
  return () => parseArgs([k.command, `--${k.spec.name}`, k.text]);
}

function config(k: Case): () => unknown {
  return () => configOptions({ [k.command]: { [configKey(k.spec.name)]: k.json } }, 'c.json', '/tmp', k.command);
}

describe('options: the command line and the config file agree', () => {
  const cases = ruled.flatMap(badCases);

  it('covers the options that have rules', () => {
    expect(ruled.map((s) => s.name)).toEqual(expect.arrayContaining(['port', 'product', 'format', 'fail-on', 'emit']));
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((k) => [`${k.command} --${k.spec.name} ${k.text}`, k] as const))('refuses %s with the same words', (_, k) => {
    const fromCli = messageOf(cli(k));
    const fromConfig = messageOf(config(k));
    expect(fromCli).not.toBeNull();
    expect(fromConfig).not.toBeNull();
    const where = `option --${k.spec.name} `;
    const key = `c.json: "${k.command}.${configKey(k.spec.name)}" `;
    expect(fromCli?.startsWith(where)).toBe(true);
    expect(fromConfig?.startsWith(key)).toBe(true);
    expect(fromCli?.slice(where.length)).toBe(fromConfig?.slice(key.length));
  });

  it('gives the same typed value for the same good value', () => {
    const port = parseArgs(['dev', '--port', '8080']).options.number('port');
    const fromConfig = configOptions({ port: 8080 }, 'c.json', '/tmp', 'dev').get('port');
    expect(port).toBe(8080);
    expect(fromConfig).toEqual({ kind: 'number', value: port });
    expect(parseArgs(['dev', '--port', '0']).options.number('port')).toBe(0);
    expect(parseArgs(['dev', '--port', '65535']).options.number('port')).toBe(65535);
    // A config value becomes the default of the flag, with its type kept.
    const defaults = configOptions({ port: 8080, product: 'pmg', emit: ['model'] }, 'c.json', '/tmp', 'build');
    const args = parseArgs(['build'], defaults);
    expect([args.options.text('product'), args.options.list('emit')]).toEqual(['pmg', ['model']]);
    expect(parseArgs(['dev', '--port', '9'], configOptions({ port: 8080 }, 'c.json', '/tmp', 'dev')).options.number('port')).toBe(9);
  });

  it('states the exact rule for a number', () => {
    expect(messageOf(() => parseArgs(['dev', '--port', '70000']))).toBe('option --port must be a whole number from 0 to 65535 (got 70000)');
    expect(messageOf(() => configOptions({ port: 'eighty' }, 'c.json', '/tmp', 'dev'))).toBe(
      'c.json: "port" must be a whole number from 0 to 65535 (got "eighty")',
    );
  });
});
