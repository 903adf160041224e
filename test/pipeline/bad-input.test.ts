/**
 * Every class of bad input: a one-line error naming the file (and the JSON pointer where there is
 * one), the right error class, and a previous output folder left byte-identical.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { type ApidocError, InputError, ValidationError } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { tempDir, treeHash } from '../helpers/tree.js';

const method = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'x',
  description: 'X.',
  parameters: { additionalProperties: 0, properties: {} },
  returns: { type: 'null' },
  ...extra,
});

const good = [{ path: '/a', text: 'a', leaf: 1, info: { GET: method() } }];

interface Case {
  name: string;
  text: string;
  // Any of the concrete error classes (their constructors differ, so not `typeof ApidocError`).
  error: abstract new (
    ...args: never[]
  ) => ApidocError;
  message: RegExp;
}

const json = (value: unknown): string => JSON.stringify(value);

const CASES: Case[] = [
  { name: 'empty file', text: '', error: InputError, message: /the schema is empty/ },
  { name: 'truncated JSON', text: json(good).slice(0, 30), error: InputError, message: /array is cut short|not valid JSON/ },
  { name: 'not JSON', text: '<html>not a schema</html>', error: InputError, message: /not a viewer schema/ },
  {
    name: 'JavaScript that is not a single array assignment',
    text: `window.x = ${json(good)}; fetch('/steal');`,
    error: InputError,
    message: /not a viewer schema/,
  },
  { name: 'wrong top-level type', text: '"just a string"', error: InputError, message: /not a viewer schema/ },
  { name: 'info not an object', text: json([{ path: '/a', info: [1] }]), error: ValidationError, message: /:\/0\/info - must be object/ },
  {
    name: 'a method without parameters',
    text: json([{ path: '/a', info: { GET: { name: 'x' } } }]),
    error: ValidationError,
    message: /:\/0\/info\/GET - must have required property 'parameters'/,
  },
  {
    name: 'children not an array',
    text: json([{ path: '/a', children: { path: '/a/b' } }]),
    error: ValidationError,
    message: /:\/0\/children - must be array/,
  },
  {
    name: 'method key not an HTTP verb',
    text: json([{ path: '/a', info: { PATCH: method() } }]),
    error: ValidationError,
    message: /:\/0\/info - key "PATCH" is not allowed here \(expected GET, POST, PUT, DELETE\)/,
  },
  { name: 'path not starting with /', text: json([{ path: 'a' }]), error: ValidationError, message: /:\/0\/path - must match pattern/ },
  {
    name: 'properties not an object',
    text: json([{ path: '/a', info: { GET: method({ parameters: { properties: [] } }) } }]),
    error: ValidationError,
    message: /\/0\/info\/GET\/parameters\/properties - must be object/,
  },
  {
    name: 'enum not an array',
    text: json([{ path: '/a', info: { GET: method({ parameters: { properties: { x: { type: 'string', enum: 'a' } } } }) } }]),
    error: ValidationError,
    message: /properties\/x\/enum - must be array or null/,
  },
  {
    name: 'a number that is not a number',
    text: json([{ path: '/a', info: { GET: method({ parameters: { properties: { x: { type: 'integer', minimum: 'five' } } } }) } }]),
    error: ValidationError,
    message: /properties\/x\/minimum - must (be number|match pattern)/,
  },
  {
    name: 'duplicate paths',
    text: json([{ path: '/a' }, { path: '/b', children: [{ path: '/a' }] }]),
    error: ValidationError,
    message: /:\/1\/children\/0\/path - duplicate path "\/a" \(first at \/0\)/,
  },
  {
    name: 'nesting 10 000 deep',
    text: '[{"path":"/a","x":' + '['.repeat(10000) + ']'.repeat(10000) + '}]',
    error: ValidationError,
    message: /nesting deeper than 256 levels/,
  },
  {
    name: 'an unresolvable $ref',
    text: json({ root: [{ path: '/a', info: { GET: method({ returns: { $ref: '#/root/9/nothing' } }) } }] }),
    error: ValidationError,
    message: /unresolvable \$ref/,
  },
  {
    name: 'a circular $ref',
    text: json({
      root: [
        { path: '/a', info: { GET: method({ returns: { type: 'object', properties: { self: { $ref: '#/root/0/info/GET/returns' } } } }) } },
      ],
    }),
    error: ValidationError,
    message: /circular \$ref/,
  },
  {
    name: 'an external $ref (never followed)',
    text: json({ root: [{ path: '/a', info: { GET: method({ returns: { $ref: 'file:///etc/passwd' } }) } }] }),
    error: ValidationError,
    message: /\/root\/0\/info\/GET\/returns - unresolved \$ref "file:\/\/\/etc\/passwd"/,
  },
];

describe('bad input', () => {
  const dir = tempDir('pve-apidoc-bad-');
  const out = join(dir, 'site');
  let before = '';

  beforeAll(async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, json(good));
    await build({ schema: file, out }, silentLogger());
    before = treeHash(out);
  });

  it.each(CASES)('$name: clear error, previous output untouched', async ({ name, text, error, message }) => {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
    writeFileSync(file, text);
    let thrown: unknown;
    try {
      await build({ schema: file, out }, silentLogger());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(error);
    const messageText = (thrown as Error).message;
    expect(messageText.startsWith(file)).toBe(true);
    expect(messageText).toMatch(message);
    expect(messageText).not.toContain('\n');
    expect(treeHash(out)).toBe(before);
  });
});
