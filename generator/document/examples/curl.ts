/**
 * curl examples, with an API token or with a ticket cookie. Only required parameters are shown
 * (the page says so). Schema text is untrusted: every value and name goes through `shellQuote`,
 * and curl's own `@file` syntax can never be triggered by a parameter name.
 */
import type { Operation } from '../../model/types.js';
import { encodeComponent, exampleRequest, type ExampleArg, type ExampleContext, type ExampleRequest } from './request.js';

/** POSIX single quoting: everything literal, a `'` becomes `'\''` (close, escaped quote, reopen). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A word left bare when it has only characters no shell treats specially, else single-quoted. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : shellQuote(value);
}

/** Names curl can take verbatim before `=` (no `@`, which would make --data-urlencode read a file). */
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** Values that need no encoding in a form body or query string. */
const PLAIN_VALUE = /^[A-Za-z0-9._~:@/-]*$/;

/** curl with `Authorization: <token>`; null when the operation rejects API tokens (allowtoken: 0). */
export function curlWithToken(op: Operation, ctx: ExampleContext): string | null {
  const req = exampleRequest(op, ctx);
  if (req.auth === 'ticket') return null;
  return command(req, ctx, [`-H ${shellQuote(`Authorization: ${ctx.product.tokenHeaderExample}`)}`], []);
}

/**
 * curl with the ticket cookie. $TICKET and $CSRF are shell variables, so they sit in double quotes
 * (the shell expands them; a ticket has no characters special inside double quotes). The CSRF header
 * is only required for non-GET requests.
 */
export function curlWithTicket(op: Operation, ctx: ExampleContext): string {
  const req = exampleRequest(op, ctx);
  const p = ctx.product;
  const opts = [`-b "${p.cookieName}=$TICKET"`];
  const needsCsrf = req.method !== 'GET';
  if (needsCsrf) opts.push(`-H "${p.csrfHeader}: $CSRF"`);
  const what = needsCsrf
    ? `# TICKET and CSRF: "ticket" and "CSRFPreventionToken" returned by POST ${p.apiBase}/access/ticket`
    : `# TICKET: "ticket" returned by POST ${p.apiBase}/access/ticket`;
  return command(req, ctx, opts, [what]);
}

/** curl for an operation anyone may call without logging in (`user: world`). */
export function curlNoAuth(op: Operation, ctx: ExampleContext): string {
  return command(exampleRequest(op, ctx), ctx, [], []);
}

function command(req: ExampleRequest, ctx: ExampleContext, authOpts: string[], comments: string[]): string {
  // -k: a fresh installation serves a self-signed certificate, which curl would reject.
  const ca = ctx.product.caCertPath;
  const kComment = ca
    ? `# -k: accept the default self-signed certificate (or verify it: --cacert with a copy of ${ca})`
    : '# -k: accept the default self-signed certificate (drop it once the host has a trusted one)';
  let first = 'curl -k';
  if (req.method !== 'GET') first += ` -X ${req.method}`;
  // -G turns the data options into a query string (properly encoded) instead of a body.
  if (req.argsIn === 'query' && req.args.length > 0) first += ' -G';
  first += ` ${shellQuote(req.url)}`;
  const lines = [first, ...authOpts, ...req.args.map(dataOption)];
  return [kComment, ...comments, lines.join(' \\\n  ')].join('\n');
}

/**
 * `-d 'name=value'` when nothing needs encoding, `--data-urlencode 'name=value'` when the value has
 * commas, spaces or other special characters (curl encodes it), and for a name curl cannot take
 * verbatim (or a NUL byte, which no shell argument can carry) both sides are encoded here and sent
 * with `--data-raw`.
 */
function dataOption(arg: ExampleArg): string {
  if (PLAIN_NAME.test(arg.name) && !arg.value.includes('\0')) {
    const flag = PLAIN_VALUE.test(arg.value) ? '-d' : '--data-urlencode';
    return `${flag} ${shellQuote(`${arg.name}=${arg.value}`)}`;
  }
  return `--data-raw ${shellQuote(`${encodeComponent(arg.name)}=${encodeComponent(arg.value)}`)}`;
}
