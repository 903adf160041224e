/** A throwaway self-signed certificate for 127.0.0.1 (openssl), for https test servers; null without openssl. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tree.js';

export function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = tempDir('pve-apidoc-tls-');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) return null;
  return { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
}
