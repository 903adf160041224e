/**
 * What every page needs to know about the site it belongs to, independent of its content: titles,
 * where the root and the assets are relative to this page, and how links are written.
 */
import type { Operation } from '../model/types.js';
import { relativeHref, SITE_FILES } from '../model/urls.js';

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
  /** Multi-version builds only: the version switcher, changelog link and since/removed notes. */
  versions?: VersionRenderContext;
  /** Render only the pages this accepts (the dev server renders the one page a request asks for). */
  only?: (file: string) => boolean;
  /** Theming: logo, accent stylesheet, extra header and footer links (see generator/publish/theme.ts). */
  theme?: ThemeView;
  /** --try-it: operation pages get the console (render/try-it.ts) and the CSP allows same-origin fetches. */
  tryIt?: boolean;
  /** The build leaves out llms.txt and the Markdown pages (--layout pve-host), so no page links to them. */
  omitMarkdown?: boolean;
}

/** A link the user added to the header or footer (absolute http(s)/mailto or a site-root path). */
export interface LinkView {
  text: string;
  href: string;
}

export interface ThemeView {
  /** Asset file name of the logo under assets/ ("logo.svg"), or "". */
  logo: string;
  /** Asset file name of the generated theme stylesheet (custom properties) under assets/, or "". */
  stylesheet: string;
  headerLinks: LinkView[];
  footerLinks: LinkView[];
}

/** One entry of the version switcher on a page. */
export interface VersionLinkView {
  label: string;
  href: string;
  current: boolean;
  latest: boolean;
  /** The page does not exist in that version: `href` leads to that version's overview instead. */
  missing: boolean;
}

/** "Since X" / "removed in Y" for an operation or parameter; empty strings when not applicable. */
export interface VersionNoteView {
  since: string;
  removedIn: string;
}

/** How the pages of one version of a multi-version site link to the others (see generator/versions). */
export interface VersionRenderContext {
  label: string;
  latest: boolean;
  /** Switcher entries for a page of this version (file relative to this version's root). */
  switcher(file: string): VersionLinkView[];
  /** Link from a page of this version to the changelog index. */
  changelogHref(file: string): string;
  operationNote(op: Operation): VersionNoteView | null;
  parameterNote(op: Operation, parameter: string): VersionNoteView | null;
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
  // A server shows 404.html at whatever URL was missing, so relative links would resolve against
  // the wrong folder: with a known base URL that page links from the site root instead.
  const root = file === SITE_FILES.notFound && options.baseUrl ? basePath(options.baseUrl) : null;
  const link = (toFile: string, clean: boolean): string =>
    root !== null ? root + (clean ? toFile.replace(/(^|\/)index\.html$/, '$1') : toFile) : relativeHref(file, toFile, clean);
  return {
    file,
    href: (toFile) => link(toFile, options.cleanUrls),
    asset: (name) => {
      const version = options.assetVersions[name];
      return link(`assets/${name}`, false) + (version ? `?v=${version}` : '');
    },
  };
}

/** The path part of a base URL, with one trailing slash: "https://h/docs" and "/docs" give "/docs/". */
function basePath(baseUrl: string): string {
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl) ? new URL(baseUrl).pathname : baseUrl;
  return path.replace(/\/*$/, '/');
}
