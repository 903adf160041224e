/**
 * Copy-ready call examples for one operation, one generator per language. Output is plain text;
 * the HTML template escapes it. Two variants: minimal (required parameters only) and, for the
 * operations generator/document/examples/typical.ts lists, typical (plus the optional ones users usually set).
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
import { authMode, exampleRequest, typicalRequest, type ExampleContext, type ExampleRequest, type ExampleVariant } from './request.js';

/** Every example's id: its figure's id on the page follows from it (render/section-ids.ts). */
export const EXAMPLE_IDS = ['curl', 'curl-token', 'curl-ticket', 'pvesh', 'javascript', 'python'] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

export interface CodeExample {
  id: ExampleId;
  /** Tab label, e.g. "curl (API token)". */
  label: string;
  /** Highlighting language: "bash", "javascript" or "python". */
  language: string;
  code: string;
}

/**
 * The HTML page and the Markdown export show the same examples: built once per operation, variant
 * and context (operations are immutable once normalized). Callers must not modify the result.
 */
const built: Record<ExampleVariant, WeakMap<Operation, Built>> = { minimal: new WeakMap(), typical: new WeakMap() };

interface Built {
  product: ExampleContext['product'];
  host: string;
  formats: ExampleContext['formats'];
  examples: CodeExample[] | null;
}

/** The examples with the required parameters only. */
export function buildExamples(op: Operation, ctx: ExampleContext): CodeExample[] {
  return cached(op, ctx, 'minimal') as CodeExample[];
}

/** The examples of the typical request (see typicalRequest); null when the operation has none. */
export function buildTypicalExamples(op: Operation, ctx: ExampleContext): CodeExample[] | null {
  return cached(op, ctx, 'typical');
}

function cached(op: Operation, ctx: ExampleContext, variant: ExampleVariant): CodeExample[] | null {
  const cache = built[variant];
  const hit = cache.get(op);
  if (hit && hit.product === ctx.product && hit.host === ctx.host && hit.formats === ctx.formats) return hit.examples;
  const req = variant === 'minimal' ? exampleRequest(op, ctx) : typicalRequest(op, ctx);
  const examples = req === null ? null : computeExamples(op, ctx, req);
  cache.set(op, { product: ctx.product, host: ctx.host, formats: ctx.formats, examples });
  return examples;
}

function computeExamples(op: Operation, ctx: ExampleContext, req: ExampleRequest): CodeExample[] {
  const out: CodeExample[] = [];
  if (authMode(op) === 'none') {
    out.push({ id: 'curl', label: 'curl', language: 'bash', code: curlNoAuth(op, ctx, req) });
  } else {
    const token = curlWithToken(op, ctx, req);
    if (token !== null) out.push({ id: 'curl-token', label: 'curl (API token)', language: 'bash', code: token });
    out.push({ id: 'curl-ticket', label: 'curl (ticket)', language: 'bash', code: curlWithTicket(op, ctx, req) });
  }
  const cli = pvesh(op, ctx, req);
  if (cli !== null) out.push({ id: 'pvesh', label: ctx.product.cli ?? 'pvesh', language: 'bash', code: cli });
  out.push({ id: 'javascript', label: 'JavaScript', language: 'javascript', code: javascript(op, ctx, req) });
  out.push({ id: 'python', label: 'Python', language: 'python', code: python(op, ctx, req) });
  return out;
}
