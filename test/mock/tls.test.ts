/** --cert/--key: a file that is missing, no certificate, no key or the key of another certificate is an input error naming it. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../generator/errors.js';
import { identityFromFiles, selfSignedIdentity } from '../../generator/mock/tls.js';

let dir: string;
const at = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mock-tls-'));
  const [a, b] = await Promise.all([selfSignedIdentity('a', []), selfSignedIdentity('b', [])]);
  await Promise.all([
    writeFile(at('a.crt'), a.cert),
    writeFile(at('a.key'), a.key),
    writeFile(at('b.key'), b.key),
    writeFile(at('junk.pem'), 'not pem\n'),
  ]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const failure = async (cert: string, key: string): Promise<unknown> =>
  identityFromFiles(at(cert), at(key)).then(
    () => null,
    (e: unknown) => e,
  );

describe('mock TLS files', () => {
  it('accepts a certificate with its own key', async () => {
    expect((await identityFromFiles(at('a.crt'), at('a.key'))).fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('names the file of each problem, as an input error (exit 3)', async () => {
    const cases: [string, string, string][] = [
      ['a.crt', 'b.key', `${at('b.key')} - not the private key of ${at('a.crt')}`],
      ['a.crt', 'junk.pem', `${at('junk.pem')} - not a PEM private key (or one protected by a passphrase)`],
      ['junk.pem', 'a.key', `${at('junk.pem')} - not a PEM certificate`],
      ['none.crt', 'a.key', `${at('none.crt')} - cannot read certificate: no such file`],
    ];
    for (const [cert, key, message] of cases) {
      const error = await failure(cert, key);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toHaveProperty('message', message);
    }
  });
});
