/**
 * Option values once parsed, and the one parser and validator of each declared option, used by
 * the command line (values are text) and the config file (values are JSON) alike, so the two
 * cannot accept different values: a whole number, a choice, a list is checked by the same code and
 * a bad value gets the same words, only the place differs ("option --port" or `c.json: "port"`).
 */
import { UsageError } from '../errors.js';
import { CSS_COLOR_FORMS, isCssColor } from './css-color.js';
import type { OptionDeclarations, OptionSpec } from './declarations.js';

/** A parsed value, tagged with its kind so that reading it back needs no cast. */
export type OptionValue =
  | { kind: 'flag'; value: boolean }
  | { kind: 'text'; value: string }
  | { kind: 'list'; value: string[] }
  | { kind: 'number'; value: number };

type Declared = OptionDeclarations[number];
export type OptionName = Declared['name'];
export type FlagName = Extract<Declared, { type: 'boolean' }>['name'];
export type NumberName = Extract<Declared, { type: 'number' }>['name'];
/** Lists: declared `string[]`, and repeatable strings (`--schema`: always a list of sources). */
export type ListName = Extract<Declared, { type: 'string[]' }>['name'] | Extract<Declared, { repeatable: readonly string[] }>['name'];
export type TextName = Exclude<Extract<Declared, { type: 'string' }>['name'], ListName>;

/** Whole numbers are at most this (the largest option is a port; 9 digits keep every parse exact). */
const MAX_WHOLE = 999_999_999;

/** The kind of value a declaration parses to. */
function valueKind(spec: OptionSpec): OptionValue['kind'] {
  switch (spec.type) {
    case 'boolean':
      return 'flag';
    case 'number':
      return 'number';
    case 'string[]':
      return 'list';
    case 'string':
      return spec.repeatable !== undefined ? 'list' : 'text';
  }
}

/** A value as the error messages show it, the same for a flag's text and a config file's JSON. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Checks one string against the declared choices (and, for a colour option, the CSS colour grammar). */
function choice(spec: OptionSpec, value: string, where: string): string {
  if (spec.choices && !spec.choices.includes(value))
    throw new UsageError(`${where} must be one of ${spec.choices.map((c) => `"${c}"`).join(', ')} (got ${describeValue(value)})`);
  if (spec.color && !isCssColor(value.trim()))
    throw new UsageError(`${where} must be a CSS colour: ${CSS_COLOR_FORMS} (got ${describeValue(value)})`);
  return value;
}

/** A number option's allowed range, both ends included. */
export function numberRange(spec: OptionSpec): readonly [number, number] {
  return spec.range ?? [0, MAX_WHOLE];
}

/** The rule for numbers: a whole number in the declared range. */
function wholeNumber(spec: OptionSpec, value: unknown, where: string): number {
  const [min, max] = numberRange(spec);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`${where} must be a whole number from ${min} to ${max} (got ${describeValue(value)})`);
  return value;
}

/** A number as written on a command line; anything else stays text so the error shows it as given. */
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * A command-line value (the text after the flag) for `spec`. `previous` is the value already given
 * for a list; `repeat` says whether this command takes a repeated string option more than once.
 */
export function parseFlagValue(
  spec: OptionSpec,
  text: string,
  where: string,
  previous: OptionValue | undefined,
  repeat: boolean,
): OptionValue {
  const kind = valueKind(spec);
  if (previous !== undefined && !(kind === 'list' && (spec.type === 'string[]' || repeat))) throw new UsageError(`${where} given twice`);
  switch (kind) {
    case 'flag':
      throw new UsageError(`${where} takes no value`);
    case 'number':
      return { kind, value: wholeNumber(spec, NUMBER_TEXT.test(text) ? Number(text) : text, where) };
    case 'text':
      return { kind, value: choice(spec, text, where) };
    case 'list':
      return { kind, value: [...(previous?.kind === 'list' ? previous.value : []), choice(spec, text, where)] };
  }
}

/**
 * A config-file value (JSON) for `spec`. `path` resolves strings of file options against the
 * config file's folder.
 */
export function parseJsonValue(spec: OptionSpec, value: unknown, where: string, path: (value: string) => string): OptionValue {
  const fail = (expected: string): UsageError => new UsageError(`${where} must be ${expected} (got ${describeValue(value)})`);
  const text = (v: string): string => {
    choice(spec, v, where);
    return spec.file ? path(v) : v;
  };
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  switch (valueKind(spec)) {
    case 'flag':
      if (typeof value !== 'boolean') throw fail('true or false');
      return { kind: 'flag', value };
    case 'number':
      return { kind: 'number', value: wholeNumber(spec, value, where) };
    case 'text':
      if (typeof value !== 'string') throw fail('a string');
      return { kind: 'text', value: text(value) };
    case 'list':
      if (spec.type === 'string[]') {
        if (!strings(value)) throw fail('an array of strings');
        return { kind: 'list', value: value.map(text) };
      }
      // A repeatable string: one, or a non-empty list.
      if (typeof value === 'string') return { kind: 'list', value: [text(value)] };
      if (!strings(value) || value.length === 0) throw fail('a string or a non-empty array of strings');
      return { kind: 'list', value: value.map(text) };
  }
}

/** A declared default as a value. */
export function defaultValue(spec: OptionSpec): OptionValue | undefined {
  const d = spec.default;
  if (typeof d === 'boolean') return { kind: 'flag', value: d };
  if (typeof d === 'number') return { kind: 'number', value: d };
  if (typeof d === 'string') return valueKind(spec) === 'list' ? { kind: 'list', value: [d] } : { kind: 'text', value: d };
  return undefined;
}

/** The parsed options of one command, read by name; the name decides the type (checked by the compiler). */
export class OptionValues {
  readonly #values: ReadonlyMap<string, OptionValue>;

  constructor(values: ReadonlyMap<string, OptionValue> = new Map()) {
    this.#values = values;
  }

  /** Whether the option has a value (given, from a config file, or a declared default). */
  has(name: OptionName): boolean {
    return this.#values.has(name);
  }

  flag(name: FlagName): boolean {
    const v = this.#values.get(name);
    return v?.kind === 'flag' ? v.value : false;
  }

  text(name: TextName): string | undefined {
    const v = this.#values.get(name);
    return v?.kind === 'text' ? v.value : undefined;
  }

  /** Always a list: empty when not given. */
  list(name: ListName): string[] {
    const v = this.#values.get(name);
    return v?.kind === 'list' ? [...v.value] : [];
  }

  number(name: NumberName): number | undefined {
    const v = this.#values.get(name);
    return v?.kind === 'number' ? v.value : undefined;
  }

  /** Every value by option name (for tests and the config-file merge). */
  entries(): [string, OptionValue][] {
    return [...this.#values];
  }
}
