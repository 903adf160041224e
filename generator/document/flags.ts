/** An operation's flags (protected, proxied, no tokens, download, secrets) in words, once for every output. */
import type { Operation } from '../model/types.js';
import { code, phrase, type Phrase } from './phrase.js';

export type FlagId = 'protected' | 'proxyto' | 'no-token' | 'download' | 'credentials';

export interface FlagDoc {
  id: FlagId;
  label: Phrase;
  text: Phrase;
}

export function operationFlags(op: Operation): FlagDoc[] {
  const out: FlagDoc[] = [];
  if (op.flags.protected)
    out.push({ id: 'protected', label: phrase('protected'), text: phrase('Runs in the privileged daemon (pvedaemon) on the node.') });
  if (op.flags.proxyto) {
    out.push({
      id: 'proxyto',
      label: phrase('proxied to ', code(`{${op.flags.proxyto}}`)),
      text: phrase('The request is forwarded to the cluster node named by parameter ', code(op.flags.proxyto), '.'),
    });
  }
  if (!op.flags.allowToken)
    out.push({ id: 'no-token', label: phrase('no API tokens'), text: phrase('API tokens cannot call this; log in with a ticket.') });
  if (op.flags.downloadAllowed)
    out.push({ id: 'download', label: phrase('download'), text: phrase('The response may be a file download instead of JSON.') });
  if (op.flags.exposeCredentials)
    out.push({
      id: 'credentials',
      label: phrase('returns secrets'),
      text: phrase('The response contains credentials: keep it out of logs.'),
    });
  return out;
}
