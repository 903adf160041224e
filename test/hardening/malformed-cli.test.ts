/**
 * Every class of malformed input through the real CLI (`node bin/pve-apidoc.js build`): the exit
 * code of its kind (3 input, 4 validation; never 1, the internal-error code), exactly one line on
 * stderr that starts with the file (and names the JSON pointer where there is one), no stack trace
 * unless --verbose, and the previous output folder byte-identical. test/pipeline/bad-input.test.ts
 * checks the same classes in-process (error class and message); this adds what only the process
 * shows (exit code, stderr, stack traces), and the classes only a file on disk can carry (200 MB,
 * invalid UTF-8, a folder, a sparse file).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir, treeHash } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

function run(args: string[]): Promise<{ status: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (status) => resolve({ status, stderr, stdout }));
  });
}

const method = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'x',
  description: 'X.',
  parameters: { additionalProperties: 0, properties: {} },
  returns: { type: 'null' },
  ...extra,
});
const param = (schema: Record<string, unknown>): Record<string, unknown> => ({
  parameters: { additionalProperties: 0, properties: { x: schema } },
});
const json = (value: unknown): string => JSON.stringify(value);
/** An object schema whose level i has two properties referring to level i+1. */
function refBomb(base: string, levels: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) {
    const next = { $ref: `${base}/properties/l${i + 1}` };
    properties[`l${i}`] = { type: 'object', properties: { a: next, b: next } };
  }
  properties[`l${levels}`] = { type: 'string' };
  return { type: 'object', properties: { root: { $ref: `${base}/properties/l0` }, ...properties } };
}
const good = [{ path: '/a', text: 'a', leaf: 1, info: { GET: method() } }];

interface Case {
  name: string;
  /** File content, or a function that creates the file (for files that are not plain text). */
  content: string | Buffer | ((file: string) => void);
  exit: number;
  /** The stderr line after "pve-apidoc: <file>". */
  message: RegExp;
  /** Pass the file as --formats (with a good --schema) instead of --schema. */
  asFormats?: boolean;
}

