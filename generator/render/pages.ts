/**
 * Render stage: model -> every output file as {file, content}. Pages are plain data in, strings out;
 * writing them is the write stage's job.
 */
import type { ApiModel, ApiPath } from '../model/types.js';
import { PRODUCTS } from '../model/product.js';
import { buildPrivilegeIndex } from '../model/privileges.js';
import { relativeHref, stableId } from '../model/urls.js';
import { escapeHtml, neutralizeInvisible } from './escape.js';
import { createMarkdown, type MarkdownRenderer } from './markdown.js';
import { SITE_FILES } from '../model/urls.js';
import { pageLinks, type PageLinks, type RenderOptions, type VersionRenderContext } from './site-context.js';
import type { Templates } from './templates.js';
import { operationView } from './view-operation.js';
import { coverageData } from './coverage-page.js';
import { asBytes, type FileKeeper, keepInMemory, type OutputFile } from '../output-file.js';
import { TRY_IT_DATA, TRY_IT_SCRIPT, tryItDataFile } from './try-it.js';
import { guideExamples, type GuideExamples } from '../document/examples/guides.js';
import { apiTokensAvailable, noTokensSentence } from '../document/tokens.js';
import { navBranch, NAV_TREE_FILE, type NavView } from './nav.js';
import { ancestry, parentOf, type SiteIndex, siteIndex } from '../model/site-index.js';
import { operationPage, shareKeyTables, wrapPath, type OperationPageView } from './page-operation.js';
import type { LinkView, VersionLinkView } from './site-context.js';

export interface PageMeta {
  title: string;
  description: string;
}

