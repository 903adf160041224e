/**
 * The API shell command of an operation (`pvesh create /nodes/{node}/qemu`), decided once for the
 * pages, the Markdown export, OpenAPI and the pvesh examples: the verb follows the HTTP method.
 */
import type { ProductInfo } from '../model/product.js';
import type { HttpMethod, Operation } from '../model/types.js';

export const CLI_VERBS: Readonly<Record<HttpMethod, string>> = { GET: 'get', POST: 'create', PUT: 'set', DELETE: 'delete' };

/** `pvesh get /nodes/{node}`, or null for a product without an API shell (PBS). */
export function cliCommand(op: Operation, product: ProductInfo): string | null {
  return product.cli === null ? null : `${product.cli} ${CLI_VERBS[op.method]} ${op.path}`;
}
