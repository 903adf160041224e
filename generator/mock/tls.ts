/**
 * The mock's TLS identity: a self-signed certificate made at start (as a fresh Proxmox host has),
 * or one the user gives (--cert/--key). No crypto of our own: the key pair and the signature are
 * WebCrypto's (Node's own, globalThis.crypto), @peculiar/x509 only encodes the certificate, node:crypto computes the
 * fingerprint, and node:https does TLS. @peculiar/x509 resolves its encoders through tsyringe,
 * which needs the reflect-metadata polyfill loaded first; this module is imported only when the
 * mock starts over HTTPS, so nothing else loads either.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext } from 'node:tls';
import { InputError } from '../errors.js';
import { readTextFile } from '../load/source.js';

export interface TlsIdentity {
  /** PEM certificate (what a client pins or trusts). */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
  /** SHA-256 fingerprint as `AB:CD:...`, as pveproxy's GUI and `openssl x509 -fingerprint -sha256` show it. */
  fingerprint: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** A certificate for `node` valid for the host names and addresses a client may use to reach the mock. */
export async function selfSignedIdentity(node: string, hosts: readonly string[], now = new Date()): Promise<TlsIdentity> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const crypto = globalThis.crypto;
  x509.cryptoProvider.set(crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const names = [...new Set(['localhost', '127.0.0.1', '::1', node, ...hosts.map(bare)])];
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(crypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '7'),
    name: `CN=${node}.mock.invalid, O=pve-apidoc mock`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 365 * DAY),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.filter((n) => n !== '' && n !== '0.0.0.0' && n !== '::').map((n) => generalName(n))),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${(pkcs8.match(/.{1,64}/g) ?? []).join('\n')}\n-----END PRIVATE KEY-----\n`;
  const pem = `${cert.toString('pem')}\n`;
  return { cert: pem, key, fingerprint: fingerprintOf(pem) };
}

/** A certificate chain or key is a few KB; a larger file is not one. */
const MAX_PEM = 1024 * 1024;

/**
 * --cert FILE --key FILE: read as given. A file that cannot be read, no PEM certificate, no key or
 * a key of another certificate fails here, as an input error naming the file (exit 3), not later
 * as OpenSSL's words from inside node:https.
 */
export async function identityFromFiles(certFile: string, keyFile: string): Promise<TlsIdentity> {
  const cert = await readTextFile(certFile, { what: 'certificate', maxBytes: MAX_PEM });
  const key = await readTextFile(keyFile, { what: 'private key', maxBytes: MAX_PEM });
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(cert);
  } catch (error) {
    throw new InputError(certFile, null, 'not a PEM certificate', { cause: error });
  }
  try {
    createPrivateKey(key);
  } catch (error) {
    throw new InputError(keyFile, null, 'not a PEM private key (or one protected by a passphrase)', { cause: error });
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new InputError(keyFile, null, `not the private key of ${certFile}`, { cause: error });
  }
  return { cert, key, fingerprint };
}

function generalName(name: string): { type: 'ip' | 'dns'; value: string } {
  return { type: isIP(name) ? 'ip' : 'dns', value: name };
}

function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** "[::1]" -> "::1": listen addresses are written with brackets, certificate names without. */
function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}
