/**
 * A synthetic API schema of any size, in the viewer dialect (`const apiSchema = [...];`), for the
 * scale benchmark and the tests that check that pages stay the same size however big the API is.
 *
 *   syntheticSchema(20_000)            // Proxmox-like: a few sections, collections and their items
 *   syntheticSchema(5_000, 'flat')     // every path at the top level
 *   syntheticSchema(5_000, 'wide')     // one collection with thousands of items
 *   syntheticSchema(2_000, 'deep')     // each path the only child of the one before
 *
 * The 'nested' shape follows the real tree: a handful of top-level sections (/access, /cluster,
 * /nodes, ...), a collection ("qemu") over one item ("{vmid}"), and below each item a few dozen
 * sub-paths (actions and further collections), so the depth grows slowly with the size (PVE 9.1:
 * 435 paths, depth 7, at most 41 children). Operations are trivial (GET everywhere, POST on
 * collections, PUT on items, a string parameter per path variable). No randomness:
 * the same size and shape always give the same text.
 */

export type SyntheticShape = 'nested' | 'flat' | 'wide' | 'deep';

interface ViewerNode {
  path: string;
  text: string;
  leaf: 0 | 1;
  info: Record<string, unknown>;
  children?: ViewerNode[];
}

const SECTIONS = ['access', 'cluster', 'nodes', 'pools', 'storage', 'version'];
const WORDS = [
  'config',
  'status',
  'firewall',
  'snapshot',
  'tasks',
  'network',
  'disks',
  'services',
  'replication',
  'backup',
  'ceph',
  'sdn',
  'hardware',
  'capabilities',
  'rrd',
  'syslog',
  'journal',
  'certificates',
  'apt',
  'scan',
];

/** The schema's text, `paths` paths in all. */
export function syntheticSchema(paths: number, shape: SyntheticShape = 'nested'): string {
  return `const apiSchema = ${JSON.stringify(syntheticTree(paths, shape))};\n`;
}

function syntheticTree(paths: number, shape: SyntheticShape): ViewerNode[] {
  const count = Math.max(1, Math.floor(paths));
  if (shape === 'flat') return Array.from({ length: count }, (_, i) => node('', `p${i}`, 'item'));
  if (shape === 'wide') {
    const top = node('', 'items', 'collection');
    top.children = Array.from({ length: count - 1 }, (_, i) => node(top.path, `item${i}`, 'item'));
    return [finish(top)];
  }
  if (shape === 'deep') {
    const top = node('', 'd0', 'item');
    let at = top;
    for (let i = 1; i < count; i++) {
      const next = node(at.path, `d${i}`, 'item');
      at.children = [next];
      finish(at);
      at = next;
    }
    return [top];
  }
  return nested(count);
}

/**
 * Breadth first: every section, then the children of each node in turn until `count` paths exist.
 * A collection gets its item; an item gets a varying number (4 to 39) of words, every fourth of
 * them a collection of its own.
 */
function nested(count: number): ViewerNode[] {
  const roots = SECTIONS.slice(0, count).map((s) => node('', s, 'collection'));
  const queue: ViewerNode[] = [...roots];
  let made = roots.length;
  for (let q = 0; q < queue.length && made < count; q++) {
    const parent = queue[q]!;
    const kind = kindOf(parent);
    const kids: ViewerNode[] = [];
    if (kind === 'collection') kids.push(node(parent.path, `{${idName(parent)}}`, 'item'));
    else {
      const fan = 4 + ((q * 7) % 36);
      for (let i = 0; i < fan && made + kids.length < count; i++) {
        const word = WORDS[(q + i) % WORDS.length]!;
        kids.push(node(parent.path, i < WORDS.length ? word : `${word}${i}`, i % 4 === 0 ? 'collection' : 'action'));
      }
    }
    const room = count - made;
    parent.children = kids.slice(0, room);
    made += parent.children.length;
    for (const kid of parent.children) if (kindOf(kid) !== 'action') queue.push(kid);
  }
  for (const n of queue) finish(n);
  return roots;
}

type Kind = 'collection' | 'item' | 'action';
const KINDS = new WeakMap<ViewerNode, Kind>();
const kindOf = (n: ViewerNode): Kind => KINDS.get(n) ?? 'action';

/** "node"-like, numbered by depth so that no path names a variable twice (/nodes/{node}/disks/{disk1}). */
function idName(collection: ViewerNode): string {
  const depth = (collection.path.match(/\{/g) ?? []).length;
  return `${collection.text.replace(/[^a-z]/g, '').slice(0, 4) || 'x'}${depth || ''}`;
}

function node(parentPath: string, text: string, kind: Kind): ViewerNode {
  const path = `${parentPath}/${text}`;
  const vars = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const params = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    additionalProperties: 0,
    properties: {
      ...Object.fromEntries(vars.map((v) => [v, { type: 'string' }])),
      ...extra,
    },
  });
  const method = (name: string, verb: string, description: string, extra?: Record<string, unknown>): Record<string, unknown> => ({
    name,
    method: verb,
    description,
    parameters: params(extra),
    permissions: { check: ['perm', '/', ['Sys.Audit']] },
    returns: { type: verb === 'GET' ? 'object' : 'null' },
  });
  const info: Record<string, unknown> = { GET: method('read', 'GET', 'Read it.') };
  if (kind === 'collection') info.POST = method('create', 'POST', 'Create one.', { comment: { type: 'string', optional: 1 } });
  if (kind === 'item') info.PUT = method('update', 'PUT', 'Change it.', { comment: { type: 'string', optional: 1 } });
  const n: ViewerNode = { path, text, leaf: 1, info };
  KINDS.set(n, kind);
  return n;
}

/** Leaf flag and key order as in the real dumps, once the children are known. */
function finish(n: ViewerNode): ViewerNode {
  n.leaf = n.children?.length ? 0 : 1;
  if (!n.children?.length) delete n.children;
  return n;
}
