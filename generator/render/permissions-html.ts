/**
 * Permissions as HTML for the path pages: the intermediate form of document/permissions.ts with
 * privilege names linked to the privileges index and `{param}` placeholders to the parameter rows.
 * Every piece of schema text is escaped.
 */
import { permissionBlocks, type Block } from '../document/permissions.js';
import { type PhraseFormat, renderPhrase } from '../document/phrase.js';
import type { Permissions } from '../model/types.js';
import { escapeHtml } from './escape.js';
import { htmlFormat } from './view-schema.js';

/** Anchor id (without '#') of a parameter's row on the current page, or null when there is none. */
export type ParamAnchorFn = (name: string) => string | null;
/** Link target of a privilege in the privileges index, or null for no link. */
export type PrivilegeHrefFn = (priv: string) => string | null;

interface HtmlContext {
  paramAnchor: ParamAnchorFn;
  privilegeHref: PrivilegeHrefFn | undefined;
}

function safeCall<T>(fn: ((arg: string) => T | null) | undefined, arg: string): T | null {
  if (!fn) return null;
  try {
    return fn(arg);
  } catch {
    return null;
  }
}

function paramLinkHtml(name: string, label: string, ctx: HtmlContext): string {
  const anchor = safeCall(ctx.paramAnchor, name);
  return anchor ? `<a href="#${escapeHtml(anchor)}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

function pathHtml(p: string, ctx: HtmlContext): string {
  let out = '';
  let last = 0;
  for (const m of p.matchAll(/\{([^{}]+)\}/g)) {
    out += escapeHtml(p.slice(last, m.index));
    out += paramLinkHtml(m[1] as string, m[0], ctx);
    last = m.index + m[0].length;
  }
  out += escapeHtml(p.slice(last));
  return `<code>${out}</code>`;
}

/** The pages' phrase format, with privileges and `{param}` placeholders linked. */
function permissionFormat(ctx: HtmlContext): PhraseFormat {
  return {
    ...htmlFormat({}),
    aclPath: (p) => pathHtml(p, ctx),
    param: (name) => `<code>${paramLinkHtml(name, name, ctx)}</code>`,
    privilege: (name) => {
      const href = safeCall(ctx.privilegeHref, name);
      const label = escapeHtml(name);
      return href ? `<code><a href="${escapeHtml(href)}">${label}</a></code>` : `<code>${label}</code>`;
    },
  };
}

function blockHtml(block: Block, format: PhraseFormat, nested: boolean): string {
  if (block.t === 'p') {
    const inner = renderPhrase(block.inl, format);
    return nested ? inner : `<p>${inner}</p>`;
  }
  const items = block.items.map((item) => `<li>${blockHtml(item, format, true)}</li>`).join('');
  const intro = escapeHtml(block.intro);
  return `${nested ? intro : `<p>${intro}</p>`}<ul>${items}</ul>`;
}

/**
 * Permissions as an HTML fragment (`<div class="permissions">…</div>`).
 * @param paramAnchor anchor id of a parameter's row on the same page, for `{param}` links.
 * @param privilegeHref link target of a privilege in the privileges index.
 */
/**
 * `descriptionHtml` renders the free-text description (the pages pass their sanitized inline
 * Markdown, since Proxmox writes privileges there as `code`); without it the text is escaped.
 */
export function renderPermissionsHtml(
  p: Permissions,
  paramAnchor: ParamAnchorFn,
  privilegeHref?: PrivilegeHrefFn,
  descriptionHtml: (text: string) => string = escapeHtml,
): string {
  const format = permissionFormat({ paramAnchor, privilegeHref });
  let html = permissionBlocks(p)
    .map((b) => blockHtml(b, format, false))
    .join('');
  if (p.description !== undefined && p.description !== '') {
    html += `<p class="permissions-description">${descriptionHtml(p.description)}</p>`;
  }
  return `<div class="permissions">${html}</div>`;
}
