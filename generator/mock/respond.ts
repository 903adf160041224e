/**
 * The mock API's answer to one request, as a pure function (no sockets: generator/mock/server.ts
 * does the HTTP). What the real server does, in order:
 *   1. only /api2/json/... exists (anything else: 404);
 *   2. the call checker: unknown method or path -> 501, bad parameters -> 400 with `errors`;
 *   3. authentication unless the operation is open to the world: an API token header
 *      (`PVEAPIToken=USER@REALM!TOKENID=SECRET`, unless the operation rejects tokens) or the ticket
 *      cookie; with the cookie, writes also need the CSRFPreventionToken header -> else 401;
 *   4. the answer: POST /access/ticket -> a ticket and CSRF token for the given user; an operation
 *      that starts a task -> a UPID for this call; the task status endpoint -> that task, stopped/OK;
 *      anything else -> the pages' example response (generator/document/examples/response.ts), in `{data}`.
 *
 * Stateless on purpose: nothing is stored between requests. A ticket is any string of the
 * product's ticket shape, and its CSRF token is derived from it, so any number of mock processes
 * agree and a restart loses nothing. Creating something does not make it appear in a later GET.
 */
import { createHash } from 'node:crypto';
import { type Checker, createChecker, listedErrors, MAX_LISTED_ERRORS } from '../check/index.js';
import { addParam } from '../check/parse-call.js';
import type { CallValue } from '../check/value.js';
import { exampleResponse } from '../document/examples/response.js';
import { taskKind } from '../document/examples/tasks.js';
import { PRODUCTS, type ProductInfo } from '../model/product.js';
import { cookieValue, requestUrl } from '../listen.js';
import { AUTH_TEXT } from './auth-text.js';
import { formatUpid, parseUpid, upidErrors, workerType } from './tasks.js';
import type { World } from './world.js';
import type { ApiModel, Operation, SchemaNode } from '../model/types.js';

export interface MockRequest {
  method: string;
  /** Path and query as received, e.g. "/api2/json/nodes?x=1". */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
  /** A multipart body, already parsed (generator/mock/multipart.ts): its fields, and its files by size. */
  form?: [string, string][];
  uploads?: { field: string; filename: string; size: number }[];
}

export interface MockResponse {
  status: number;
  /** Reason phrase, as pveproxy sends its messages ("Parameter verification failed."). */
  reason: string;
  body: unknown;
  headers?: Record<string, string>;
}

export type Responder = (req: MockRequest) => MockResponse;

const API_BASE = '/api2/json';
/**
 * Parameter values one request may carry (query and body together). The largest operations
 * (POST /nodes/{node}/qemu: 93 parameters, some numbered families) stay far below it; past it the
 * call is refused before it is checked, so one request cannot cost a large error answer.
 */
export const MAX_PARAMS = 1000;
/** A fixed time for every ticket and task: the mock's answers are deterministic. */
const MOCK_TIME = 0x66000000;

/** With a world (generator/mock/world.ts) the mock keeps state; without one it is stateless. */
export function createResponder(model: ApiModel, world?: World): Responder {
  const checker: Checker = createChecker(model);
  const product = PRODUCTS[model.product];
  return (req) => respond(req, model, checker, product, world);
}

