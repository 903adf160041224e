import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../generator/model/types.js';
import { buildExamples } from '../../generator/document/examples/index.js';
import { node, op, param, PBS, PMG, PVE, schema, vmid } from './helpers.js';

const noTokens = { protected: false, proxyto: null, allowToken: false, downloadAllowed: false, exposeCredentials: false };
const ids = (o: Operation, ctx = PVE): string[] => buildExamples(o, ctx).map((e) => e.id);

describe('buildExamples', () => {
  const start = op('POST', '/nodes/{node}/qemu/{vmid}/status/start', [node(), vmid()]);

  it('gives every language for an ordinary operation', () => {
    expect(ids(start)).toEqual(['curl-token', 'curl-ticket', 'pvesh', 'javascript', 'python']);
    const examples = buildExamples(start, PVE);
    expect(examples.map((e) => [e.label, e.language])).toEqual([
      ['curl (API token)', 'bash'],
      ['curl (ticket)', 'bash'],
      ['pvesh', 'bash'],
      ['JavaScript', 'javascript'],
      ['Python', 'python'],
    ]);
    for (const e of examples) expect(e.code).toContain('/nodes/pve1/qemu/100/status/start');
  });

  it('skips the token curl when tokens are rejected', () => {
    expect(ids(op('PUT', '/access/password', [], { flags: noTokens }))).toEqual(['curl-ticket', 'pvesh', 'javascript', 'python']);
  });

  it('gives one curl without credentials for world operations', () => {
    const o = op('POST', '/access/ticket', [param('username', schema('string')), param('password', schema('string'))], {
      permissions: { pointer: '', mode: 'world' },
      flags: noTokens,
    });
    const examples = buildExamples(o, PVE);
    expect(examples.map((e) => e.id)).toEqual(['curl', 'pvesh', 'javascript', 'python']);
    expect(examples[0]!.code).not.toMatch(/Authorization|TICKET|Cookie/);
  });

  it('skips pvesh on PBS and labels pmgsh on PMG', () => {
    expect(ids(start, PBS)).toEqual(['curl-token', 'curl-ticket', 'javascript', 'python']);
    expect(buildExamples(start, PMG).find((e) => e.id === 'pvesh')).toMatchObject({
      label: 'pmgsh',
      code: 'pmgsh create /nodes/pve1/qemu/100/status/start',
    });
  });

  it('is plain text (escaping is the template’s job)', () => {
    const o = op('GET', '/x', [param('q', schema('string', { enum: ['<b>&amp;</b>'] }))]);
    expect(buildExamples(o, PVE)[0]!.code).toContain("--data-urlencode 'q=<b>&amp;</b>'");
  });

  it('fills path placeholders that have no declared parameter from their name', () => {
    expect(buildExamples(op('GET', '/nodes/{node}/storage/{storage}', []), PVE)[0]!.code).toContain('/nodes/pve1/storage/local');
  });
});

describe('all generators on hand-built edge cases', () => {
  it('produce code that parses in every language', () => {
    const ops = [
      op('GET', '/version', []),
      op('DELETE', '/x/{id}', [param('id', schema('string'), { location: 'path' }), param('force', schema('boolean'))]),
      op('PUT', '/x', [
        param(
          'list',
          schema('array', {
            items: schema('string', { format: { kind: 'named', name: 'pve-node', base: 'pve-node', list: false, opt: false } }),
          }),
        ),
      ]),
    ];
    for (const o of ops) {
      for (const e of buildExamples(o, PVE)) {
        if (e.language === 'javascript') {
          const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;
          expect(() => new AsyncFunction(e.code)).not.toThrow();
        } else if (e.language === 'python') {
          const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: e.code, encoding: 'utf8' });
          expect(r.stderr).toBe('');
        } else {
          const r = spawnSync('bash', ['-n', '-c', e.code], { encoding: 'utf8' });
          expect(r.stderr).toBe('');
        }
      }
    }
  });
});
