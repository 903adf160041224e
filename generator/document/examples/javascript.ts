/**
 * A `fetch` example for Node.js 18+ (built-in fetch; top-level await in an ES module). Every schema-
 * derived string is embedded with JSON.stringify, which yields a valid JS string literal for any input.
 * Ticket auth logs in first (password from the PASSWORD environment variable); an upload sends
 * FormData with the file; a download writes the body to a file; a task is waited for.
 */
import type { Operation } from '../../model/types.js';
import { baseUrl, exampleRequest, type ExampleContext, type ExampleRequest } from './request.js';

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

export function javascript(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string {
  const p = ctx.product;
  const lines: string[] = [];
  lines.push(
    '// Node.js 18+ (built-in fetch; top-level await needs an ES module, e.g. example.mjs).',
    '// The default certificate is self-signed: trust it with NODE_EXTRA_CA_CERTS=ca.pem node example.mjs',
  );
  if (p.caCertPath) lines.push(`// (ca.pem: a copy of ${p.caCertPath}).`);
  const imports: string[] = [];
  if (req.fileArg !== null) imports.push('readFile');
  if (req.download !== null) imports.push('writeFile');
  if (imports.length > 0) lines.push(`const { ${imports.join(', ')} } = await import("node:fs/promises");`);

  const headers: [string, string][] = [];
  const waits = req.task !== 'none';
  if (req.auth === 'token') {
    headers.push(['Authorization', JSON.stringify(p.tokenHeaderExample)]);
  } else if (req.auth === 'ticket') {
    const csrf = req.method !== 'GET';
    lines.push(
      '// Log in: the answer carries the ticket and the CSRF token (URLSearchParams encodes the password).',
      `const login = await fetch(${JSON.stringify(`${baseUrl(ctx)}/access/ticket`)}, {`,
      '  method: "POST",',
      '  body: new URLSearchParams({ username: "root@pam", password: process.env.PASSWORD }),',
      '});',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: generated JavaScript source with its own template literal
      'if (!login.ok) throw new Error(`login: ${login.status} ${login.statusText}`);',
      `const { data: { ticket${csrf ? ', CSRFPreventionToken: csrf' : ''} } } = await login.json();`,
    );
    headers.push(['Cookie', `${JSON.stringify(`${p.cookieName}=`)} + encodeURIComponent(ticket)`]);
    if (csrf) headers.push([jsKey(p.csrfHeader), 'csrf']);
  }

  const params = req.args.map((a): [string, string] => [jsKey(a.name), JSON.stringify(a.value)]);
  let url = JSON.stringify(req.url);
  const init: [string, string][] = [];
  if (req.method !== 'GET') init.push(['method', JSON.stringify(req.method)]);
  // The headers are reused by the task-status requests, so they get their own constant then.
  if (headers.length > 0 && waits) {
    lines.push(`const headers = ${objectLiteral(headers, '')};`);
    init.push(['headers', 'headers']);
  } else if (headers.length > 0) init.push(['headers', objectLiteral(headers, '  ')]);
  if (req.fileArg !== null) {
    // multipart/form-data: fetch sets the Content-Type with its boundary itself.
    lines.push('const body = new FormData();');
    for (const a of req.args) {
      if (a.name === req.fileArg) {
        lines.push(
          `body.append(${JSON.stringify(a.name)}, new Blob([await readFile(${JSON.stringify(a.value)})]), ${JSON.stringify(a.value)});`,
        );
      } else lines.push(`body.append(${JSON.stringify(a.name)}, ${JSON.stringify(a.value)});`);
    }
    init.push(['body', 'body']);
  } else if (params.length > 0) {
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
  );
  if (req.download !== null) {
    lines.push(
      `// The call may answer with a file: save the body to ${req.download}.`,
      `await writeFile(${JSON.stringify(req.download)}, Buffer.from(await res.arrayBuffer()));`,
    );
    return lines.join('\n');
  }
  lines.push('const { data } = await res.json();');
  if (!waits) {
    lines.push('console.log(data);');
    return lines.join('\n');
  }
  const statusInit = headers.length > 0 ? ', { headers }' : '';
  lines.push(
    '// The call returns at once with a task id (UPID); wait until the task has stopped.',
    'if (typeof data === "string" && data.startsWith("UPID:")) {',
    '  const node = data.split(":")[1];',
    '  let task;',
    '  do {',
    '    await new Promise((resolve) => setTimeout(resolve, 2000));',
    `    const status = await fetch(${JSON.stringify(`${baseUrl(ctx)}/nodes/`)} + encodeURIComponent(node) + "/tasks/" + encodeURIComponent(data) + "/status"${statusInit});`,
    '    ({ data: task } = await status.json());',
    '  } while (task.status !== "stopped");',
    '  console.log(task.exitstatus); // "OK", or the error',
    '} else {',
    '  console.log(data);',
    '}',
  );
  return lines.join('\n');
}
