/** An operation's flags (protected, proxied, no tokens, download, secrets) in words, once for every output. */
import { PRODUCTS } from '../model/product.js';
import type { ApiModel, Operation } from '../model/types.js';
import { code, phrase, type Phrase } from './phrase.js';
import { apiTokensAvailable } from './tokens.js';

export type FlagId = 'protected' | 'proxyto' | 'no-token' | 'download' | 'upload' | 'unstable' | 'credentials';

export interface FlagDoc {
  id: FlagId;
  label: Phrase;
  text: Phrase;
}

export function operationFlags(op: Operation, model: ApiModel): FlagDoc[] {
  const out: FlagDoc[] = [];
  const daemon = PRODUCTS[model.product].privilegedDaemon;
  if (op.flags.unstable)
    out.push({ id: 'unstable', label: phrase('unstable'), text: phrase('Marked unstable in the schema: its interface may still change.') });
  if (op.flags.protected)
    out.push({
      id: 'protected',
      label: phrase('protected'),
      text: phrase('Runs in the privileged daemon (', code(daemon), ') on the node.'),
    });
  if (op.flags.proxyMaster) {
    out.push({
      id: 'proxyto',
      label: phrase('proxied to the master'),
      text: phrase("The request is forwarded to the cluster's master node (", code('proxyto: master'), ').'),
    });
  } else if (op.flags.proxyto) {
    out.push({
      id: 'proxyto',
      label: phrase('proxied to ', code(`{${op.flags.proxyto}}`)),
      text: phrase('The request is forwarded to the cluster node named by parameter ', code(op.flags.proxyto), '.'),
    });
  }
  // A schema that predates tokens says so once (document/tokens.ts), not as a flag on every page.
  if (!op.flags.allowToken && apiTokensAvailable(model))
    out.push({ id: 'no-token', label: phrase('no API tokens'), text: phrase('API tokens cannot call this; log in with a ticket.') });
  if (op.flags.download)
    out.push({ id: 'download', label: phrase('download'), text: phrase('The response is a file or raw data, not JSON.') });
  else if (op.flags.downloadAllowed)
    out.push({ id: 'download', label: phrase('download'), text: phrase('The response may be a file download instead of JSON.') });
  if (op.flags.upload)
    out.push({
      id: 'upload',
      label: phrase('upload'),
      text: phrase('The request body is raw data (a file or stream), not form or JSON parameters.'),
    });
  if (op.flags.exposeCredentials)
    out.push({
      id: 'credentials',
      label: phrase('returns secrets'),
      text: phrase('The response contains credentials: keep it out of logs.'),
    });
  return out;
}
