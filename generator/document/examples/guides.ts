/**
 * The code shown on the guide pages (Authentication, Tasks, Errors), generated from the product's
 * facts with the same helpers as the per-operation examples, so the guides and the operations can
 * never show two different login or wait loops. Plain text; the templates escape it.
 */
import type { ProductInfo } from '../../model/product.js';
import { shellQuote, ticketLogin, waitForTask } from './curl.js';
import { baseUrl, type ExampleContext } from './request.js';

export interface GuideExamples {
  /** curl + jq: log in and keep ticket and CSRF token. */
  loginCurl: string;
  /** curl + jq: renew a ticket (the current ticket as the password). */
  renewCurl: string;
  /** A call with the ticket and CSRF token. */
  ticketCallCurl: string;
  /** Wait for a task in shell, JavaScript and Python. */
  waitCurl: string;
  waitJavaScript: string;
  waitPython: string;
  /** An example task id and the status answer. */
  exampleUpid: string;
  /** Reading an error in each language. */
  errorCurl: string;
  errorJavaScript: string;
  errorPython: string;
}

/**
 * `tokens` false: the schema predates API tokens (document/tokens.ts), so the snippets send the
 * ticket cookie and CSRF header (from the login shown on the Authentication guide) instead.
 */
export function guideExamples(product: ProductInfo, tokens = true): GuideExamples {
  const ctx: ExampleContext = { product, host: product.exampleHost };
  const base = baseUrl(ctx);
  const token = tokens
    ? `-H ${shellQuote(`Authorization: ${product.tokenHeaderExample}`)}`
    : `-b "${product.cookieName}=$TICKET" -H "${product.csrfHeader}: $CSRF"`;
  // JavaScript and Python: the ticket and CSRF token from the environment (TICKET, CSRF).
  const jsHeaders = tokens
    ? `const headers = { Authorization: ${JSON.stringify(product.tokenHeaderExample)} };`
    : `const headers = { Cookie: ${JSON.stringify(`${product.cookieName}=`)} + process.env.TICKET, ${product.csrfHeader}: process.env.CSRF };`;
  const pyHeaders = tokens
    ? [`HEADERS = {"Authorization": ${JSON.stringify(product.tokenHeaderExample)}}`]
    : [
        `HEADERS = {"Cookie": ${JSON.stringify(`${product.cookieName}=`)} + os.environ["TICKET"], ${JSON.stringify(product.csrfHeader)}: os.environ["CSRF"]}`,
      ];
  const pyOs = tokens ? [] : ['import os'];
  const upid =
    product.id === 'pbs'
      ? 'UPID:pbs1:0000A1B2:0001C3D4:00000001:66000000:garbage_collection:store1:root@pam:'
      : `UPID:${product.id}1:0000A1B2:0001C3D4:66000000:${product.id === 'pve' ? 'qmstart:100' : 'srvrestart:postfix'}:root@pam:`;
  const startPath =
    product.id === 'pve'
      ? '/nodes/pve1/qemu/100/status/start'
      : product.id === 'pmg'
        ? '/nodes/pmg1/services/postfix/restart'
        : '/admin/datastore/store1/gc';
  return {
    loginCurl: ticketLogin(ctx, true).join('\n'),
    renewCurl: [
      '# Renew before the 2 hours are up: post the current ticket as the password.',
      `LOGIN=$(curl -k -s --data-urlencode 'username=root@pam' --data-urlencode "password=$TICKET" \\`,
      `  ${shellQuote(`${base}/access/ticket`)})`,
      `TICKET=$(printf '%s' "$LOGIN" | jq -r '.data.ticket')`,
      `CSRF=$(printf '%s' "$LOGIN" | jq -r '.data.CSRFPreventionToken')`,
    ].join('\n'),
    ticketCallCurl: [
      `curl -k -X POST ${shellQuote(`${base}${startPath}`)} \\`,
      `  -b "${product.cookieName}=$TICKET" \\`,
      `  -H "${product.csrfHeader}: $CSRF"`,
    ].join('\n'),
    waitCurl: [
      `UPID=$(curl -k -s -X POST ${shellQuote(`${base}${startPath}`)} \\`,
      `  ${token} | jq -r '.data')`,
      ...waitForTask(ctx, [token]),
    ].join('\n'),
    waitJavaScript: [
      '// Node.js 18+; `upid` is the data of the call that started the task.',
      jsHeaders,
      'async function waitForTask(upid) {',
      '  const node = upid.split(":")[1];',
      '  for (;;) {',
      `    const res = await fetch(${JSON.stringify(`${base}/nodes/`)} + encodeURIComponent(node) + "/tasks/" + encodeURIComponent(upid) + "/status", { headers });`,
      '    const { data: task } = await res.json();',
      '    if (task.status === "stopped") return task.exitstatus; // "OK", or the error',
      '    await new Promise((resolve) => setTimeout(resolve, 2000));',
      '  }',
      '}',
    ].join('\n'),
    waitPython: [
      ...pyOs,
      'import time',
      '',
      'import requests',
      '',
      ...pyHeaders,
      '',
      '',
      'def wait_for_task(upid):',
      '    node = upid.split(":")[1]',
      '    while True:',
      '        task = requests.get(',
      `            ${JSON.stringify(`${base}/nodes/`)} + requests.utils.quote(node, safe="") + "/tasks/" + requests.utils.quote(upid, safe="") + "/status",`,
      '            headers=HEADERS,',
      '            verify=False,',
      '        ).json()["data"]',
      '        if task["status"] == "stopped":',
      '            return task["exitstatus"]  # "OK", or the error',
      '        time.sleep(2)',
    ].join('\n'),
    exampleUpid: upid,
    errorCurl: [
      '# -i prints the status line: the reason phrase carries the message; the body the details.',
      `curl -k -s -i -X POST ${shellQuote(`${base}${startPath}`)} \\`,
      `  ${token}`,
    ].join('\n'),
    errorJavaScript: [
      jsHeaders,
      `const res = await fetch(${JSON.stringify(`${base}${startPath}`)}, { method: "POST", headers });`,
      'if (!res.ok) {',
      '  const body = await res.json().catch(() => ({}));',
      '  // statusText: the message; body.errors: one message per parameter (400 only).',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: generated JavaScript source with its own template literal
      '  throw new Error(`${res.status} ${res.statusText} ${JSON.stringify(body.errors ?? {})}`);',
      '}',
    ].join('\n'),
    errorPython: [
      ...(tokens ? [] : [...pyOs, '']),
      'import requests',
      '',
      ...pyHeaders,
      `res = requests.post(${JSON.stringify(`${base}${startPath}`)}, headers=HEADERS, verify=False)`,
      'if not res.ok:',
      '    # res.reason: the message; "errors": one message per parameter (400 only).',
      '    errors = res.json().get("errors") if res.content else None',
      '    raise RuntimeError(f"{res.status_code} {res.reason} {errors}")',
    ].join('\n'),
  };
}