function respond(req: MockRequest, model: ApiModel, checker: Checker, product: ProductInfo, world?: World): MockResponse {
  const url = requestUrl(req.url);
  if (url === null) return fail(400, 'invalid request target');
  if (url.pathname !== API_BASE && !url.pathname.startsWith(`${API_BASE}/`)) return fail(404, 'Not found');
  const path = url.pathname.slice(API_BASE.length) || '/';
  const params: Record<string, CallValue> = {};
  const body = parseBody(req);
  if (body === null) return fail(400, 'invalid body');
  let count = 0;
  for (const [k, v] of [...url.searchParams, ...body]) {
    if (++count > MAX_PARAMS) return fail(400, `too many parameters (more than ${MAX_PARAMS})`);
    addParam(params, k, v);
  }
  const method = req.method.toUpperCase();
  const result = checker.check({ method, path, params });
  if (result.status === 501) return fail(501, result.message);
  const op = result.operation!;
  if (op.permissions.mode !== 'world') {
    const denied = authenticate(req, op, product);
    if (denied) return fail(401, denied);
  }
  if (result.status === 400) return invalid(result.message, result.errors);
  const user = userOf(req, product);
  const badUpid = upidErrors(op, result.pathParams, model.product);
  if (badUpid) return { status: 400, reason: 'Parameter verification failed.', body: { data: null, errors: badUpid } };
  if (op.method === 'POST' && op.path === '/access/ticket') return ticket(params, op, model, product);
  const stateful = world?.answer({
    op,
    pathParams: result.pathParams,
    params,
    user,
    ...(req.uploads ? { uploads: req.uploads } : {}),
    example: () => dataOf(exampleBody(op, model)),
  });
  if (stateful) return 'status' in stateful ? worldError(stateful) : ok({ data: stateful.data });
  const task = /\/tasks\/\{[^}]+\}\/status$/.test(op.path) ? taskStatus(op, result.pathParams, model) : null;
  if (task) return ok(task);
  if (taskKind(op) !== 'none') return ok({ data: upid(op, result.pathParams, user, model.product) });
  return ok(exampleBody(op, model));
}

/** The `data` of an envelope. */
function dataOf(body: unknown): unknown {
  return body !== null && typeof body === 'object' && 'data' in body ? body.data : null;
}

function worldError(answer: { status: number; reason: string; errors?: Record<string, string> }): MockResponse {
  return { status: answer.status, reason: answer.reason, body: answer.errors ? { data: null, errors: answer.errors } : { data: null } };
}

function ok(body: unknown): MockResponse {
  return { status: 200, reason: 'OK', body };
}

function fail(status: number, reason: string): MockResponse {
  return { status, reason, body: { data: null } };
}

/** The checker's 400, as pveproxy sends it, with at most MAX_LISTED_ERRORS errors listed. */
function invalid(reason: string, errors: Record<string, string>): MockResponse {
  const listed = listedErrors(errors);
  const body: Record<string, unknown> = { data: null, errors: listed.errors };
  if (listed.more > 0) body['message'] = `${MAX_LISTED_ERRORS} parameter errors listed, and ${listed.more} more`;
  return { status: 400, reason, body };
}

/** A form, multipart or JSON body as name-value pairs; null when a JSON body does not parse to an object. */
function parseBody(req: MockRequest): [string, CallValue][] | null {
  // A file is its parameter's value by name, as pveproxy passes an upload's file name on.
  if (req.form || req.uploads) return [...(req.form ?? []), ...(req.uploads ?? []).map((u): [string, CallValue] => [u.field, u.filename])];
  if (req.body === '') return [];
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(req.body);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? Object.entries(parsed as Record<string, CallValue>)
        : null;
    } catch {
      return null;
    }
  }
  return [...new URLSearchParams(req.body)];
}

/** null when the request may proceed, else the 401 reason. */
function authenticate(req: MockRequest, op: Operation, product: ProductInfo): string | null {
  const authorization = req.headers['authorization'];
  if (authorization !== undefined) {
    if (!tokenUser(authorization, product)) return `invalid ${product.tokenPrefix} header`;
    if (!op.flags.allowToken) return 'Permission denied - API tokens are not allowed for this call';
    return null;
  }
  const ticketValue = cookieValue(req.headers['cookie'], product.cookieName);
  if (ticketValue === null) return AUTH_TEXT[product.id].noTicket;
  if (ticketUser(ticketValue, product) === null) return AUTH_TEXT[product.id].invalidTicket;
  if (op.method !== 'GET' && req.headers['csrfpreventiontoken'] !== csrfToken(ticketValue)) {
    return 'Permission denied - invalid csrf token';
  }
  return null;
}

/** `PVEAPIToken=USER@REALM!TOKENID=SECRET` (PBS: `:SECRET`) -> USER@REALM!TOKENID. */
function tokenUser(value: string, product: ProductInfo): string | null {
  const prefix = `${product.tokenPrefix}=`;
  if (!value.startsWith(prefix)) return null;
  const rest = value.slice(prefix.length);
  const sep = rest.lastIndexOf(product.tokenSecretSeparator);
  const id = sep > 0 ? rest.slice(0, sep) : '';
  return /^[^\s@!]+@[^\s@!]+![A-Za-z][A-Za-z0-9._-]*$/.test(id) && sep < rest.length - 1 ? id : null;
}

