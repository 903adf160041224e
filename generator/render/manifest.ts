/** manifest.json: one entry per API path, for tools, link checkers and sites that link in. */
import type { ApiModel } from '../model/types.js';

export interface Manifest {
  product: string;
  version: string;
  generator: 'pve-apidoc';
  paths: { path: string; url: string; methods: string[] }[];
}

export function buildManifest(model: ApiModel): Manifest {
  return {
    product: model.productName,
    version: model.version,
    generator: 'pve-apidoc',
    paths: model.paths.map((p) => ({ path: p.path, url: p.file, methods: p.operations.map((o) => o.method) })),
  };
}
