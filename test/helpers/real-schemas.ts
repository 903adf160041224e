/**
 * Where the real Proxmox schemas live and a minimal raw reader for tests that need to compute ground
 * truth independently of the generator's own loader. The folder is PVE_APIDOC_SCHEMAS when set,
 * else ../shared/schemas beside the repository. Only the `real`, `browser` and `hardening` test tiers
 * import this; vitest.config.ts runs those tiers only when the folder exists (and fails in CI when
 * it does not), so a fresh clone runs the `unit` tier alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemasDir } from './tiers.js';

export { REPO_ROOT } from './repo.js';
export const SHARED_SCHEMAS = schemasDir();

export const VIEWER_DUMPS = ['6.4', '7.4', '8.4', '9.0', '9.1'].map((version) => ({
  version,
  file: join(SHARED_SCHEMAS, `pve-${version}.apidata.js`),
}));

export const REFS_DUMPS = ['9.0', '9.1'].map((version) => ({
  version,
  file: join(SHARED_SCHEMAS, `pve-${version}.refs-dump.json`),
}));

/** Counts published in ../shared/schemas/README.md. */
export const EXPECTED_COUNTS: Record<string, { paths: number; operations: number }> = {
  'pve-6.4.apidata.js': { paths: 339, operations: 503 },
  'pve-7.4.apidata.js': { paths: 365, operations: 540 },
  'pve-8.4.apidata.js': { paths: 400, operations: 605 },
  'pve-9.0.apidata.js': { paths: 432, operations: 646 },
  'pve-9.1.apidata.js': { paths: 435, operations: 649 },
  'pve-9.0.refs-dump.json': { paths: 412, operations: 628 },
  'pve-9.1.refs-dump.json': { paths: 432, operations: 646 },
};

export interface RawNode {
  path: string;
  text?: string;
  leaf?: number;
  info?: Record<string, Record<string, unknown>>;
  children?: RawNode[];
}

/** Independent raw reader for viewer dumps: the JSON array between the first '[' and the last ']'. */
export function readViewerTree(file: string): RawNode[] {
  const text = readFileSync(file, 'utf8');
  return JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1)) as RawNode[];
}

/** Every node of a raw tree, depth first. */
export function* walkRaw(nodes: RawNode[]): Generator<RawNode> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walkRaw(node.children);
  }
}
