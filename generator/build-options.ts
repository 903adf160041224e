/**
 * What a build is asked to do: the options of the model (load to normalize) and of the whole build.
 * A module of its own so that the stages beside the build (the cache) can name them without
 * importing the build.
 */
import type { ReadOptions } from './load/source.js';
import type { Product } from './model/types.js';
import type { Layout } from './model/urls.js';
import type { ThemeOptions } from './publish/theme.js';

export interface ModelOptions {
  schema: string;
  formats?: string;
  product?: Product;
  version?: string;
  title?: string;
  insecure?: boolean;
  read?: ReadOptions;
  /**
   * "pve-host": a site pveproxy can serve under /pve-docs/ (publish/pve-host.ts); default: the usual
   * layout. A model option: it decides every page's file (model/urls.ts layoutPageFile).
   */
  layout?: Layout;
}

export interface BuildOptions extends ModelOptions {
  out: string;
  /** Debug outputs written beside the site: "model" writes model.json. */
  emit?: string[];
  templates?: string;
  baseUrl?: string;
  /** Offline bundle: links end in index.html so the site works from file://; also writes `<out>.zip`. */
  offline?: boolean;
  /** Logo, accent colour, header and footer links (validated by the CLI, see publish/theme.ts). */
  theme?: ThemeOptions;
  /** A console on every operation page (connect-src 'self'; serve it with `pve-apidoc serve`). */
  tryIt?: boolean;
  /** Overwrite files at this build's paths that the previous build did not write (write/plan.ts). */
  force?: boolean;
  /** Folder of the build cache (generator/cache); none: nothing is cached. The CLI passes its default. */
  cache?: string;
  /** Size bound of the cache folder in bytes (default: cache/store.ts DEFAULT_MAX_BYTES). */
  cacheMaxBytes?: number;
}
