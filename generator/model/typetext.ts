/**
 * Proxmox's one-line parameter synopsis ("typetext"), derived when the schema carries none.
 *
 * This is a port of pve-common `PVE::JSONSchema::schema_get_type_text` and `generate_typetext`
 * (default style, i.e. what `PVE::RESTHandler` writes into the viewer dump), checked against the
 * official `typetext` of every parameter in the PVE 6.4 ... 9.1 viewer dumps
 * (test/model/typetext.test.ts). We follow the Perl code, quirks included, because the goal is to
 * print exactly what users see in Proxmox's own viewer and man pages.
 *
 * Note: the viewer dumps only carry `typetext` for parameters WITHOUT `enum`/`pattern` (RESTHandler
 * skips those); for them we still return what `schema_get_type_text` would return.
 */
import { isRecord } from './is-record.js';

/** A raw (already dereferenced) Proxmox JSON-schema node. */
export type RawSchema = Record<string, unknown>;

/**
 * Named formats: name -> property-string schema (`{key: RawSchema}`), or a marker for formats
 * validated by code only (`{"x-proxmox-code": true}`, `("Code")[]` in the refs dump) or `null`.
 */
export type RawFormatRegistry = Record<string, unknown>;

export function deriveTypetext(schema: RawSchema, registry?: RawFormatRegistry): string {
  // Perl: `my $type = $phash->{type} || 'string'` - a schema without a type is a string.
  const type = perlTrue(schema.type) ? String(schema.type) : 'string';

  // An explicit typetext always wins: Proxmox uses it for hand-written synopses (`<volume>`, ...).
  if (perlTrue(schema.typetext)) return String(schema.typetext);
  // format_description is the author's short name for the value, e.g. `<storage ID>`.
  if (perlTrue(schema.format_description)) return `<${String(schema.format_description)}>`;
  // Enums are listed in full, SORTED (Perl `sort`, i.e. by code unit), spaced ` | `.
  if (Array.isArray(schema.enum)) return `<${schema.enum.map(perlString).sort().join(' | ')}>`;
  // A pattern is shown raw: it is the only description of the value's shape.
  if (perlTrue(schema.pattern)) return patternText(schema.pattern);
  if (type === 'integer' || type === 'number') {
    // Numeric range, open ends written N; the Perl code numifies (`+ 0`) so "5" and 5.0 print as 5.
    const min = schema.minimum;
    const max = schema.maximum;
    if (min != null && max != null) return `<${type}> (${perlNumber(min)} - ${perlNumber(max)})`;
    if (min != null) return `<${type}> (${perlNumber(min)} - N)`;
    if (max != null) return `<${type}> (-N - ${perlNumber(max)})`;
    // Perl's elsif chain ends here for numbers: an inline format on a number is never expanded.
  } else if (type === 'string' && perlTrue(schema.format)) {
    // A property string: inline object, or a name looked up EXACTLY in the registry
    // (so `-list` / `-opt` variants and code-validated formats fall through to `<string>`).
    const name = isRecord(schema.format) ? '' : String(schema.format);
    const format = isRecord(schema.format) ? schema.format : registry && Object.hasOwn(registry, name) ? registry[name] : undefined;
    if (isPropertyStringFormat(format)) return propertyStringSynopsis(format);
  }
  return `<${type}>`;
}

/**
 * `generate_typetext`: the default key first as `[key=]<t>`, then required keys, then optional
 * keys, each group in sorted key order; optional ones bracketed; separators ` ,` (the space is put
 * before the bracket, so an optional key reads ` [,key=<t>]`); aliases are skipped, and each
 * `keyAlias` is appended last as `[,<keyAlias>=<alias>]` (e.g. net: `[,<model>=<macaddr>]`).
 */
