/**
 * What every page needs to know about the site it belongs to, independent of its content: titles,
 * where the root and the assets are relative to this page, and how links are written.
 */
import type { ApiModel } from '../model/types.js';
import { relativeHref } from '../model/urls.js';

export interface RenderOptions {
  /**
   * Hosted sites link to folders ("qemu/"); the offline bundle must link to explicit index.html
   * files, because file:// does not serve a folder's index.
   */
  cleanUrls: boolean;
  /** Absolute base URL or path prefix of the hosted site, for canonical links and the sitemap; "" when unknown. */
  baseUrl: string;
  /** Asset file name -> content hash, appended as ?v= so browsers never keep stale assets. */
  assetVersions: Record<string, string>;
}

export interface PageLinks {
  /** This page's file, relative to the output root. */
  file: string;
  /** Link from this page to another output file. */
  href(toFile: string): string;
  /** Link to an asset under assets/, with its cache-busting version. */
  asset(name: string): string;
}

export function pageLinks(file: string, options: RenderOptions): PageLinks {
  return {
    file,
    href: (toFile) => relativeHref(file, toFile, options.cleanUrls),
    asset: (name) => {
      const version = options.assetVersions[name];
      return relativeHref(file, `assets/${name}`, false) + (version ? `?v=${version}` : '');
    },
  };
}

/** The site's own top-level pages (API pages live under api/, so these never collide with them). */
export const SITE_FILES = {
  index: 'index.html',
  operations: 'operations/index.html',
  auth: 'auth/index.html',
  privileges: 'privileges/index.html',
  notFound: '404.html',
} as const;

export function siteTitle(model: ApiModel): string {
  return model.title;
}
