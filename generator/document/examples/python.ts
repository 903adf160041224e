/**
 * A `requests` example. Schema-derived strings become Python string literals through `pyString`,
 * which escapes like repr(): backslash, quote and every non-printable character.
 */
import type { Operation } from '../../model/types.js';
import { baseUrl, exampleRequest, type ExampleContext, type ExampleRequest } from './request.js';

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Characters written as escapes: controls, format/private/unassigned, lone surrogates, odd spaces. */
const NON_PRINTABLE = /^(?:\p{C}|\p{Zl}|\p{Zp}|[^\P{Zs} ])$/u;

/** A double-quoted Python 3 string literal that evaluates to exactly `value`. */
export function pyString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const simple = SIMPLE_ESCAPES[ch];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const cp = ch.codePointAt(0) as number;
    // A lone surrogate iterates as one code unit; Python accepts it as \udXXX as well.
    const lone = ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
    if (lone || NON_PRINTABLE.test(ch)) {
      out +=
        cp <= 0xff
          ? `\\x${cp.toString(16).padStart(2, '0')}`
          : cp <= 0xffff
            ? `\\u${cp.toString(16).padStart(4, '0')}`
            : `\\U${cp.toString(16).padStart(8, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** `{"a": "1"}` for one entry, one entry a line (at `indent`) otherwise. */
function dictLiteral(entries: [string, string][], indent: string): string {
  if (entries.length === 1) {
    const [k, v] = entries[0] as [string, string];
    return `{${k}: ${v}}`;
  }
  return `{\n${entries.map(([k, v]) => `${indent}    ${k}: ${v},`).join('\n')}\n${indent}}`;
}

export function python(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string {
  const p = ctx.product;
  const waits = req.task !== 'none';
  const std = [...(req.auth === 'ticket' ? ['import os'] : []), ...(waits ? ['import time'] : [])];
  const lines = [...std, ...(std.length > 0 ? [''] : []), 'import requests', ''];
  const kwargs: string[] = [pyString(req.url)];

  let authKwargs: string[] = [];
  if (req.auth === 'token') {
    authKwargs = [`headers={${pyString('Authorization')}: ${pyString(p.tokenHeaderExample)}}`];
  } else if (req.auth === 'ticket') {
    const csrf = req.method !== 'GET';
    lines.push(
      '# Log in: the answer carries the ticket and the CSRF token (requests URL-encodes the password).',
      'login = requests.post(',
      `    ${pyString(`${baseUrl(ctx)}/access/ticket`)},`,
      '    data={"username": "root@pam", "password": os.environ["PASSWORD"]},',
      '    verify=False,',
      ')',
      'login.raise_for_status()',
      'ticket = login.json()["data"]["ticket"]',
    );
    if (csrf) lines.push('csrf = login.json()["data"]["CSRFPreventionToken"]');
    authKwargs = [`cookies={${pyString(p.cookieName)}: ticket}`];
    if (csrf) kwargs.push(`headers={${pyString(p.csrfHeader)}: csrf}`);
  }
  kwargs.push(...authKwargs);
  const fields = req.args.filter((a) => a.name !== req.fileArg);
  if (fields.length > 0) {
    const entries = fields.map((a): [string, string] => [pyString(a.name), pyString(a.value)]);
    // params= goes into the query string, data= into a form-encoded body (multipart with files=).
    kwargs.push(`${req.argsIn === 'query' ? 'params' : 'data'}=${dictLiteral(entries, '    ')}`);
  }
  const file = req.fileArg === null ? undefined : req.args.find((a) => a.name === req.fileArg);
  if (file) kwargs.push(`files={${pyString(file.name)}: open(${pyString(file.value)}, "rb")}`);
  if (req.download !== null) kwargs.push('stream=True');
  kwargs.push('verify=False');

  const ca = p.caCertPath ? ` (a copy of ${p.caCertPath})` : '';
  lines.push(
    '# verify=False accepts the self-signed certificate of a default installation;',
    `# pass verify="ca.pem"${ca} to check it instead.`,
    `res = requests.${req.method.toLowerCase()}(`,
    ...kwargs.map((k) => `    ${k},`),
    ')',
    'res.raise_for_status()',
  );
  if (req.download !== null) {
    lines.push(
      `# The call may answer with a file: save the body to ${req.download}.`,
      `with open(${pyString(req.download)}, "wb") as out:`,
      '    for chunk in res.iter_content(chunk_size=65536):',
      '        out.write(chunk)',
    );
    return lines.join('\n');
  }
  lines.push('data = res.json()["data"]');
  if (!waits) {
    lines.push('print(data)');
    return lines.join('\n');
  }
  lines.push(
    '# The call returns at once with a task id (UPID); wait until the task has stopped.',
    'if isinstance(data, str) and data.startswith("UPID:"):',
    '    node = data.split(":")[1]',
    '    while True:',
    '        time.sleep(2)',
    '        task = requests.get(',
    `            ${pyString(`${baseUrl(ctx)}/nodes/`)} + requests.utils.quote(node, safe="") + "/tasks/" + requests.utils.quote(data, safe="") + "/status",`,
    ...authKwargs.map((k) => `            ${k},`),
    '            verify=False,',
    '        ).json()["data"]',
    '        if task["status"] == "stopped":',
    '            break',
    '    print(task["exitstatus"])  # "OK", or the error',
    'else:',
    '    print(data)',
  );
  return lines.join('\n');
}
