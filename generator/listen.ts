/**
 * The local HTTP servers (preview, serve, mock): listening, with a failure to listen said in one
 * line (which address, and what to do) instead of an internal error; reading a request body with
 * a cap; and request handlers that can never take the process down.
 */
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { UsageError } from './errors.js';

/** Listens on host:port (port 0 picks a free one); resolves with the bound host (IPv6 in brackets) and port. */
export async function listen(server: Server, port: number, host: string): Promise<{ host: string; port: number }> {
  await new Promise<void>((ok, fail) => {
    const failed = (error: NodeJS.ErrnoException): void => fail(listenError(error, host, port));
    server.once('error', failed);
    server.listen(port, host, () => {
      // Only a failure to listen rejects; later errors are the server's own to handle.
      server.off('error', failed);
      ok();
    });
  });
  const address = server.address();
  // Listening on host:port gives an AddressInfo; a string is a pipe or socket path.
  if (address === null || typeof address === 'string') throw new Error(`the server does not listen on a TCP port (${String(address)})`);
  return { host: address.family === 'IPv6' ? `[${address.address}]` : address.address, port: address.port };
}

/**
 * Why a server could not listen, as a usage error (exit 2: the fix is another --port or --host);
 * other errors are passed on unchanged. Shared with `dev`, whose server Vite starts.
 */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  if (error.code === 'EADDRINUSE')
    return new UsageError(`cannot listen on ${where}: the port is already in use (another server?); choose another with --port`, {
      cause: error,
    });
  if (error.code === 'EACCES')
    return new UsageError(
      `cannot listen on ${where}: permission denied (ports below 1024 need root); choose a port of 1024 or above with --port`,
      { cause: error },
    );
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
    return new UsageError(`cannot listen on ${where}: ${host} is not an address of this machine (--host)`, { cause: error });
  return error;
}

/**
 * A request target as a URL, or null when it is none (`*`, a malformed absolute URL). A target
 * starting with `/` is a path even when it starts with `//`: `new URL('//', base)` would read
 * that as a URL without a host and throw, a 500 for a client's typo.
 */
export function requestUrl(target: string): URL | null {
  try {
    return new URL(target.startsWith('/') ? `http://request.invalid${target}` : target);
  } catch {
    return null;
  }
}

/** The first cookie called `name` in a Cookie header, percent-decoded; null when absent or not decodable. */
export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Why a body was not read whole: larger than the cap (answer 413), or the client went away. */
export class BodyError extends Error {
  constructor(readonly reason: 'too large' | 'aborted') {
    super(reason === 'too large' ? 'request body too large' : 'the client closed the connection before sending the whole body');
  }
}

/**
 * Reads a request body of at most `limit` bytes. Rejects with BodyError('too large') as soon as
 * the declared length or the bytes received pass the cap: nothing more is read or kept (the
 * caller answers 413 and the connection is closed), and with BodyError('aborted') when the client
 * disconnects first, e.g. after declaring a longer Content-Length than it sent.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      stopReading(req);
      reject(new BodyError('too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: BodyError | null): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        stopReading(req);
        finish(new BodyError('too large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish(null));
    // `on`, not `once`: an error after the first would otherwise be an unhandled 'error' event.
    req.on('error', () => finish(new BodyError('aborted')));
    req.once('close', () => finish(req.complete ? null : new BodyError('aborted')));
  });
}

/** No more of this request is read: the answer goes out with `connection: close`, then the socket is closed. */
function stopReading(req: IncomingMessage): void {
  req.pause();
  // Errors of a socket we are closing (the client still sending) are of no interest.
  req.on('error', () => {});
}

/**
 * Answers a request whose body passed the cap of `limit` bytes: 413 in the API's envelope
 * (`{"data":null}`, the reason on the status line), then the connection is closed, the rest never read.
 */
export function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
  res.shouldKeepAlive = false;
  res.writeHead(413, `Request Entity Too Large (more than ${limit} bytes)`, {
    'content-type': 'application/json;charset=UTF-8',
    connection: 'close',
  });
  res.end('{"data":null}\n', () => req.socket.destroySoon());
}

/**
 * A request listener from an async handler: a rejection ends that request (500 when nothing was
 * sent yet, else the connection is cut) instead of becoming an unhandled rejection that ends the
 * process; an aborted client just ends its own request.
 */
export function guarded(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void): RequestListener {
  return (req, res) => {
    const fail = (): void => {
      try {
        if (res.headersSent || req.destroyed) res.destroy();
        else res.writeHead(500, 'Internal Server Error', { 'content-type': 'application/json;charset=UTF-8' }).end('{"data":null}\n');
      } catch {
        // Not even a 500 could be sent: cut the connection, never throw from here.
        res.destroy();
      }
    };
    try {
      const pending = handler(req, res);
      if (pending) pending.catch(fail);
    } catch {
      fail();
    }
  };
}