const CASES: Case[] = [
  // ---- cannot be read or parsed (exit 3) ----
  { name: 'a folder instead of a file', content: (f) => mkdirSync(f), exit: EXIT.input, message: /^ - not a regular file$/ },
  { name: 'empty file', content: '', exit: EXIT.input, message: /^ - the schema is empty$/ },
  { name: 'only whitespace', content: ' \n\t\r\n ', exit: EXIT.input, message: /^ - the schema is empty$/ },
  {
    name: 'truncated JSON',
    content: json(good).slice(0, 30),
    exit: EXIT.input,
    message: / - not a single array assignment|not valid JSON/,
  },
  {
    name: 'a JSON error in the middle',
    content: json(good).replace('"leaf":1', '"leaf":1,,'),
    exit: EXIT.input,
    message: /^ - not valid JSON at line 1 column \d+: unexpected ",,/,
  },
  { name: 'not JSON (HTML)', content: '<html>not a schema</html>', exit: EXIT.input, message: /^ - not a viewer schema/ },
  {
    // After `];` the rest is ignored (PBS's viewer script, test/load/viewer.test.ts); without the
    // semicolon the text is not one assignment.
    name: 'JavaScript beyond one array assignment',
    content: `var x = ${json(good)} fetch('/steal');`,
    exit: EXIT.input,
    message: /^ - not a single array assignment/,
  },
  {
    name: 'code instead of data',
    content: `const pveapi = [ (function(){ return 1 })() ];`,
    exit: EXIT.input,
    message: /^ - not valid JSON/,
  },
  { name: 'text after the array', content: `${json(good)}\ngarbage]`, exit: EXIT.input, message: /^ - not valid JSON/ },
  { name: 'wrong top-level type: a string', content: '"just a string"', exit: EXIT.input, message: /^ - not a viewer schema/ },
  { name: 'wrong top-level type: a number', content: '42', exit: EXIT.input, message: /^ - not a viewer schema/ },
  { name: 'wrong top-level type: null', content: 'null', exit: EXIT.input, message: /^ - not a viewer schema/ },
  {
    name: 'invalid UTF-8',
    content: Buffer.concat([Buffer.from('[{"path":"/a","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]')]),
    exit: EXIT.input,
    message: /^ - not valid UTF-8 text$/,
  },
  {
    name: 'UTF-16 text (with BOM)',
    content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json(good), 'utf16le')]),
    exit: EXIT.input,
    message: /^ - not valid UTF-8 text$/,
  },
  {
    name: 'a 200 MB file (sparse)',
    content: (f) => {
      const fd = openSync(f, 'w');
      writeSync(fd, '[', 0);
      writeSync(fd, ']', 200 * 1024 * 1024 - 1);
      closeSync(fd);
    },
    exit: EXIT.input,
    message: /^ - file is 209715200 bytes, more than the 67108864-byte limit$/,
  },
  {
    name: 'a reference dump with an unknown tagged value',
    content: '{"root":[{"path":"/a"}],"formats":{"x":("Evil")["y"]}}',
    exit: EXIT.input,
    message: /^ - unknown tagged value \("Evil"\) at line 1 column 40$/,
  },
  {
    name: 'a reference dump with a ("Ref") without pointer',
    content: '{"root":[{"path":"/a"}],"formats":{"x":("Ref")[]}}',
    exit: EXIT.input,
    message: /^ - \("Ref"\) without a pointer at line 1 column 40$/,
  },
  {
    name: 'a reference dump with a ("Ref") pointer that is not a JSON string',
    content: '{"root":[{"path":"/a"}],"formats":{"x":("Ref")["\\q"]}}',
    exit: EXIT.input,
    message: /^ - \("Ref"\) pointer "\\q" is not a valid JSON string at line 1 column 40$/,
  },
  {
    name: 'a --formats file that is not a JSON object',
    content: '[1, 2]',
    exit: EXIT.input,
    asFormats: true,
    message: /^ - not a viewer schema|^:\/ - a formats registry must be a JSON object$/,
  },
  // ---- parsed, but not the Proxmox API shape (exit 4) ----
  { name: 'wrong top-level type: an array of numbers', content: '[1, 2, 3]', exit: EXIT.validation, message: /^:\/0 - must be object/ },
  {
    name: 'wrong top-level type: an object without root',
    content: '{"paths": []}',
    exit: EXIT.validation,
    message: /^:\/ - must have required property 'root'/,
  },
  {
    name: 'info not an object',
    content: json([{ path: '/a', info: [1] }]),
    exit: EXIT.validation,
    message: /^:\/0\/info - must be object$/,
  },
  {
    name: 'a method without parameters',
    content: json([{ path: '/a', info: { GET: { name: 'x' } } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET - must have required property 'parameters'$/,
  },
  {
    name: 'children not an array',
    content: json([{ path: '/a', children: { path: '/a/b' } }]),
    exit: EXIT.validation,
    message: /^:\/0\/children - must be array$/,
  },
  {
    name: 'method key not an HTTP verb',
    content: json([{ path: '/a', info: { PATCH: method() } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info - key "PATCH" is not allowed here/,
  },
  {
    name: 'method key in lower case',
    content: json([{ path: '/a', info: { get: method() } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info - key "get" is not allowed here/,
  },
  {
    name: 'path not starting with /',
    content: json([{ path: 'a' }]),
    exit: EXIT.validation,
    message: /^:\/0\/path - must match pattern "\^\/"$/,
  },
  { name: 'path not a string', content: json([{ path: 7 }]), exit: EXIT.validation, message: /^:\/0\/path - must be string$/ },
  {
    name: 'a path longer than 2048 characters',
    content: json([{ path: '/' + 'a'.repeat(2048) }]),
    exit: EXIT.validation,
    message: /^:\/0\/path - must NOT have more than 2048 characters$/,
  },
  {
    name: 'properties not an object',
    content: json([{ path: '/a', info: { GET: method({ parameters: { properties: [] } }) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/parameters\/properties - must be object$/,
  },
  {
    name: 'enum not an array',
    content: json([{ path: '/a', info: { GET: method(param({ type: 'string', enum: 'a' })) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/parameters\/properties\/x\/enum - must be array or null$/,
  },
  {
    name: 'a number given as a word',
    content: json([{ path: '/a', info: { GET: method(param({ type: 'integer', minimum: 'five' })) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/parameters\/properties\/x\/minimum - must be number or a string matching/,
  },
  {
    name: 'a length given as a string',
    content: json([{ path: '/a', info: { GET: method(param({ type: 'string', maxLength: '5' })) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/parameters\/properties\/x\/maxLength - must be integer$/,
  },
  {
    name: 'a flag given as a word',
    content: json([{ path: '/a', info: { GET: method({ protected: 'yes' }) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/protected - must be /,
  },
  {
    name: 'a type that is not a string',
    content: json([{ path: '/a', info: { GET: method(param({ type: 5 })) } }]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/GET\/parameters\/properties\/x\/type - must be string or array$/,
  },
  {
    name: 'duplicate paths',
    content: json([{ path: '/a' }, { path: '/b', children: [{ path: '/a' }] }]),
    exit: EXIT.validation,
    message: /^:\/1\/children\/0\/path - duplicate path "\/a" \(first at \/0\)$/,
  },
  {
    name: '10 000-deep nesting of arrays',
    content: '[{"path":"/a","x":' + '['.repeat(10000) + ']'.repeat(10000) + '}]',
    exit: EXIT.validation,
    message: /^:\/0\/x(\/0)+ - nesting deeper than 256 levels$/,
  },
  {
    name: '10 000-deep nesting of objects',
    content: '[{"path":"/a","x":' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) + '}]',
    exit: EXIT.validation,
    message: /^:\/0\/x(\/a)+ - nesting deeper than 256 levels$/,
  },
  {
    name: 'an unresolvable $ref',
    content: json({ root: [{ path: '/a', info: { GET: method({ returns: { $ref: '#/root/9/nothing' } }) } }] }),
    exit: EXIT.validation,
    message: /^:\/root\/0\/info\/GET\/returns - unresolvable \$ref/,
  },
  {
    name: 'a circular $ref',
    content: json({
      root: [
        { path: '/a', info: { GET: method({ returns: { type: 'object', properties: { self: { $ref: '#/root/0/info/GET/returns' } } } }) } },
      ],
    }),
    exit: EXIT.validation,
    message: /circular \$ref/,
  },
  {
    name: 'an external $ref',
    content: json({ root: [{ path: '/a', info: { GET: method({ returns: { $ref: 'file:///etc/passwd' } }) } }] }),
    exit: EXIT.validation,
    message: /^:\/root\/0\/info\/GET\/returns - unresolved \$ref "file:\/\/\/etc\/passwd"/,
  },
  {
    // 1.3 KB whose references double at each of 24 levels: 2^24 copies of the last level if expanded.
    name: 'a $ref bomb (references doubling at every level)',
    content: json({ root: [{ path: '/a', info: { GET: method({ returns: refBomb('#/root/0/info/GET/returns', 24) }) } }] }),
    exit: EXIT.validation,
    message: /^:\/root\/0\/info\/GET\/returns\/properties\/l\d+\/properties\/[ab] - \$ref expansion too large: .* \(limit 4,000,000\)$/,
  },
  {
    name: 'terminal escapes and bidi controls in a key of a bad node',
    content: json([
      {
        path: '/a',
        info: {
          GET: method(param({ type: 'string' })),
          POST: { parameters: { properties: { '\u001b]0;owned\u0007\u009b2J\u202e': { type: 5 } } } },
        },
      },
    ]),
    exit: EXIT.validation,
    message: /^:\/0\/info\/POST\/parameters\/properties\/\\u001b\]0;owned\\u0007\\u009b2J\\u202e\/type - must be string or array$/,
  },
  {
    name: 'a --formats registry of the wrong shape',
    content: json({ 'pve-x': { key: { typetext: { toString: 1 } } } }),
    exit: EXIT.validation,
    asFormats: true,
    message: /^:\/pve-x/,
  },
];

describe('malformed input through the CLI', () => {
  const dir = tempDir('pve-apidoc-malformed-');
  const out = join(dir, 'site');
  const goodFile = join(dir, 'good.json');
  let before = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    writeFileSync(goodFile, json(good));
    const result = await run(['build', '--quiet', '--schema', goodFile, '--out', out]);
    expect(result.status).toBe(EXIT.ok);
    before = treeHash(out);
  });

  it.each(CASES)('$name: exit $exit, one line with file and pointer, no stack, output untouched', async (c) => {
    const file = join(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-')}.json`);
    if (typeof c.content === 'function') c.content(file);
    else writeFileSync(file, c.content);
    const args = c.asFormats ? ['--schema', goodFile, '--formats', file] : ['--schema', file];
    const result = await run(['build', ...args, '--out', out]);
    expect(result.stdout).toBe('');
    // Nothing from the schema may reach the terminal as a control character (escape sequences, bidi).
    expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const lines = result.stderr.split('\n').filter((l) => l !== '');
    expect(lines, result.stderr).toHaveLength(1);
    const line = lines[0]!;
    const prefix = `pve-apidoc: ${file}`;
    expect(line.startsWith(prefix), line).toBe(true);
    expect(line.slice(prefix.length)).toMatch(c.message);
    // Short, except that a pointer may be long (257 levels deep in the nesting cases).
    expect(line.length).toBeLessThan(1200);
    expect(result.status).toBe(c.exit);
    expect(treeHash(out)).toBe(before);
  });

  it('--verbose adds the stack trace (and every violation) to the same first line', async () => {
    const file = join(dir, 'verbose.json');
    writeFileSync(file, json([{ path: 'a' }, { path: '/b', info: { GET: method({ protected: 'yes' }) } }]));
    const result = await run(['build', '--verbose', '--schema', file, '--out', out]);
    expect(result.status).toBe(EXIT.validation);
    expect(result.stderr.split('\n')[0]).toBe(`pve-apidoc: ${file}:/0/path - must match pattern "^/" (and 1 more)`);
    expect(result.stderr).toContain(`${file}:/1/info/GET/protected - must be `);
    expect(result.stderr).toMatch(/\n\s+at /);
    expect(treeHash(out)).toBe(before);
  });
});