function propertyStringSynopsis(format: Record<string, RawSchema>): string {
  const keys = Object.keys(format).sort();
  let defaultKey: string | undefined;
  const keyAliases = new Map<string, string>();
  for (const key of keys) {
    const entry = format[key]!;
    // Perl dies on a second default key; we keep the first in sorted order.
    if (defaultKey === undefined && perlTrue(entry.default_key)) defaultKey = key;
    if (perlTrue(entry.alias) && perlTrue(entry.keyAlias)) keyAliases.set(String(entry.keyAlias), String(entry.alias));
  }

  const parts: string[] = [];
  const add = (text: string, optional: boolean): void => {
    // The separator is " ," outside the brackets' comma: `a=<x> [,b=<y>]`, `[type=]<t> ,b=<y>`.
    const body = parts.length > 0 ? `,${text}` : text;
    parts.push(optional ? `[${body}]` : body);
  };
  const done = new Set<string>();
  const addKey = (key: string): void => {
    if (done.has(key)) return;
    done.add(key);
    const entry = format[key]!;
    // An alias is just another spelling of a key that is listed itself.
    if (perlTrue(entry.alias)) return;
    const name = key === defaultKey ? `[${key}=]` : `${key}=`;
    add(name + keyValueText(entry), perlTrue(entry.optional));
  };

  if (defaultKey !== undefined) addKey(defaultKey);
  for (const key of keys) if (!perlTrue(format[key]!.optional)) addKey(key);
  for (const key of keys) addKey(key);
  for (const keyAlias of [...keyAliases.keys()].sort()) add(`<${keyAlias}>=<${keyAliases.get(keyAlias)!}>`, true);
  return parts.join(' ');
}

/** The `<t>` of one property-string key (`format_key_value` in Perl). */
function keyValueText(entry: RawSchema): string {
  if (perlTrue(entry.format_description)) return `<${String(entry.format_description)}>`;
  if (perlTrue(entry.typetext)) return String(entry.typetext);
  if (Array.isArray(entry.enum)) {
    // Short enums are spelled out in schema order (NOT sorted, NO spaces); long ones would not fit.
    return entry.enum.length <= 3 ? `<${entry.enum.map(perlString).join('|')}>` : '<enum>';
  }
  // Booleans are written the way property strings accept them most commonly.
  if (entry.type === 'boolean') return '<1|0>';
  if (entry.type === 'integer') return '<integer>';
  if (entry.type === 'number') return '<number>';
  // Perl dies here ("neither format_description nor typetext"); a generator must not, so we name
  // the type, which is what the top-level rule would print.
  return `<${perlTrue(entry.type) ? String(entry.type) : 'string'}>`;
}

/** Only a plain object whose every value is a key schema is a property-string format. */
function isPropertyStringFormat(value: unknown): value is Record<string, RawSchema> {
  return isRecord(value) && Object.values(value).every(isRecord);
}

/** Perl truthiness: undef, '', '0', 0 and JSON false are false; references are true. */
function perlTrue(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '' && value !== '0';
  return true;
}

/**
 * A pattern as Perl prints it. The refs-dump loader keeps a Perl `qr//` as
 * `{"x-proxmox-regex": "(?^:...)"}`; Perl would interpolate its string form, so we do too.
 */
function patternText(pattern: unknown): string {
  if (isRecord(pattern) && typeof pattern['x-proxmox-regex'] === 'string') return pattern['x-proxmox-regex'];
  return String(pattern);
}

function perlString(value: unknown): string {
  if (typeof value === 'number') return perlNumber(value);
  if (typeof value === 'boolean') return value ? '1' : '';
  // Perl would print HASH(0x...); JSON is more useful, and String() throws on {"toString": 1}.
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Perl's `$x + 0` printed: numeric prefix of a string, then `%.15g` formatting. */
function perlNumber(value: unknown): string {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'boolean') n = value ? 1 : 0;
  else {
    const prefix = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(String(value));
    n = prefix ? Number(prefix[0]) : 0;
  }
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Inf' : '-Inf';
  if (n === 0) return '0';
  // %.15g: 15 significant digits, exponent form when the exponent is < -4 or >= 15.
  const [mantissa, expText] = n.toExponential(14).split('e') as [string, string];
  const exp = Number(expText);
  const trim = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 15) return `${trim(mantissa)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return trim(n.toFixed(14 - exp));
}