/** `hold`: what the build does with each page once rendered (the write stage's spool keeps memory flat). */
export function renderSite(model: ApiModel, templates: Templates, options: RenderOptions, hold: FileKeeper = keepInMemory): OutputFile[] {
  const md = createMarkdown();
  const index = siteIndex(model);
  const files: OutputFile[] = [];
  const navTreeName = NAV_TREE_FILE.replace(/^assets\//, '');
  // `data` is a thunk so that a filtered render (the dev server renders one page per request) skips the work.
  const page = (file: string, template: string, meta: PageMeta, data: () => object, current: ApiPath | null = null): void => {
    if (options.only && !options.only(file)) return;
    const links = pageLinks(file, options);
    const view = { list: navBranch(index, current, links), treeScript: links.asset(navTreeName) };
    files.push(hold(renderPage(model, templates, options, file, template, meta, data(), view)));
  };

  page(
    SITE_FILES.index,
    'index',
    { title: model.title, description: `${model.title}: ${model.stats.operations} operations, with parameters, permissions and examples.` },
    () => indexData(model, pageLinks(SITE_FILES.index, options), index),
  );
  for (const apiPath of model.paths) {
    const links = pageLinks(apiPath.file, options);
    page(
      apiPath.file,
      'path',
      pathMeta(model, apiPath),
      () => pathData(model, apiPath, links, index, md, options.versions, tryItView(links, options, apiPath)),
      apiPath,
    );
  }
  page(
    SITE_FILES.operations,
    'operations',
    { title: `All operations — ${model.title}`, description: `Every operation of the ${model.productName} API.` },
    () => operationsData(model, pageLinks(SITE_FILES.operations, options)),
  );
  page(
    SITE_FILES.auth,
    'auth',
    {
      title: `Authentication — ${model.title}`,
      description: `How to authenticate to the ${model.productName} API: tickets, CSRF tokens and API tokens.`,
    },
    () => guideData(model, 'Authentication', SITE_FILES.auth, options),
  );
  page(
    SITE_FILES.tasks,
    'tasks',
    {
      title: `Tasks — ${model.title}`,
      description: `How long-running ${model.productName} API calls report back: task ids (UPIDs) and waiting for a task.`,
    },
    () => guideData(model, 'Tasks', SITE_FILES.tasks, options),
  );
  page(
    SITE_FILES.errors,
    'errors',
    { title: `Errors — ${model.title}`, description: `What the ${model.productName} API answers when a call fails.` },
    () => guideData(model, 'Errors', SITE_FILES.errors, options),
  );
  page(
    SITE_FILES.privileges,
    'privileges',
    { title: `Privileges — ${model.title}`, description: `Which ${model.productName} API operations each privilege allows.` },
    () => privilegesData(model, pageLinks(SITE_FILES.privileges, options)),
  );
  page(
    SITE_FILES.coverage,
    'coverage',
    { title: `Schema coverage — ${model.title}`, description: `What the ${model.productName} API schema does not say, per section.` },
    () => coverageData(model, pageLinks(SITE_FILES.coverage, options)),
  );
  page(SITE_FILES.notFound, '404', { title: `Not found — ${model.title}`, description: 'Page not found.' }, () => ({}));
  return files;
}

/** --try-it only: where the console finds its script and this page's data (render/try-it.ts). */
interface TryItView {
  js: string;
  data: string;
}

function tryItView(links: PageLinks, options: RenderOptions, apiPath?: ApiPath): TryItView | null {
  if (!options.tryIt) return null;
  // The path's data file, relative to its page ("_try-it.json" beside an index.html).
  return { js: links.asset(TRY_IT_SCRIPT), data: apiPath ? relativeHref(apiPath.file, tryItDataFile(apiPath), false) : TRY_IT_DATA };
}

/** What the layout, header, footer and sidebar read on every page. */
interface SiteView {
  title: string;
  version: string;
  stats: ApiModel['stats'];
  sourceName: string;
  home: string;
  operations: string;
  auth: string;
  tasks: string;
  errors: string;
  privileges: string;
  coverage: string;
  manifest: string;
  root: string;
  css: string;
  js: string;
  searchIndex: string;
  cleanUrls: '0' | '1';
  /** Whether llms.txt and the Markdown pages exist (not in --layout pve-host, whose server refuses them). */
  markdownExports: boolean;
  file: string;
  logo: string;
  themeCss: string;
  headerLinks: LinkView[];
  footerLinks: LinkView[];
  /** --try-it only: the console's script and the name of each page's data file. */
  tryIt: TryItView | null;
  /**
   * connect-src 'self' instead of 'none': the --try-it console calls the API through `serve`, and a
   * hosted site (--base-url) has a robots.txt that audits read from inside the page (Lighthouse's
   * robots-txt audit fetches it). Our page scripts fetch nothing else; 'self' is the page's own origin only.
   */
  connectSelf: boolean;
  versions: { label: string; latest: boolean; links: VersionLinkView[]; changelog: string } | null;
  /** The sidebar: this page's branch of the path tree, and the script with the whole tree. */
  nav: NavView;
}

function siteData(model: ApiModel, links: PageLinks, options: RenderOptions, file: string, nav: NavView): SiteView {
  return {
    title: model.title,
    version: model.version,
    stats: model.stats,
    sourceName: model.source.split(/[\\/]/).pop() ?? '',
    home: links.href(SITE_FILES.index),
    operations: links.href(SITE_FILES.operations),
    auth: links.href(SITE_FILES.auth),
    tasks: links.href(SITE_FILES.tasks),
    errors: links.href(SITE_FILES.errors),
    privileges: links.href(SITE_FILES.privileges),
    coverage: links.href(SITE_FILES.coverage),
    manifest: links.href('manifest.json'),
    root: links.href(SITE_FILES.index).replace(/index\.html$/, '') || './',
    css: links.asset('style.css'),
    js: links.asset('main.js'),
    searchIndex: links.asset('search-index.js'),
    cleanUrls: options.cleanUrls ? '1' : '0',
    markdownExports: options.omitMarkdown !== true,
    file,
    // Theming (--logo, --accent, --header-link, --footer-link): empty unless configured.
    logo: options.theme?.logo ? links.asset(options.theme.logo) : '',
    themeCss: options.theme?.stylesheet ? links.asset(options.theme.stylesheet) : '',
    headerLinks: options.theme?.headerLinks ?? [],
    footerLinks: options.theme?.footerLinks ?? [],
    // --try-it only: where the console finds its script and this page's data (render/try-it.ts).
    tryIt: tryItView(links, options),
    connectSelf: options.tryIt === true || options.baseUrl !== '',
    versions: options.versions
      ? {
          label: options.versions.label,
          latest: options.versions.latest,
          links: options.versions.switcher(file),
          changelog: options.versions.changelogHref(file),
        }
      : null,
    nav,
  };
}

/**
 * Every page goes through here: the model's own pages and those outside it (the changelogs of a
 * multi-version build), with the same layout, header and footer, and the same last step that
 * neutralizes bidi and control characters whichever escaper let them through.
 */
export function renderPage(
  model: ApiModel,
  templates: Templates,
  options: RenderOptions,
  file: string,
  template: string,
  meta: PageMeta,
  data: object,
  // Pages outside one version's tree (the changelogs at the root of a multi-version site) get no path tree.
  nav: NavView = { list: null, treeScript: '' },
): OutputFile {
  const site = siteData(model, pageLinks(file, options), options, file, nav);
  const body = templates.page(template)({ ...data, site });
  const html = templates.layout({ site, page: { ...meta, canonical: canonical(options, file) }, body });
  // Kept as bytes until written (every title has a dash, so a page string would be two bytes a
  // character): 20,000 pages of strings filled V8's heap.
  return asBytes({ file, content: neutralizeInvisible(html) });
}

function canonical(options: RenderOptions, file: string): string {
  if (!options.baseUrl) return '';
  const path = options.cleanUrls ? file.replace(/(^|\/)index\.html$/, '$1') : file;
  return options.baseUrl.replace(/\/?$/, '/') + path;
}

function pathMeta(model: ApiModel, apiPath: ApiPath): PageMeta {
  const methods = apiPath.operations.map((o) => o.method).join(', ');
  const first = apiPath.operations[0]?.summary ?? '';
  return {
    title: `${apiPath.path} — ${model.title}`,
    description: `${methods ? methods + ' ' : ''}${apiPath.path}${first ? ': ' + first : ''}`.slice(0, 300),
  };
}

/** A path linked from the top of a path page: its parent or one of its sub-paths. */
interface RelatedPathView {
  path: string;
  pathHtml: string;
  href: string;
  summary: string;
  methods: { name: string; lower: string }[];
}

interface PathPageView {
  path: ApiPath;
  pathHtml: string;
  crumbs: CrumbView[];
  operations: OperationPageView[];
  parent: RelatedPathView | null;
  children: RelatedPathView[];
}

interface CrumbView {
  text: string;
  href: string;
}

function relatedPath(p: ApiPath, links: PageLinks): RelatedPathView {
  return {
    path: p.path,
    pathHtml: wrapPath(p.path),
    href: links.href(p.file),
    summary: (p.operations.find((o) => o.method === 'GET') ?? p.operations[0])?.summary ?? '',
    methods: p.operations.map((o) => ({ name: o.method, lower: o.method.toLowerCase() })),
  };
}

function pathData(
  model: ApiModel,
  apiPath: ApiPath,
  links: PageLinks,
  index: SiteIndex,
  md: MarkdownRenderer,
  versions: VersionRenderContext | undefined,
  tryIt: TryItView | null,
): PathPageView {
  const pathHref = (p: string): string | null => {
    const target = index.byPath.get(p);
    return target ? links.href(target.file) : null;
  };
  const ctx = {
    model,
    md,
    page: apiPath,
    authHref: links.href(SITE_FILES.auth),
    tasksHref: links.href(SITE_FILES.tasks),
    errorsHref: links.href(SITE_FILES.errors),
    privilegeHref: (priv: string) => links.href(SITE_FILES.privileges) + (priv ? `#${privilegeId(priv)}` : ''),
    pathHref,
  };
  const parent = parentOf(index, apiPath);
  const children = (index.kids.get(apiPath.path) ?? []).map((child) => relatedPath(child, links));
  const operations = apiPath.operations.map((op) => {
    const view = { ...operationView(op, ctx), tryIt };
    // Multi-version builds: "since X" / "removed in Y" on the operation and its parameters.
    if (!versions) return operationPage(view, op.summary);
    const params = view.params.map((p) => ({ ...p, version: versions.parameterNote(op, p.name) }));
    const byName = new Map(params.map((p) => [p.anchor, p]));
    return operationPage(
      {
        ...view,
        params,
        paramGroups: view.paramGroups.map((g) => ({ ...g, params: g.params.map((p) => byName.get(p.anchor) ?? p) })),
        version: versions.operationNote(op),
      },
      op.summary,
    );
  });
  shareKeyTables(operations);
  return {
    path: apiPath,
    pathHtml: wrapPath(apiPath.path),
    crumbs: breadcrumbs(apiPath, index, links),
    operations,
    parent: parent ? relatedPath(parent, links) : null,
    children,
  };
}

function breadcrumbs(apiPath: ApiPath, index: SiteIndex, links: PageLinks): CrumbView[] {
  return ancestry(index, apiPath).map((p) => ({ text: p === apiPath ? p.text : p.text, href: p === apiPath ? '' : links.href(p.file) }));
}

interface IndexPageView {
  productName: string;
  port: number;
  stats: ApiModel['stats'];
  sections: { path: string; href: string; count: string }[];
  treeHtml: string;
}

function indexData(model: ApiModel, links: PageLinks, index: SiteIndex): IndexPageView {
  // Counted in one pass: per section it is sections × paths, n² for a flat API.
  const perSection = new Map<string, number>();
  for (const p of model.paths) perSection.set(p.section, (perSection.get(p.section) ?? 0) + p.operations.length);
  const sections = index.roots.map((p) => {
    const count = perSection.get(p.section) ?? 0;
    return { path: p.path, href: links.href(p.file), count: `${count} operation${count === 1 ? '' : 's'}` };
  });
  return {
    productName: model.productName,
    port: PRODUCTS[model.product].port,
    stats: model.stats,
    sections,
    treeHtml: treeHtml(links, index),
  };
}

/**
 * The whole path tree as nested lists, each section folded (the unfolded tree was 11,800 px tall);
 * built as one string because it is large and purely structural.
 */
function treeHtml(links: PageLinks, index: SiteIndex): string {
  const item = (p: ApiPath): string => {
    const methods = p.operations
      .map((o) => `<span class="method method-small method-${o.method.toLowerCase()}">${o.method}</span>`)
      .join('');
    const kids = index.kids.get(p.path) ?? [];
    const link = `<a href="${escapeHtml(links.href(p.file))}"><code>${wrapPath(p.path)}</code></a>${methods}`;
    if (kids.length === 0) return `<li>${link}</li>`;
    const sub = `<ul>${kids.map(item).join('')}</ul>`;
    // No link inside <summary> (nested interactive controls): the section folds under its own toggle.
    return p.parent === null
      ? `<li>${link}<details><summary>Sub-paths (${kids.length})</summary>${sub}</details></li>`
      : `<li>${link}${sub}</li>`;
  };
  return `<ul class="tree-root">${index.roots.map(item).join('')}</ul>`;
}

/** An operation linked from a list page. */
interface OpLinkView {
  href: string;
  method: string;
  methodLower: string;
  path: string;
}

interface OperationsPageView {
  productName: string;
  stats: ApiModel['stats'];
  groups: { name: string; id: string; ops: (OpLinkView & { summary: string })[] }[];
}

function operationsData(model: ApiModel, links: PageLinks): OperationsPageView {
  const groups = new Map<string, OperationsPageView['groups'][number]>();
  for (const p of model.paths) {
    for (const op of p.operations) {
      let group = groups.get(p.section);
      if (!group) {
        group = { name: p.section, id: stableId('section', p.section), ops: [] };
        groups.set(p.section, group);
      }
      group.ops.push({
        href: `${links.href(p.file)}#${op.anchor}`,
        method: op.method,
        methodLower: op.method.toLowerCase(),
        path: p.path,
        summary: op.summary,
      });
    }
  }
  return { productName: model.productName, stats: model.stats, groups: [...groups.values()] };
}

/** The Tasks and Errors guides: product facts, their example snippets, and links to each other. */
function guideData(model: ApiModel, title: string, file: string, options: RenderOptions): GuidePageView {
  const links = pageLinks(file, options);
  return {
    ...authData(model, title),
    isPbs: model.product === 'pbs',
    authHref: links.href(SITE_FILES.auth),
    tasksHref: links.href(SITE_FILES.tasks),
    errorsHref: links.href(SITE_FILES.errors),
  };
}

interface AuthPageView {
  crumbs: CrumbView[];
  productName: string;
  port: number;
  cookieName: string;
  tokenHeaderFormat: string;
  tokenHeaderExample: string;
  cli: string | null;
  cliNote: string | null;
  /** False when the schema predates API tokens (document/tokens.ts); then `noTokensText` says so. */
  apiTokens: boolean;
  noTokensText: string;
}

/** The auth, Tasks and Errors guides: product facts, example snippets and links to each other. */
interface GuidePageView extends AuthPageView, GuideExamples {
  isPbs: boolean;
  authHref: string;
  tasksHref: string;
  errorsHref: string;
}

function authData(model: ApiModel, title: string): AuthPageView & GuideExamples {
  const product = PRODUCTS[model.product];
  return {
    crumbs: [{ text: title, href: '' }],
    productName: model.productName,
    port: product.port,
    cookieName: product.cookieName,
    tokenHeaderFormat: product.tokenHeaderFormat,
    tokenHeaderExample: product.tokenHeaderExample,
    cli: product.cli,
    cliNote: product.cliNote,
    apiTokens: apiTokensAvailable(model),
    noTokensText: noTokensSentence(model),
    ...guideExamples(product, apiTokensAvailable(model)),
  };
}

export function privilegeId(priv: string): string {
  return stableId('priv', priv);
}

const HOW_WORDS: Record<string, string> = {
  'all-of': 'required',
  'any-of': 'one of several alternatives',
  conditional: 'in some cases (alternative or parameter-dependent)',
  'userid-group': 'on /access/groups or the user’s groups',
  'userid-param': 'on the realm of the user',
  'perm-modify': 'to modify permissions (or the subtree’s allocate privilege)',
};

interface PrivilegesPageView {
  crumbs: CrumbView[];
  privileges: { name: string; id: string; count: number; ops: (OpLinkView & { how: string })[] }[];
  open: { id: string; title: string; ops: OpLinkView[] }[];
}

function privilegesData(model: ApiModel, links: PageLinks): PrivilegesPageView {
  const entries = buildPrivilegeIndex(model);
  const privileges = entries.map((entry) => ({
    name: entry.privilege,
    id: privilegeId(entry.privilege),
    count: entry.uses.length,
    ops: entry.uses.map((u) => ({
      href: `${links.href(u.file)}#${u.anchor}`,
      method: u.method,
      methodLower: u.method.toLowerCase(),
      path: u.path,
      how: `${HOW_WORDS[u.how] ?? u.how} on ${u.aclPath}${u.requireParam ? ` (when ${u.requireParam} is given)` : ''}${u.note ? ` — ${u.note}` : ''}`,
    })),
  }));
  const openOps = (mode: string): OpLinkView[] =>
    model.paths.flatMap((p) =>
      p.operations
        .filter((o) => o.permissions.mode === mode)
        .map((o) => ({ href: `${links.href(p.file)}#${o.anchor}`, method: o.method, methodLower: o.method.toLowerCase(), path: p.path })),
    );
  return {
    crumbs: [{ text: 'Privileges', href: '' }],
    privileges,
    open: [
      { id: 'open-world', title: 'No authentication required', ops: openOps('world') },
      { id: 'open-all', title: 'Any authenticated user', ops: openOps('all') },
      { id: 'open-root', title: 'Only root@pam', ops: openOps('root') },
    ],
  };
}
