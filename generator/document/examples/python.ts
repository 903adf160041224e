/**
 * A `requests` example. Schema-derived strings become Python string literals through `pyString`,
 * which escapes like repr(): backslash, quote and every non-printable character.
 */
import type { Operation } from '../../model/types.js';
import { exampleRequest, type ExampleContext } from './request.js';

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

export function python(op: Operation, ctx: ExampleContext): string {
  const req = exampleRequest(op, ctx);
  const p = ctx.product;
  const lines = ['import requests', ''];
  const kwargs: string[] = [pyString(req.url)];

  if (req.auth === 'token') {
    kwargs.push(`headers={${pyString('Authorization')}: ${pyString(p.tokenHeaderExample)}}`);
  } else if (req.auth === 'ticket') {
    const csrf = req.method !== 'GET';
    lines.push(`# ticket${csrf ? ' and csrf' : ''}: from the response of POST ${p.apiBase}/access/ticket`, 'ticket = "<ticket>"');
    if (csrf) lines.push('csrf = "<CSRFPreventionToken>"');
    kwargs.push(`cookies={${pyString(p.cookieName)}: ticket}`);
    if (csrf) kwargs.push(`headers={${pyString(p.csrfHeader)}: csrf}`);
  }
  if (req.args.length > 0) {
    const entries = req.args.map((a): [string, string] => [pyString(a.name), pyString(a.value)]);
    // params= goes into the query string, data= into a form-encoded body.
    kwargs.push(`${req.argsIn === 'query' ? 'params' : 'data'}=${dictLiteral(entries, '    ')}`);
  }
  kwargs.push('verify=False');

  const ca = p.caCertPath ? ` (a copy of ${p.caCertPath})` : '';
  lines.push(
    '# verify=False accepts the self-signed certificate of a default installation;',
    `# pass verify="ca.pem"${ca} to check it instead.`,
    `res = requests.${req.method.toLowerCase()}(`,
    ...kwargs.map((k) => `    ${k},`),
    ')',
    'res.raise_for_status()',
    'data = res.json()["data"]',
    'print(data)',
  );
  return lines.join('\n');
}
