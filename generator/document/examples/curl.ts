/**
 * curl examples, with an API token or with a ticket cookie. Schema text is untrusted: every value
 * and name goes through `shellQuote`, and curl's own `@file` / `<file` syntax can never be triggered
 * by a parameter name or value (form fields use --form-string; only the upload's file field uses -F).
 *
 * The ticket example logs in first and captures `ticket` and `CSRFPreventionToken` with jq (the
 * password from $PASSWORD, URL-encoded by curl). A call that starts a task captures the UPID and
 * waits for it (see waitForTask); a download saves the body to a file with -o.
 */
import type { Operation } from '../../model/types.js';
import { baseUrl, encodeComponent, exampleRequest, type ExampleArg, type ExampleContext, type ExampleRequest } from './request.js';

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
/** Secrets are always URL-encoded: a password with `&`, `+` or `%` must arrive intact. */
const SECRET_NAME = /password|secret/i;

/** curl with `Authorization: <token>`; null when the operation rejects API tokens (allowtoken: 0). */
export function curlWithToken(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string | null {
  if (req.auth === 'ticket') return null;
  const auth = [`-H ${shellQuote(`Authorization: ${ctx.product.tokenHeaderExample}`)}`];
  return command(req, ctx, auth, auth, []);
}

/**
 * curl with the ticket cookie, after logging in. $TICKET and $CSRF are shell variables, so they sit
 * in double quotes (a ticket has no characters special inside double quotes). The CSRF header is only
 * required for non-GET requests.
 */
export function curlWithTicket(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string {
  const p = ctx.product;
  const cookie = `-b "${p.cookieName}=$TICKET"`;
  const opts = [cookie];
  const needsCsrf = req.method !== 'GET';
  if (needsCsrf) opts.push(`-H "${p.csrfHeader}: $CSRF"`);
  return command(req, ctx, opts, [cookie], ticketLogin(ctx, needsCsrf));
}

/** Log in and keep the ticket (and CSRF token): POST /access/ticket, the answer read with jq. */
export function ticketLogin(ctx: ExampleContext, csrf: boolean): string[] {
  const lines = [
    `# Log in (PASSWORD holds your password, e.g. read -rs PASSWORD); --data-urlencode keeps & + % intact.`,
    `LOGIN=$(curl -k -s --data-urlencode 'username=root@pam' --data-urlencode "password=$PASSWORD" \\`,
    `  ${shellQuote(`${baseUrl(ctx)}/access/ticket`)})`,
    `TICKET=$(printf '%s' "$LOGIN" | jq -r '.data.ticket')`,
  ];
  if (csrf) lines.push(`CSRF=$(printf '%s' "$LOGIN" | jq -r '.data.CSRFPreventionToken')`);
  return lines;
}

/** curl for an operation anyone may call without logging in (`user: world`). */
export function curlNoAuth(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string {
  return command(req, ctx, [], [], []);
}

function command(req: ExampleRequest, ctx: ExampleContext, authOpts: string[], getAuth: string[], before: string[]): string {
  // -k: a fresh installation serves a self-signed certificate, which curl would reject.
  const ca = ctx.product.caCertPath;
  const kComment = ca
    ? `# -k: accept the default self-signed certificate (or verify it: --cacert with a copy of ${ca})`
    : '# -k: accept the default self-signed certificate (drop it once the host has a trusted one)';
  const waits = req.task !== 'none';
  let first = waits ? 'curl -k -s' : 'curl -k';
  if (req.method !== 'GET') first += ` -X ${req.method}`;
  // -G turns the data options into a query string (properly encoded) instead of a body.
  if (req.argsIn === 'query' && req.args.length > 0) first += ' -G';
  first += ` ${shellQuote(req.url)}`;
  const data = req.fileArg !== null ? req.args.map((a) => formOption(a, req.fileArg)) : req.args.map(dataOption);
  const lines = [first, ...authOpts, ...data];
  if (req.download !== null) lines.push(`-o ${shellQuote(req.download)}`);
  const call = lines.join(' \\\n  ');
  const out = [kComment, ...before];
  if (req.download !== null) out.push(`# The response body is saved to ${req.download}.`);
  if (!waits) return [...out, call].join('\n');
  return [...out, `UPID=$(${call} | jq -r '.data')`, ...waitForTask(ctx, getAuth)].join('\n');
}

/**
 * Wait for a task: poll GET /nodes/{node}/tasks/{upid}/status (the node is the UPID's second field)
 * until `status` is `stopped`, then print `exitstatus` ("OK" or the error). Only when the answer
 * starts with `UPID:`: a few calls that look like tasks return another string.
 */
export function waitForTask(ctx: ExampleContext, getAuth: string[]): string[] {
  const auth = getAuth.length > 0 ? ` ${getAuth.join(' ')}` : '';
  return [
    '# The call returns at once with a task id (UPID); wait until the task has stopped.',
    'case "$UPID" in UPID:*)',
    '  NODE=$(printf \'%s\' "$UPID" | cut -d: -f2)',
    '  while :; do',
    `    TASK=$(curl -k -s${auth} \\`,
    `      "${baseUrl(ctx)}/nodes/$NODE/tasks/$(jq -rn --arg u "$UPID" '$u|@uri')/status")`,
    `    [ "$(printf '%s' "$TASK" | jq -r '.data.status')" = stopped ] && break`,
    '    sleep 2',
    '  done',
    `  printf '%s\\n' "$TASK" | jq -r '.data.exitstatus' ;;`,
    `*) printf '%s\\n' "$UPID" ;;`,
    'esac',
  ];
}

/**
 * `-d 'name=value'` when nothing needs encoding, `--data-urlencode 'name=value'` when the value has
 * commas, spaces or other special characters, or is a secret (curl encodes it), and for a name curl
 * cannot take verbatim (or a NUL byte, which no shell argument can carry) both sides are encoded
 * here and sent with `--data-raw`.
 */
function dataOption(arg: ExampleArg): string {
  if (PLAIN_NAME.test(arg.name) && !arg.value.includes('\0')) {
    const flag = PLAIN_VALUE.test(arg.value) && !SECRET_NAME.test(arg.name) ? '-d' : '--data-urlencode';
    return `${flag} ${shellQuote(`${arg.name}=${arg.value}`)}`;
  }
  return `--data-raw ${shellQuote(`${encodeComponent(arg.name)}=${encodeComponent(arg.value)}`)}`;
}

/**
 * multipart/form-data: the file field as `-F 'name=@file'` (curl reads the local file), every other
 * field with --form-string, which never interprets a leading `@` or `<`.
 */
function formOption(arg: ExampleArg, fileArg: string | null): string {
  // A file name curl would read options from (`;type=`, quotes) is replaced by a neutral one.
  const file = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(arg.value) ? arg.value : 'upload.bin';
  if (arg.name === fileArg) return `-F ${shellQuote(`${arg.name}=@${file}`)}`;
  return `--form-string ${shellQuote(`${arg.name}=${arg.value}`)}`;
}
