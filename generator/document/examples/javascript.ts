/**
 * A `fetch` example for Node.js 18+ (built-in fetch; top-level await in an ES module). Every schema-
 * derived string is embedded with JSON.stringify, which yields a valid JS string literal for any input.
 */
import type { Operation } from '../../model/types.js';
import { exampleRequest, type ExampleContext } from './request.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object-literal key: bare when it is an identifier; `["__proto__"]` so it stays an own property. */
function jsKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** `{ a: 1 }` for one entry, one entry a line otherwise; `key: key` is written as the shorthand `key`. */
function objectLiteral(entries: [string, string][], indent: string): string {
  const entry = ([k, v]: [string, string]): string => (k === v && IDENTIFIER.test(k) ? k : `${k}: ${v}`);
  if (entries.length === 0) return '{}';
  if (entries.length === 1) return `{ ${entry(entries[0] as [string, string])} }`;
  return `{\n${entries.map((e) => `${indent}  ${entry(e)},`).join('\n')}\n${indent}}`;
}

export function javascript(op: Operation, ctx: ExampleContext): string {
  const req = exampleRequest(op, ctx);
  const p = ctx.product;
  const lines: string[] = [];
  lines.push(
    '// Node.js 18+ (built-in fetch; top-level await needs an ES module, e.g. example.mjs).',
    '// The default certificate is self-signed: trust it with NODE_EXTRA_CA_CERTS=ca.pem node example.mjs',
  );
  if (p.caCertPath) lines.push(`// (ca.pem: a copy of ${p.caCertPath}).`);

  const headers: [string, string][] = [];
  if (req.auth === 'token') {
    headers.push(['Authorization', JSON.stringify(p.tokenHeaderExample)]);
  } else if (req.auth === 'ticket') {
    const csrf = req.method !== 'GET';
    lines.push(`// ticket${csrf ? ' and csrf' : ''}: from the response of POST ${p.apiBase}/access/ticket`, 'const ticket = "<ticket>";');
    if (csrf) lines.push('const csrf = "<CSRFPreventionToken>";');
    headers.push(['Cookie', `${JSON.stringify(`${p.cookieName}=`)} + encodeURIComponent(ticket)`]);
    if (csrf) headers.push([jsKey(p.csrfHeader), 'csrf']);
  }

  const params = req.args.map((a): [string, string] => [jsKey(a.name), JSON.stringify(a.value)]);
  let url = JSON.stringify(req.url);
  const init: [string, string][] = [];
  if (req.method !== 'GET') init.push(['method', JSON.stringify(req.method)]);
  if (headers.length > 0) init.push(['headers', objectLiteral(headers, '  ')]);
  if (params.length > 0) {
    if (req.argsIn === 'query') {
      lines.push(`const query = new URLSearchParams(${objectLiteral(params, '')});`);
      url = `${JSON.stringify(`${req.url}?`)} + query`;
    } else {
      // A URLSearchParams body is sent as application/x-www-form-urlencoded.
      lines.push(`const body = new URLSearchParams(${objectLiteral(params, '')});`);
      init.push(['body', 'body']);
    }
  }
  // The init object is always spread over lines (it holds the auth header), its headers inline when single.
  const initText = init.length > 0 ? `, {\n${init.map(([k, v]) => `  ${k === v ? k : `${k}: ${v}`},`).join('\n')}\n}` : '';
  lines.push(
    `const res = await fetch(${url}${initText});`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is generated JavaScript source with its own template literal
    'if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);',
    'const { data } = await res.json();',
    'console.log(data);',
  );
  return lines.join('\n');
}
