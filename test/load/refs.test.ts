import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../generator/load/index.js';
import { InputError } from '../../generator/errors.js';

describe('reference-preserving dialect (Perl tagged values)', () => {
  it('rewrites Ref, Code and Regex into standard JSON', () => {
    const text = `{
      "formats": { "CIDR": ("Code")[], "x": { "a": { "type": "string", "pattern": ("Regex")["(?^:^0x[0-9a-f]+\\\\]$)"] } } },
      "root": [ { "path": "/a", "info": { "GET": { "parameters": ("Ref")["/root/1/info/GET/parameters"] } } } ]
    }`;
    const { dialect, document, hasRefs } = parseDocument('d.json', text);
    expect(dialect).toBe('refs');
    expect(hasRefs).toBe(true);
    const doc = document as Record<string, any>;
    expect(doc['formats']['CIDR']).toEqual({ 'x-proxmox-code': true });
    expect(doc['formats']['x']['a']['pattern']).toEqual({ 'x-proxmox-regex': '(?^:^0x[0-9a-f]+\\]$)' });
    expect(doc['root'][0]['info']['GET']['parameters']).toEqual({ $ref: '#/root/1/info/GET/parameters' });
  });

  it('leaves tag-like text inside strings alone', () => {
    const text = `{"root": [{"path": "/a", "text": "see (\\"Ref\\")[\\"/x\\"] and (\\"Code\\")[]"}]}`;
    const doc = parseDocument('d.json', text).document as { root: { text: string }[] };
    expect(doc.root[0]!.text).toBe('see ("Ref")["/x"] and ("Code")[]');
  });

  it.each([
    ['an unknown tag', `{"root": [], "x": ("Blob")["1"]}`, /unknown tagged value \("Blob"\) at line 1/],
    ['a Ref without a pointer', `{"root": [], "x": ("Ref")[]}`, /\("Ref"\) without a pointer/],
    ['a Ref that is not a JSON pointer', `{"root": [], "x": ("Ref")["root/0"]}`, /is not a JSON pointer/],
    ['a malformed tag', `{"root": [], "x": ("Ref") 5}`, /malformed tagged value/],
    ['truncated JSON', `{"root": [{"path": "/a"`, /not valid JSON/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseDocument('d.json', text)).toThrow(InputError);
    expect(() => parseDocument('d.json', text)).toThrow(message);
  });
});
