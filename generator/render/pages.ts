/**
 * Render stage: model -> every output file as {file, content}. Pages are plain data in, strings out;
 * writing them is the write stage's job.
 */
import type { ApiModel, ApiPath } from '../model/types.js';
import { PRODUCTS } from '../model/product.js';
import { buildPrivilegeIndex } from '../model/privileges.js';
import { stableId } from '../model/urls.js';
import { escapeHtml, neutralizeInvisible } from './escape.js';
import { createMarkdown, type MarkdownRenderer } from './markdown.js';
import { SITE_FILES } from '../model/urls.js';
import { pageLinks, type PageLinks, type RenderOptions, type VersionRenderContext } from './site-context.js';
import type { Templates } from './templates.js';
import { operationView } from './view-operation.js';
import { coverageData } from './coverage-page.js';
import type { OutputFile } from '../output-file.js';
import { TRY_IT_DATA, TRY_IT_SCRIPT } from './try-it.js';
import { guideExamples } from '../document/examples/guides.js';

export interface PageMeta {
  title: string;
  description: string;
}

export function renderSite(model: ApiModel, templates: Templates, options: RenderOptions): OutputFile[] {
  const md = createMarkdown();
  const byPath = new Map(model.paths.map((p) => [p.path, p]));
  const files: OutputFile[] = [];
  // `data` is a thunk so that a filtered render (the dev server renders one page per request) skips the work.
  const page = (file: string, template: string, meta: PageMeta, data: () => Record<string, unknown>): void => {
    if (options.only && !options.only(file)) return;
    files.push(renderPage(model, templates, options, file, template, meta, data()));
  };

  page(
    SITE_FILES.index,
    'index',
    { title: model.title, description: `${model.title}: ${model.stats.operations} operations, with parameters, permissions and examples.` },
    () => indexData(model, pageLinks(SITE_FILES.index, options), byPath),
  );
  for (const apiPath of model.paths) {
    const links = pageLinks(apiPath.file, options);
    page(apiPath.file, 'path', pathMeta(model, apiPath), () => pathData(model, apiPath, links, byPath, md, options.versions));
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

function siteData(model: ApiModel, links: PageLinks, options: RenderOptions, file: string): Record<string, unknown> {
  return {
    title: model.title,
    version: model.version,
    stats: model.stats,
    sourceName: model.source.split(/[\\/]/).pop(),
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
    file,
    // Theming (--logo, --accent, --header-link, --footer-link): empty unless configured.
    logo: options.theme?.logo ? links.asset(options.theme.logo) : '',
    themeCss: options.theme?.stylesheet ? links.asset(options.theme.stylesheet) : '',
    headerLinks: options.theme?.headerLinks ?? [],
    footerLinks: options.theme?.footerLinks ?? [],
    // --try-it only: where the console finds its script and this page's data (render/try-it.ts).
    tryIt: options.tryIt ? { js: links.asset(TRY_IT_SCRIPT), data: TRY_IT_DATA } : null,
    versions: options.versions
      ? {
          label: options.versions.label,
          latest: options.versions.latest,
          links: options.versions.switcher(file),
          changelog: options.versions.changelogHref(file),
        }
      : null,
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
  data: Record<string, unknown>,
): OutputFile {
  const site = siteData(model, pageLinks(file, options), options, file);
  const body = templates.page(template)({ ...data, site });
  const html = templates.layout({ site, page: { ...meta, canonical: canonical(options, file) }, body });
  return { file, content: neutralizeInvisible(html) };
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

function pathData(
  model: ApiModel,
  apiPath: ApiPath,
  links: PageLinks,
  byPath: Map<string, ApiPath>,
  md: MarkdownRenderer,
  versions?: VersionRenderContext,
): Record<string, unknown> {
  const pathHref = (p: string): string | null => {
    const target = byPath.get(p);
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
  const parent = apiPath.parent ? byPath.get(apiPath.parent) : undefined;
  return {
    path: apiPath,
    crumbs: breadcrumbs(apiPath, byPath, links),
    operations: apiPath.operations.map((op) => {
      const view = operationView(op, ctx);
      // Multi-version builds: "since X" / "removed in Y" on the operation and its parameters.
      if (!versions) return view;
      // Set on the views themselves: the grouped lists (paramGroups) hold the same objects.
      for (const p of view.params) Object.assign(p, { version: versions.parameterNote(op, p.name) });
      return Object.assign(view, { version: versions.operationNote(op) });
    }),
    parent: parent ? { path: parent.path, href: links.href(parent.file) } : null,
    children: apiPath.children.flatMap((c) => {
      const child = byPath.get(c);
      return child
        ? [
            {
              path: child.path,
              href: links.href(child.file),
              methods: child.operations.map((o) => ({ name: o.method, lower: o.method.toLowerCase() })),
            },
          ]
        : [];
    }),
  };
}

function breadcrumbs(apiPath: ApiPath, byPath: Map<string, ApiPath>, links: PageLinks): { text: string; href: string }[] {
  const chain: ApiPath[] = [];
  for (let p: ApiPath | undefined = apiPath; p; p = p.parent ? byPath.get(p.parent) : undefined) chain.unshift(p);
  return chain.map((p) => ({ text: p === apiPath ? p.text : p.text, href: p === apiPath ? '' : links.href(p.file) }));
}

function indexData(model: ApiModel, links: PageLinks, byPath: Map<string, ApiPath>): Record<string, unknown> {
  const sections = model.paths
    .filter((p) => p.parent === null)
    .map((p) => {
      const count = countOps(model, p.section);
      return { path: p.path, href: links.href(p.file), count: `${count} operation${count === 1 ? '' : 's'}` };
    });
  return {
    productName: model.productName,
    port: PRODUCTS[model.product].port,
    stats: model.stats,
    sections,
    treeHtml: treeHtml(model, links, byPath),
  };
}

function countOps(model: ApiModel, section: string): number {
  return model.paths.filter((p) => p.section === section).reduce((n, p) => n + p.operations.length, 0);
}

/** The whole path tree as nested lists; built as one string because it is large and purely structural. */
function treeHtml(model: ApiModel, links: PageLinks, byPath: Map<string, ApiPath>): string {
  const item = (p: ApiPath): string => {
    const methods = p.operations
      .map((o) => `<span class="method method-small method-${o.method.toLowerCase()}">${o.method}</span>`)
      .join('');
    const kids = p.children.map((c) => byPath.get(c)).filter((c): c is ApiPath => c !== undefined);
    const sub = kids.length > 0 ? `<ul>${kids.map(item).join('')}</ul>` : '';
    return `<li><a href="${escapeHtml(links.href(p.file))}"><code>${escapeHtml(p.path)}</code></a>${methods}${sub}</li>`;
  };
  return `<ul class="tree-root">${model.paths
    .filter((p) => p.parent === null)
    .map(item)
    .join('')}</ul>`;
}

function operationsData(model: ApiModel, links: PageLinks): Record<string, unknown> {
  const groups = new Map<string, { name: string; id: string; ops: unknown[] }>();
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
function guideData(model: ApiModel, title: string, file: string, options: RenderOptions): Record<string, unknown> {
  const links = pageLinks(file, options);
  return {
    ...authData(model, title),
    isPbs: model.product === 'pbs',
    authHref: links.href(SITE_FILES.auth),
    tasksHref: links.href(SITE_FILES.tasks),
    errorsHref: links.href(SITE_FILES.errors),
  };
}

function authData(model: ApiModel, title: string): Record<string, unknown> {
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
    ...guideExamples(product),
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

function privilegesData(model: ApiModel, links: PageLinks): Record<string, unknown> {
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
  const openOps = (mode: string): unknown[] =>
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
