/**
 * Facts about each Proxmox product that examples and guides need: ports, auth cookie and token
 * header shapes, the root shell on a node. Plain data, shared by renderers; nothing here reads a schema
 * except the detection at the end, which reads the product from the API's path list.
 */
import { InputError } from '../errors.js';
import type { Product } from './types.js';

export interface ProductInfo {
  id: Product;
  /** Display name, e.g. "Proxmox VE". */
  name: string;
  /** HTTPS port of the API daemon (pveproxy / pmgproxy: 8006, proxmox-backup-proxy: 8007). */
  port: number;
  apiBase: '/api2/json';
  /** Example host name used in generated examples. */
  exampleHost: string;
  /** Cookie that carries the ticket from POST /access/ticket. */
  cookieName: string;
  /** Header sent with every non-GET request under ticket auth. */
  csrfHeader: 'CSRFPreventionToken';
  /** Authorization scheme word of an API token, e.g. "PVEAPIToken". */
  tokenPrefix: string;
  /** Separator between token id and secret: "=" for PVE/PMG, ":" for PBS. */
  tokenSecretSeparator: '=' | ':';
  /** The documented shape of the Authorization value, e.g. "PVEAPIToken=USER@REALM!TOKENID=SECRET". */
  tokenHeaderFormat: string;
  /** A concrete, obviously fake Authorization value for copy-ready examples. */
  tokenHeaderExample: string;
  /** Root shell on a node that calls the API in-process (get/create/set/delete); null when there is none. */
  cli: string | null;
  /**
   * Where the node's self-signed CA certificate lives, for "trust this instead of -k" hints; null when
   * the product keeps it in a file that also holds the private key (PMG) and must not be handed out.
   */
  caCertPath: string | null;
  /**
   * The privileged daemon that executes `protected` methods (the proxy forwards them to it):
   * pvedaemon, pmgdaemon, proxmox-backup-api.
   */
  privilegedDaemon: string;
  /**
   * When there is no API shell (`cli` null): what to use on the server instead. Not from the
   * schema (it names no tools): Proxmox's documentation of the product.
   */
  cliNote: string | null;
  /**
   * Whether the product's schema dump lists `allowtoken` on every method once its server has API
   * tokens (the Perl RESTHandler dump writes the key, default 1, since PVE 6.2). Then a dump with
   * `allowtoken` on no method predates API tokens. PBS's Rust schema has no such key at all.
   */
  allowTokenInDump: boolean;
}

/** Obviously fake token: user root@pam, token id "monitoring", a UUID-shaped secret. */
const EXAMPLE_TOKEN_ID = 'root@pam!monitoring';
const EXAMPLE_TOKEN_SECRET = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function info(
  id: Product,
  name: string,
  port: number,
  short: 'PVE' | 'PMG' | 'PBS',
  separator: '=' | ':',
  cli: string | null,
  caCertPath: string | null,
  privilegedDaemon: string,
): ProductInfo {
  const tokenPrefix = `${short}APIToken`;
  return {
    id,
    name,
    port,
    apiBase: '/api2/json',
    exampleHost: `${id}.example.com`,
    cookieName: `${short}AuthCookie`,
    csrfHeader: 'CSRFPreventionToken',
    tokenPrefix,
    tokenSecretSeparator: separator,
    tokenHeaderFormat: `${tokenPrefix}=USER@REALM!TOKENID${separator}SECRET`,
    tokenHeaderExample: `${tokenPrefix}=${EXAMPLE_TOKEN_ID}${separator}${EXAMPLE_TOKEN_SECRET}`,
    cli,
    caCertPath,
    privilegedDaemon,
    cliNote: null,
    allowTokenInDump: true,
  };
}

export const PRODUCTS: Record<Product, ProductInfo> = {
  pve: info('pve', 'Proxmox VE', 8006, 'PVE', '=', 'pvesh', '/etc/pve/pve-root-ca.pem', 'pvedaemon'),
  // PMG's API shell pmgsh takes the same verbs as pvesh. /etc/pmg/pmg-api.pem holds the key too: no hint.
  pmg: info('pmg', 'Proxmox Mail Gateway', 8006, 'PMG', '=', 'pmgsh', null, 'pmgdaemon'),
  // PBS separates token id and secret with a colon. It has no generic API shell like pvesh
  // (proxmox-backup-manager has its own command tree), so no CLI example is generated.
  pbs: {
    ...info('pbs', 'Proxmox Backup Server', 8007, 'PBS', ':', null, '/etc/proxmox-backup/proxy.pem', 'proxmox-backup-api'),
    allowTokenInDump: false,
    cliNote:
      'Proxmox Backup Server has no generic API shell like pvesh. On the server, proxmox-backup-manager administers it (datastores, users, remotes, jobs) and proxmox-backup-client makes, lists and restores backups; each has its own commands, which cover parts of this API. For any call, use HTTPS as shown in the examples.',
  },
};

