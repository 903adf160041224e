/**
 * Reads a schema source: a local file or an http(s) URL. A source can be any host on the network,
 * so reading is bounded: a size cap, a timeout, a redirect cap, http(s) only, and TLS verification
 * unless the user explicitly says --insecure (PVE hosts usually have self-signed certificates).
 */
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { InputError } from '../errors.js';

export interface ReadOptions {
  insecure?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** What the file is, for the error line ("cannot read schema: no such file"). */
  what?: string;
}

const READ_DEFAULTS = {
  timeoutMs: 30_000,
  // The largest real schema is ~4 MB; 64 MB leaves room for growth and stops a hostile endless body.
  maxBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
} as const;

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/** Returns the source as text (strict UTF-8: invalid bytes are an error, not replacement characters). */
export async function readSource(source: string, options: ReadOptions = {}): Promise<string> {
  const bytes = isUrl(source) ? await fetchUrl(source, options) : await readLocal(source, options);
  return decodeUtf8(source, bytes);
}

/** A local file as text (never a URL), bounded and with the errors of readSource: the mock's --state, --cert and --key. */
export async function readTextFile(file: string, options: ReadOptions = {}): Promise<string> {
  return decodeUtf8(file, await readLocal(file, options));
}

async function readLocal(file: string, options: ReadOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? READ_DEFAULTS.maxBytes;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InputError(file, null, 'not a regular file');
    if (info.size > maxBytes) {
      throw new InputError(file, null, `file is ${info.size} bytes, more than the ${maxBytes}-byte limit`);
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new InputError(file, null, `cannot read ${options.what ?? 'schema'}: ${why}`, { cause: error });
  }
}

function decodeUtf8(source: string, bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new InputError(source, null, 'not valid UTF-8 text', { cause: error });
  }
}

/**
 * One GET, following redirects. The timeout is a total deadline for the whole read, across every
 * redirect hop: a server that trickles one byte every few seconds, or redirects slowly, cannot
 * keep a build reading. A redirect from https to plain http is refused (it would drop the
 * transport security the user asked for), and so is a Location that is not a URL.
 */
function fetchUrl(url: string, options: ReadOptions, redirects = 0, deadline?: number): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? READ_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? READ_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? READ_DEFAULTS.maxRedirects;
  const endBy = deadline ?? Date.now() + timeoutMs;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    return Promise.reject(new InputError(url, null, 'not a valid URL', { cause: error }));
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return Promise.reject(new InputError(url, null, `refusing ${parsed.protocol} URL: only http and https are read`));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise<Buffer>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, value?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value!);
    };
    const request = client.get(
      parsed,
      {
        rejectUnauthorized: !options.insecure,
        headers: { accept: 'application/javascript, application/json, */*', 'user-agent': 'pve-apidoc' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          if (redirects >= maxRedirects) return finish(new InputError(url, null, `more than ${maxRedirects} redirects`));
          let next: URL;
          try {
            next = new URL(response.headers.location, parsed);
          } catch (error) {
            return finish(new InputError(url, null, 'redirect to a Location that is not a valid URL', { cause: error }));
          }
          if (parsed.protocol === 'https:' && next.protocol === 'http:') {
            return finish(new InputError(url, null, `refusing a redirect from https to plain http (${next.host})`));
          }
          settled = true;
          clearTimeout(timer);
          fetchUrl(next.toString(), options, redirects + 1, endBy).then(resolve, reject);
          return;
        }
        if (status !== 200) {
          response.resume();
          return finish(new InputError(url, null, `HTTP ${status} ${response.statusMessage ?? ''}`.trim()));
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          response.destroy();
          return finish(new InputError(url, null, `response is ${declared} bytes, more than the ${maxBytes}-byte limit`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            finish(new InputError(url, null, `response exceeds the ${maxBytes}-byte limit`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => finish(null, Buffer.concat(chunks)));
        response.on('error', (error: NodeJS.ErrnoException) =>
          finish(new InputError(url, null, `read failed: ${networkFailure(error, parsed)}`, { cause: error })),
        );
      },
    );
    const timer = setTimeout(
      () => {
        request.destroy();
        finish(new InputError(url, null, `timed out after ${timeoutMs} ms (a deadline for the whole read, redirects included)`));
      },
      Math.max(0, endBy - Date.now()),
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish(new InputError(url, null, networkFailure(error, parsed), { cause: error }));
    });
  });
}

/** Certificate verification failures (OpenSSL's codes, and Node's for a name mismatch): --insecure accepts them. */
const CERTIFICATE_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is signed by an unknown authority',
  CERT_UNTRUSTED: 'the certificate is not trusted',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  CERT_REVOKED: 'the certificate was revoked',
  CERT_SIGNATURE_FAILURE: 'the certificate signature does not verify',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
};

/** Errors of the socket itself, said in words: the messages name the address again and again. */
const SOCKET_ERRORS: Record<string, (host: string) => string> = {
  ECONNREFUSED: (host) => `connection refused (nothing listens on ${host})`,
  ECONNRESET: () => 'the server closed the connection',
  EPIPE: () => 'the server closed the connection',
  ENOTFOUND: (host) => `host not found (${host})`,
  EAI_AGAIN: (host) => `host name lookup failed (${host}); try again later`,
  ETIMEDOUT: (host) => `connection timed out (${host})`,
  EHOSTUNREACH: (host) => `host unreachable (${host})`,
  ENETUNREACH: (host) => `network unreachable (${host})`,
};

/**
 * A request error as one line of words. Node passes OpenSSL's own text through ("write EPROTO
 * 80BC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/…:350:\n"),
 * which names source files and ends in a newline; it is translated where the cause is known (a
 * plain-http server at an https URL, a certificate --insecure would accept) and otherwise cut to the
 * OpenSSL reason, or to the message's first line.
 */
export function networkFailure(error: NodeJS.ErrnoException, url: URL): string {
  const code = error.code ?? '';
  const certificate = CERTIFICATE_ERRORS[code];
  if (certificate) return `${certificate} (pass --insecure to accept it)`;
  const reason = /SSL routines:[^:]*:([^:\n]+)/.exec(error.message)?.[1]?.trim();
  if (reason === 'wrong version number' || reason === 'packet length too long' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return `the server does not speak TLS (try http://${url.host}${url.pathname}${url.search})`;
  }
  if (reason !== undefined) return `TLS handshake failed: ${reason}`;
  const socket = SOCKET_ERRORS[code];
  // A TLS server drops a plain-http request without an answer.
  if (code === 'ECONNRESET' && url.protocol === 'http:') return 'the server closed the connection (if it serves https, try https://)';
  if (socket) return socket(url.host);
  if (code.startsWith('HPE_'))
    return `the server's answer is not HTTP${url.protocol === 'http:' ? ' (an https server? try https://)' : ''}`;
  return oneLine(error.message) || `request failed (${code || 'unknown error'})`;
}

/** The first line of a message, without control characters. */
function oneLine(message: string): string {
  return (message.split(/\r?\n/, 1)[0] ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
}