/** A ticket of the product's shape: `PVE:USER@REALM:HEXTIME::SIGNATURE`. */
function ticketUser(ticket: string, product: ProductInfo): string | null {
  const m = /^(PVE|PMG|PBS):([^:\s]+@[^:\s]+):[0-9A-F]{8}::\S+$/.exec(ticket);
  return m && `${m[1]}AuthCookie` === product.cookieName ? m[2]! : null;
}

function userOf(req: MockRequest, product: ProductInfo): string {
  const authorization = req.headers['authorization'];
  if (authorization !== undefined) return tokenUser(authorization, product) ?? 'root@pam';
  return ticketUser(cookieValue(req.headers['cookie'], product.cookieName) ?? '', product) ?? 'root@pam';
}

/** Derived from the ticket, so a stateless server can check it. Not a secret: this is a mock. */
function csrfToken(ticket: string): string {
  const digest = createHash('sha256').update(`pve-apidoc-mock-csrf\0${ticket}`).digest('base64').replace(/=+$/, '');
  return `${MOCK_TIME.toString(16).toUpperCase()}:${digest}`;
}

function ticket(params: Record<string, CallValue>, op: Operation, model: ApiModel, product: ProductInfo): MockResponse {
  const username = String(params['username'] ?? 'root@pam');
  const realm = typeof params['realm'] === 'string' ? params['realm'] : null;
  const user = username.includes('@') || realm === null ? username : `${username}@${realm}`;
  const short = product.cookieName.replace('AuthCookie', '');
  const signature = createHash('sha256').update(`pve-apidoc-mock-ticket\0${user}`).digest('base64').replace(/=+$/, '');
  const value = `${short}:${user}:${MOCK_TIME.toString(16).toUpperCase()}::${signature}`;
  const example = exampleBody(op, model) as { data?: unknown };
  const base = example.data !== null && typeof example.data === 'object' ? (example.data as Record<string, unknown>) : {};
  return ok({ data: { ...base, username: user, ticket: value, CSRFPreventionToken: csrfToken(value) } });
}

/** The UPID of this call (same call, same UPID), in the stateful mock's format and with its worker names (./tasks.ts). */
function upid(op: Operation, pathParams: Record<string, string>, user: string, product: ApiModel['product']): string {
  const hash = createHash('sha256').update(`${op.method} ${op.path}`).digest();
  return formatUpid(product, {
    node: pathParams['node'] ?? 'localhost',
    pid: hash.readUInt32BE(0) % 0x100000,
    pstart: hash.readUInt32BE(4) % 0x10000000,
    taskId: 0,
    starttime: MOCK_TIME,
    type: workerType(op),
    id: pathParams['vmid'] ?? pathParams['storage'] ?? '',
    user,
  });
}

/** The task status endpoint: every mock task has already finished, successfully. Its fields are the UPID's (./tasks.ts parseUpid). */
function taskStatus(op: Operation, pathParams: Record<string, string>, model: ApiModel): unknown {
  const id = Object.values(pathParams).find((v) => v.startsWith('UPID:'));
  const upid = id === undefined ? null : parseUpid(id);
  if (id === undefined || upid === null) return null;
  const example = exampleBody(op, model) as { data?: unknown };
  const base = example.data !== null && typeof example.data === 'object' ? (example.data as Record<string, unknown>) : {};
  const data: Record<string, unknown> = { ...base, upid: id, node: upid.node, status: 'stopped', exitstatus: 'OK' };
  const fields = { pid: upid.pid, pstart: upid.pstart, starttime: upid.starttime, type: upid.type, id: upid.id, user: upid.user };
  for (const [name, value] of Object.entries(fields)) if (name in data || described(op.returns, name)) data[name] = value;
  return { data };
}

function described(returns: SchemaNode, name: string): boolean {
  return returns.properties?.some((p) => p.name === name) ?? false;
}

/** The pages' example response; when the schema says nothing usable, the emptiest value of its type. */
function exampleBody(op: Operation, model: ApiModel): unknown {
  const response = exampleResponse(op, { product: model.product, formats: model.formats });
  if (response.kind !== 'unspecified') return response.body;
  const type = op.returns.type;
  return { data: type === 'object' ? {} : type === 'array' ? [] : null };
}
