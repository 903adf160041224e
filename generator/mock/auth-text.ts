/**
 * The daemons' own words for a failed authentication, which clients match on: proxmox-api logs in
 * again when it reads pveproxy's "permission denied - invalid PVE ticket". pveproxy and pmgproxy
 * share the Perl server (PVE::APIServer), which names the product in it; proxmox-backup-proxy is
 * proxmox-rest-server, which says "authentication failed - ..." for a bad ticket and answers a request
 * without any credentials "no authentication credentials provided.".
 */
import type { Product } from '../model/types.js';

export interface AuthText {
  noTicket: string;
  invalidTicket: string;
}

export const AUTH_TEXT: Record<Product, AuthText> = {
  pve: { noTicket: 'No ticket', invalidTicket: 'permission denied - invalid PVE ticket' },
  pmg: { noTicket: 'No ticket', invalidTicket: 'permission denied - invalid PMG ticket' },
  pbs: { noTicket: 'no authentication credentials provided.', invalidTicket: 'authentication failed - invalid ticket' },
};
