/**
 * Copy-ready call examples for one operation, one generator per language. Output is plain text;
 * the HTML template escapes it. Examples show the required parameters only (the page says so).
 *
 * Which examples an operation gets depends on how it authenticates:
 * - anyone may call it (`user: world`): one `curl` without credentials;
 * - API tokens rejected (`allowtoken: 0`): only the ticket curl, and JS/Python use the ticket cookie;
 * - otherwise: curl with a token and with a ticket, JS/Python with the token.
 * The node shell (pvesh/pmgsh) is added when the product has one.
 */
import type { Operation } from '../../model/types.js';
import { curlNoAuth, curlWithTicket, curlWithToken } from './curl.js';
import { javascript } from './javascript.js';
import { pvesh } from './pvesh.js';
import { python } from './python.js';
import { authMode, type ExampleContext } from './request.js';

export type { ExampleContext } from './request.js';

export type ExampleId = 'curl' | 'curl-token' | 'curl-ticket' | 'pvesh' | 'javascript' | 'python';

export interface CodeExample {
  id: ExampleId;
  /** Tab label, e.g. "curl (API token)". */
  label: string;
  /** Highlighting language: "bash", "javascript" or "python". */
  language: string;
  code: string;
}

/**
 * The HTML page and the Markdown export show the same examples: built once per operation and
 * context (operations are immutable once normalized). Callers must not modify the result.
 */
const built = new WeakMap<
  Operation,
  { product: ExampleContext['product']; host: string; formats: ExampleContext['formats']; examples: CodeExample[] }
>();

export function buildExamples(op: Operation, ctx: ExampleContext): CodeExample[] {
  const cached = built.get(op);
  if (cached && cached.product === ctx.product && cached.host === ctx.host && cached.formats === ctx.formats) return cached.examples;
  const examples = computeExamples(op, ctx);
  built.set(op, { product: ctx.product, host: ctx.host, formats: ctx.formats, examples });
  return examples;
}

function computeExamples(op: Operation, ctx: ExampleContext): CodeExample[] {
  const out: CodeExample[] = [];
  if (authMode(op) === 'none') {
    out.push({ id: 'curl', label: 'curl', language: 'bash', code: curlNoAuth(op, ctx) });
  } else {
    const token = curlWithToken(op, ctx);
    if (token !== null) out.push({ id: 'curl-token', label: 'curl (API token)', language: 'bash', code: token });
    out.push({ id: 'curl-ticket', label: 'curl (ticket)', language: 'bash', code: curlWithTicket(op, ctx) });
  }
  const cli = pvesh(op, ctx);
  if (cli !== null) out.push({ id: 'pvesh', label: ctx.product.cli ?? 'pvesh', language: 'bash', code: cli });
  out.push({ id: 'javascript', label: 'JavaScript', language: 'javascript', code: javascript(op, ctx) });
  out.push({ id: 'python', label: 'Python', language: 'python', code: python(op, ctx) });
  return out;
}
