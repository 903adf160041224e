/**
 * The mock API over HTTPS (node:https) or, with --http, HTTP (node:http). A request body above MAX_BODY is refused with 413 as
 * soon as the cap is passed (the rest is never read); each request is logged as one line — method,
 * path without the query, status, milliseconds — and never with headers, cookies, query or body,
 * which carry tickets, tokens and passwords.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { ApiModel } from '../model/types.js';
import { printable } from '../text/printable.js';
import { createResponder, type MockRequest, type Responder } from './respond.js';
import { BodyError, guarded, listen, readBody, refuseBody } from '../listen.js';
import { isMultipart, MAX_UPLOAD, readMultipart } from './multipart.js';
import type { World } from './world.js';

/**
 * The mock reads form and JSON bodies whole (parameters): 1 MiB holds any real call many times
 * over, and bounds what one request costs (parsing, checking, the error answer). Multipart uploads
 * are streamed and counted instead, up to MAX_UPLOAD (generator/mock/multipart.ts).
 */
const MAX_BODY = 1024 * 1024;

export interface MockOptions {
  host: string;
  port: number;
  /** One line per request; no line when absent. */
  log?: (line: string) => void;
  /** HTTPS with this certificate and key (PEM), as every Proxmox product speaks; plain HTTP when absent. */
  tls?: { cert: string; key: string };
  /** Ceiling of a multipart/form-data body in bytes (default MAX_UPLOAD, 2 GiB); beyond it 413. */
  uploadLimit?: number;
  /** Keep state in this world (generator/mock/world.ts); stateless when absent. */
  world?: World;
}

export interface RunningMock {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** One log line: no query string (GET /access/ticket?password=... would leak), printable only. */
export function logLine(method: string, url: string, status: number, ms: number): string {
  const path = url.split('?')[0] ?? '';
  return printable(`${method} ${path.length > 200 ? `${path.slice(0, 200)}...` : path} ${status} ${ms.toFixed(0)}ms`);
}

/** Reason phrases go on the status line: printable ASCII only, bounded. */
function reasonPhrase(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

export function handleMock(responder: Responder, log?: (line: string) => void, uploadLimit = MAX_UPLOAD) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const start = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    let status = 500;
    try {
      // Uploads are streamed and counted (generator/mock/multipart.ts); other bodies are small and read whole.
      // Its fields are parameters like a form body's, so they share the form body's cap.
      const form = isMultipart(req) ? await readMultipart(req, uploadLimit, MAX_BODY) : null;
      if (form === 'too-large' || form === 'fields-too-large') {
        status = 413;
        refuseBody(req, res, form === 'too-large' ? uploadLimit : MAX_BODY);
        return;
      }
      if (form === 'malformed') {
        status = 400;
        res.writeHead(400, 'malformed multipart/form-data body', { 'content-type': 'application/json;charset=UTF-8', connection: 'close' });
        res.end('{"data":null}\n');
        return;
      }
      const body = form === null ? await readBody(req, MAX_BODY) : Buffer.alloc(0);
      const headers: MockRequest['headers'] = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const parts = form === null ? {} : { form: form.fields, uploads: form.uploads };
      const answer = responder({ method, url, headers, body: body.toString('utf8'), ...parts });
      status = answer.status;
      res.writeHead(answer.status, reasonPhrase(answer.reason), {
        'content-type': 'application/json;charset=UTF-8',
        'cache-control': 'max-age=0',
        ...answer.headers,
      });
      res.end(`${JSON.stringify(answer.body)}\n`);
    } catch (error) {
      if (error instanceof BodyError && error.reason === 'too large') {
        status = 413;
        refuseBody(req, res, MAX_BODY);
      } else if (error instanceof BodyError) {
        // The client went away: nothing more to send. Logged as nginx does ("client closed request").
        status = 499;
        res.statusCode = 499;
        res.destroy();
      } else {
        status = 500;
        if (!res.headersSent) res.writeHead(500, 'Internal Server Error', { 'content-type': 'application/json;charset=UTF-8' });
        res.end('{"data":null}\n');
      }
    } finally {
      log?.(logLine(method, url, status, performance.now() - start));
    }
  };
}

export async function startMock(model: ApiModel, options: MockOptions): Promise<RunningMock> {
  const handler = handleMock(createResponder(model, options.world), options.log, options.uploadLimit);
  const server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, guarded(handler))
    : createServer(guarded(handler));
  const address = await listen(server, options.port, options.host);
  const host = address.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
