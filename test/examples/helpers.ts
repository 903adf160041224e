/** Hand-built operations and runners shared by the example-generator tests. */
import { spawnSync } from 'node:child_process';
import { PRODUCTS } from '../../generator/model/product.js';
import type { ExampleContext } from '../../generator/document/examples/request.js';
import type { FormatRef, HttpMethod, Operation, Parameter, PropertyKey, SchemaNode } from '../../generator/model/types.js';

export const PVE: ExampleContext = { product: PRODUCTS.pve, host: 'pve.example.com' };
export const PMG: ExampleContext = { product: PRODUCTS.pmg, host: 'pmg.example.com' };
export const PBS: ExampleContext = { product: PRODUCTS.pbs, host: 'pbs.example.com' };

import { key, named, schema } from '../helpers/model-builders.js';

export { key, named, schema };

export function param(name: string, s: SchemaNode, opts: Partial<Parameter> = {}): Parameter {
  return { name, anchor: `p-${name}`, required: true, location: 'body', family: null, schema: s, ...opts };
}

export const node = (): Parameter => param('node', schema('string', { format: named('pve-node') }), { location: 'path' });
export const vmid = (): Parameter =>
  param('vmid', schema('integer', { format: named('pve-vmid'), minimum: 100, maximum: 999999999 }), { location: 'path' });

export function op(method: HttpMethod, path: string, parameters: Parameter[], opts: Partial<Operation> = {}): Operation {
  return {
    method,
    path,
    pointer: '',
    name: 'test',
    anchor: method.toLowerCase(),
    summary: '',
    description: '',
    parameters,
    returns: schema('null'),
    permissions: { pointer: '', mode: 'check' },
    flags: { protected: false, proxyto: null, allowToken: true, downloadAllowed: false, exposeCredentials: false },
    ...opts,
  };
}

/** The VM network family `net[n]` with its real key layout (model default key, keyAlias entries). */
export function qemuNet(): Parameter {
  const keys = [
    key('model', schema('string', { enum: ['e1000', 'virtio', 'vmxnet3'] }), { defaultKey: true, required: true }),
    key('e1000', schema('any'), { required: true, alias: 'macaddr', keyAlias: 'model' }),
    key('virtio', schema('any'), { required: true, alias: 'macaddr', keyAlias: 'model' }),
    key('bridge', schema('string', { format: named('pve-bridge-id') })),
    key('firewall', schema('boolean')),
    key('macaddr', schema('string', { format: named('mac-addr') })),
  ];
  return param('net[n]', schema('string', { format: { kind: 'inline', keys } }), { family: 'net', required: true });
}

/** Run shell code with `curl`/`pvesh`/`pmgsh` replaced by a function that prints its argv NUL-separated. */
export function shellArgs(code: string): { argv: string[][]; stderr: string; status: number | null } {
  const prelude =
    'rec() { printf \'%s\\0\' "$@"; printf \'\\1\'; }; curl() { rec curl "$@"; }; pvesh() { rec pvesh "$@"; }; pmgsh() { rec pmgsh "$@"; }\n';
  // The script goes through stdin: a whole schema's worth of commands exceeds the argument size limit.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-s'], {
    input: prelude + code,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TICKET: 'TICKETVALUE', CSRF: 'CSRFVALUE' },
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  const argv = r.stdout
    .split('\u0001')
    .filter((chunk) => chunk !== '')
    .map((chunk) => chunk.split('\0').slice(0, -1));
  return { argv, stderr: r.stderr, status: r.status };
}

/** Parse (never run) JavaScript as the body of an async function, as top-level await needs. */
export function parseJs(code: string): void {
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;
  new AsyncFunction(code);
}

/** Parse Python with python3's own parser; returns the error text, or '' when it parses. */
export function parsePython(code: string): string {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `exit ${r.status}`;
}

/** Evaluate Python string literals (one python3 run) and return their values, to check escaping. */
export function pythonEval(literals: string[]): string[] {
  const script = 'import ast,json,sys; print(json.dumps([ast.literal_eval(s) for s in json.load(sys.stdin)]))';
  const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(literals), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

/** Strings designed to break out of quoting in shell, JS and Python. */
export const HOSTILE = [
  `x'; rm -rf /`,
  'a"b',
  'back`tick`',
  '$(echo pwned)',
  '$HOME ${PATH}',
  'line1\nline2',
  'tab\there',
  'back\\slash',
  "it's",
  "'",
  '\\',
  '',
  ' leading space',
  '@/etc/passwd',
  'a=b&c=d',
  'é ü 日本',
  '\u2028\u2029',
  '\u0007\u007f\u0085',
  '#comment',
  '!event',
  '*?[glob]',
  '~user',
];
