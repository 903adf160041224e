/**
 * Every operation of the real PVE 9.1 schema through every generator: no crash, no unfilled path
 * placeholder, and the output parses in bash, JavaScript and Python. Operations are built here by a
 * deliberately small raw → model converter so that this test does not depend on the normalizer.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { FormatRef, HttpMethod, Operation, Parameter, PropertyKey, SchemaNode } from '../../generator/model/types.js';
import { buildExamples, type CodeExample } from '../../generator/document/examples/index.js';
import { readViewerTree, VIEWER_DUMPS, walkRaw } from '../helpers/real-schemas.js';
import { PVE, shellArgs } from './helpers.js';

type Raw = Record<string, unknown>;
const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' ? undefined : Number(v));

function toNode(raw: Raw): SchemaNode {
  const n: SchemaNode = { pointer: '', type: typeof raw['type'] === 'string' ? raw['type'] : 'any', synopsis: '' };
  if (Array.isArray(raw['enum'])) n.enum = raw['enum'].map(String);
  if (raw['default'] !== undefined) n.default = raw['default'];
  const [min, max, minL, maxL] = ['minimum', 'maximum', 'minLength', 'maxLength'].map((k) => num(raw[k]));
  if (min !== undefined) n.minimum = min;
  if (max !== undefined) n.maximum = max;
  if (minL !== undefined) n.minLength = minL;
  if (maxL !== undefined) n.maxLength = maxL;
  if (typeof raw['pattern'] === 'string') n.pattern = raw['pattern'];
  const f = raw['format'];
  if (typeof f === 'string') {
    const list = f.endsWith('-list');
    const opt = f.endsWith('-opt');
    n.format = { kind: 'named', name: f, base: list ? f.slice(0, -5) : opt ? f.slice(0, -4) : f, list, opt } satisfies FormatRef;
  } else if (f && typeof f === 'object') {
    n.format = {
      kind: 'inline',
      keys: Object.entries(f as Record<string, Raw>).map(
        ([name, k]): PropertyKey => ({
          name,
          defaultKey: k['default_key'] === 1,
          required: k['optional'] !== 1,
          alias: typeof k['alias'] === 'string' ? k['alias'] : null,
          keyAlias: typeof k['keyAlias'] === 'string' ? k['keyAlias'] : null,
          schema: toNode(k),
        }),
      ),
    };
  }
  if (raw['items'] && typeof raw['items'] === 'object') n.items = toNode(raw['items'] as Raw);
  return n;
}

function operations(file: string): Operation[] {
  const ops: Operation[] = [];
  for (const pathNode of walkRaw(readViewerTree(file))) {
    for (const [method, info] of Object.entries(pathNode.info ?? {})) {
      const props = ((info['parameters'] as Raw | undefined)?.['properties'] ?? {}) as Record<string, Raw>;
      const parameters = Object.entries(props).map(
        ([name, s]): Parameter => ({
          name,
          anchor: name,
          required: s['optional'] !== 1,
          location: pathNode.path.includes(`{${name}}`) ? 'path' : method === 'GET' || method === 'DELETE' ? 'query' : 'body',
          family: name.endsWith('[n]') ? name.slice(0, -3) : null,
          schema: toNode(s),
        }),
      );
      const perms = info['permissions'] as Raw | undefined;
      ops.push({
        method: method as HttpMethod,
        path: pathNode.path,
        pointer: '',
        name: String(info['name']),
        anchor: method.toLowerCase(),
        summary: '',
        description: '',
        parameters,
        returns: { pointer: '', type: 'null', synopsis: '' },
        permissions: { pointer: '', mode: perms?.['user'] === 'world' ? 'world' : 'check' },
        flags: { protected: false, proxyto: null, allowToken: info['allowtoken'] !== 0, downloadAllowed: false, exposeCredentials: false },
      });
    }
  }
  return ops;
}

describe('examples for the real PVE 9.1 schema', () => {
  const file = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
  const ops = operations(file);
  const all: { op: Operation; ex: CodeExample }[] = ops.flatMap((op) => buildExamples(op, PVE).map((ex) => ({ op, ex })));

  it('covers every operation', () => {
    expect(ops).toHaveLength(649);
    expect(all.filter((a) => a.ex.id === 'pvesh')).toHaveLength(649);
  });

  it('fills every path placeholder', () => {
    for (const { ex } of all) expect(ex.code).not.toMatch(/\/\{[^}]*\}/);
  });

  it('parses in bash, with every curl/pvesh call reaching the stub', () => {
    const shell = all.filter((a) => a.ex.language === 'bash');
    const { argv, stderr, status } = shellArgs(shell.map((a) => a.ex.code).join('\n'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(argv).toHaveLength(shell.length);
    argv.forEach((args, i) => {
      const { op, ex } = shell[i]!;
      expect(args[0]).toBe(ex.id === 'pvesh' ? 'pvesh' : 'curl');
      if (ex.id === 'pvesh') expect(args[2]).toMatch(/^\//);
      else expect(args.some((a) => a.startsWith('https://pve.example.com:8006/api2/json/'))).toBe(true);
      // Every required non-path parameter arrives as one argument (pvesh: --name value, curl: one data option).
      const required = op.parameters.filter((p) => p.required && p.location !== 'path').length;
      const dataArgs =
        ex.id === 'pvesh'
          ? (args.length - 3) / 2
          : args.filter((a) => /^(-d|--data-urlencode|--data-raw|-F|--form|--form-string)$/.test(a)).length;
      expect(dataArgs).toBe(required);
    });
    // Every ticket snippet now logs in first (subshells for the login and jq): slow on a loaded machine.
  }, 600_000);

  it('parses as JavaScript', () => {
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;
    for (const { ex } of all.filter((a) => a.ex.language === 'javascript')) expect(() => new AsyncFunction(ex.code)).not.toThrow();
  });

  it('parses as Python', () => {
    const codes = all.filter((a) => a.ex.language === 'python').map((a) => a.ex.code);
    const script = 'import ast,json,sys\nfor c in json.load(sys.stdin): ast.parse(c)\nprint("ok")';
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(codes), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  it('leaves no required value as a <placeholder>', () => {
    const placeholders = new Set<string>();
    for (const { ex } of all.filter((a) => a.ex.id === 'pvesh')) {
      for (const m of ex.code.matchAll(/--(\S+) '?<([^>]*)>/g)) placeholders.add(`${m[1]}`);
    }
    // Free-text strings without format or pattern (data, file, ticket, ...) get `example`.
    expect([...placeholders].sort()).toEqual([]);
  });
});
