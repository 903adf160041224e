/**
 * Whether the schema's server has API tokens at all, and the one sentence every output says when it
 * does not (the Authentication guide, the OpenAPI description, llms.txt). Decided from the schema
 * (model.apiTokens, set by normalize), never from a version number.
 */
import type { ApiModel } from '../model/types.js';

export function apiTokensAvailable(model: Pick<ApiModel, 'apiTokens'>): boolean {
  return model.apiTokens !== false;
}

/** "API tokens are not available ...": plain text; each format escapes it. */
export function noTokensSentence(model: Pick<ApiModel, 'product' | 'productName' | 'version'>): string {
  const which = model.version ? `${model.productName} ${model.version}` : 'this version';
  const since = model.product === 'pve' ? ' (Proxmox VE added API tokens in 6.2)' : '';
  return (
    `API tokens are not available in ${which}: no method of this schema declares allowtoken, which every method of a schema ` +
    `from a server with API tokens carries${since}. Log in with a ticket.`
  );
}