/** The paths that prove a product (see detectProduct), each a test on one normalized path. */
const HALLMARKS: { product: Product; test: (path: string) => boolean }[] = [
  { product: 'pve', test: (p) => /^\/nodes\/[^/]+\/(qemu|lxc)(\/|$)/.test(p) },
  { product: 'pve', test: under('/cluster/ha') },
  { product: 'pbs', test: under('/admin/datastore') },
  { product: 'pbs', test: under('/config/datastore') },
  { product: 'pmg', test: under('/quarantine') },
  { product: 'pmg', test: under('/statistics/mail') },
  { product: 'pmg', test: under('/config/ruledb') },
];

function under(prefix: string): (path: string) => boolean {
  return (path) => path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * What the path list says about the product: each product with a hallmark path, and the first such
 * path as evidence (paths as in the schema; a leading "/api2/json" and trailing slashes are ignored).
 */
function productEvidence(paths: string[]): Partial<Record<Product, string>> {
  const evidence: Partial<Record<Product, string>> = {};
  for (const raw of paths) {
    let path = raw.startsWith('/api2/json') ? raw.slice('/api2/json'.length) : raw;
    if (!path.startsWith('/')) path = `/${path}`;
    path = path.replace(/\/+$/, '');
    for (const hallmark of HALLMARKS) if (evidence[hallmark.product] === undefined && hallmark.test(path)) evidence[hallmark.product] = raw;
  }
  return evidence;
}

/**
 * Guess the product from the API's path list (paths as in the schema, e.g. "/nodes/{node}/qemu").
 * Heuristic, first match wins:
 * 1. a PVE hallmark (`/nodes/{x}/qemu`, `/nodes/{x}/lxc`, `/cluster/ha`) → pve, so a PVE schema is never
 *    misread because of some future path that happens to resemble another product;
 * 2. `/admin/datastore` or `/config/datastore` (PBS datastore administration) → pbs;
 * 3. `/quarantine`, `/statistics/mail` or `/config/ruledb` (PMG mail filtering) → pmg;
 * 4. otherwise pve, the product whose schema this tool was built for.
 */
export function detectProduct(paths: string[]): Product {
  const evidence = productEvidence(paths);
  return evidence.pve !== undefined ? 'pve' : evidence.pbs !== undefined ? 'pbs' : evidence.pmg !== undefined ? 'pmg' : 'pve';
}

/**
 * The product the paths clearly say, with the path that says it: hallmarks of exactly one product.
 * Null when detection has no evidence (a small example, a tiny or partial schema) or the hallmarks
 * of several products are present: then detectProduct only guesses, and --product may overrule it.
 */
export function clearProduct(paths: string[]): { product: Product; path: string } | null {
  const evidence = productEvidence(paths);
  const found = PRODUCT_IDS.flatMap((product) => {
    const path = evidence[product];
    return path === undefined ? [] : [{ product, path }];
  });
  return found.length === 1 ? (found[0] ?? null) : null;
}

const PRODUCT_IDS: readonly Product[] = ['pve', 'pbs', 'pmg'];

/**
 * The model's product: `requested` (--product) when given, else the detected one. A request that
 * contradicts what the paths clearly say (--product pve on a Backup Server schema) is refused: the
 * pages would show the wrong ports, token headers and shell for every operation.
 */
export function resolveProduct(paths: string[], requested: Product | undefined, source: string): Product {
  if (requested === undefined) return detectProduct(paths);
  const clear = clearProduct(paths);
  if (clear && clear.product !== requested) {
    throw new InputError(
      source,
      null,
      `--product ${requested} does not match the schema: it is ${PRODUCTS[clear.product].name} (it has ${clear.path}); leave --product out or give --product ${clear.product}`,
    );
  }
  return requested;
}
