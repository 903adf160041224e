/**
 * Permissions in plain English: HTML for the path pages, plain text for search and Markdown export.
 * Both renderings are built from one intermediate form (blocks of inline pieces) so that they
 * always say the same thing. Every piece of schema text (paths, privilege and parameter names,
 * descriptions, unrecognized raw JSON) is escaped: schema text is untrusted.
 */
import { escapeHtml } from './escape.js';
import { permModifyAlternatives } from '../model/permissions.js';
import type { PermCheck, Permissions } from '../model/types.js';

/** Anchor id (without '#') of a parameter's row on the current page, or null when there is none. */
export type ParamAnchorFn = (name: string) => string | null;
/** Link target of a privilege in the privileges index, or null for no link. */
export type PrivilegeHrefFn = (priv: string) => string | null;

// One escaper for the whole site (render/escape.ts); re-exported for callers of this module.
export { escapeHtml };

// ---------------------------------------------------------------------------------------------
// Intermediate form

type Inline =
  | { t: 'text'; s: string }
  /** A privilege name (linked to the privileges index when possible). */
  | { t: 'priv'; name: string }
  /** An ACL path; `{param}` placeholders link to the parameter rows. */
  | { t: 'path'; path: string }
  /** A request parameter name (linked to its row when possible). */
  | { t: 'param'; name: string }
  /** Literal code, shown verbatim. */
  | { t: 'code'; s: string };

type Block = { t: 'p'; inl: Inline[] } | { t: 'list'; intro: string; items: Block[] };

const text = (s: string): Inline => ({ t: 'text', s });
const priv = (name: string): Inline => ({ t: 'priv', name });
const path = (p: string): Inline => ({ t: 'path', path: p });
const param = (name: string): Inline => ({ t: 'param', name });
const code = (s: string): Inline => ({ t: 'code', s });
const para = (...inl: Inline[]): Block => ({ t: 'p', inl });

/** "A" | "any of A, B" | "all of A, B". */
function privPhrase(privs: string[], any: boolean): Inline[] {
  if (privs.length === 1) return [priv(privs[0] as string)];
  const out: Inline[] = [text(any ? 'any of ' : 'all of ')];
  privs.forEach((p, i) => {
    if (i > 0) out.push(text(', '));
    out.push(priv(p));
  });
  return out;
}

function checkBlock(check: PermCheck): Block {
  switch (check.kind) {
    case 'perm': {
      const inl: Inline[] = [text('Requires '), ...privPhrase(check.privs, check.any), text(' on '), path(check.path)];
      if (check.requireParam !== undefined) {
        inl.push(text(' (only when parameter '), param(check.requireParam), text(' is given; otherwise this check fails)'));
      }
      inl.push(text('.'));
      return { t: 'p', inl };
    }
    case 'and':
      return { t: 'list', intro: 'All of:', items: check.items.map(checkBlock) };
    case 'or':
      return { t: 'list', intro: 'Any of:', items: check.items.map(checkBlock) };
    case 'userid-group': {
      const inl: Inline[] = [text('Requires '), ...privPhrase(check.privs, true), text(' on '), path('/access/groups'), text(', or ')];
      if (check.groupsParam === undefined) {
        inl.push(text('on a group that the user given in parameter '), param('userid'), text(' belongs to.'));
      } else if (check.groupsParam === 'create') {
        inl.push(text('on every group listed in parameter '), param('groups'), text('.'));
      } else {
        inl.push(
          text('on every group listed in parameter '),
          param('groups'),
          text(' and on a group that the user given in parameter '),
          param('userid'),
          text(' already belongs to.'),
        );
      }
      return { t: 'p', inl };
    }
    case 'userid-param':
      if (check.value === 'self') {
        return para(text('Allowed only when parameter '), param('userid'), text(' is the calling user itself.'));
      }
      if (check.value === 'Realm.AllocateUser') {
        return para(
          text('Requires '),
          priv('Realm.AllocateUser'),
          text(' on '),
          code('/access/realm/<realm>'),
          text(', where <realm> is the realm of the user given in parameter '),
          param('userid'),
          text('.'),
        );
      }
      // Not produced by normalizePermissions; shown verbatim rather than guessed.
      return para(text('Unrecognized permission check (shown verbatim): '), code(JSON.stringify(['userid-param', check.value])));
    case 'perm-modify': {
      const alternatives = permModifyAlternatives(check.path);
      const inl: Inline[] = [text('Requires '), priv('Permissions.Modify'), text(' on '), path(check.path)];
      const definite = alternatives.find((a) => a.definite);
      if (definite) {
        inl.push(text(', or the allocate privilege of that subtree: '), priv(definite.privilege));
      } else if (alternatives.length > 0) {
        inl.push(text(', or the allocate privilege of that subtree: '));
        alternatives.forEach((a, i) => {
          if (i > 0) inl.push(text(', '));
          inl.push(priv(a.privilege), text(i === 0 ? ' if it is under ' : ' if under '), code(a.root));
        });
      }
      inl.push(text('.'));
      return { t: 'p', inl };
    }
    case 'role': {
      // PMG: the caller's role (admin, helpdesk, qmanager, audit, quser) is compared with the list.
      const inl: Inline[] = [text(check.roles.length === 1 ? 'Requires the role ' : 'Requires one of the roles ')];
      check.roles.forEach((r, i) => {
        if (i > 0) inl.push(text(i === check.roles.length - 1 ? ' or ' : ', '));
        inl.push(code(r));
      });
      inl.push(text(check.roles.length === 1 ? ': the caller’s role must be this one.' : ': the caller’s role must be one of them.'));
      return { t: 'p', inl };
    }
    case 'user-param':
      return para(text('Allowed when parameter '), param(check.param), text(' names the calling user.'));
    case 'user':
      if (check.user === 'all') return para(text('Any authenticated user.'));
      if (check.user === 'world') return para(text('Anyone, even without logging in.'));
      return para(text('Only the user '), code(check.user), text('.'));
    case 'group':
      return para(text('Members of the group '), code(check.group), text('.'));
    case 'with-param':
      return {
        t: 'list',
        intro: `Checked for the user named by parameter ${check.param}, not for the caller:`,
        items: [checkBlock(check.check)],
      };
    case 'unknown':
      return malformedPermBlock(check.raw) ?? para(text('Unrecognized permission check (shown verbatim): '), code(check.raw));
    default: {
      const never: never = check;
      return para(text('Unrecognized permission check (shown verbatim): '), code(safeJson(never)));
    }
  }
}

/**
 * A `perm` check whose privileges are a single string instead of a list (PVE 7.4, PUT
 * /nodes/{node}/qemu/{vmid}/cloudinit: `["perm","/vms/{vmid}","VM.Config.Cloudinit"]`; fixed in
 * 8.x). The normalizer keeps it as 'unknown' (the server cannot evaluate it: `@$privs` on a string
 * dies under strict refs), but every part of it can still be shown in words instead of raw JSON.
 */
function malformedPermBlock(raw: string): Block | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [head, aclPath, privs] = parsed as unknown[];
  if (head !== 'perm' || typeof aclPath !== 'string' || aclPath === '' || typeof privs !== 'string') return null;
  return para(
    text('Malformed permission check: it names '),
    priv(privs),
    text(' on '),
    path(aclPath),
    text(
      ', but gives the privilege as a single string where the server expects a list, so it cannot be evaluated: ' +
        'for users other than root@pam the call fails with an error instead of checking the privilege.',
    ),
  );
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function permissionBlocks(p: Permissions): Block[] {
  const blocks: Block[] = [];
  switch (p.mode) {
    case 'world':
      blocks.push(para(text('No authentication required: anyone can call this, even without logging in.')));
      break;
    case 'all':
      blocks.push(para(text('Any authenticated user.')));
      break;
    case 'root':
      blocks.push(para(text('Only '), code('root@pam'), text('.')));
      break;
    case 'none':
      // check_api2_permissions: neither `user` nor `check` -> raise_perm_exc() for all but root@pam.
      blocks.push(
        para(
          text('Only '),
          code('root@pam'),
          text(': the permissions declare neither a user nor a check, so the server denies everyone else.'),
        ),
      );
      break;
    case 'check':
      if (p.check) {
        blocks.push(checkBlock(p.check));
      } else {
        blocks.push(para(text('Unrecognized permission check (shown verbatim): '), code('(no check)')));
      }
      break;
    default: {
      const never: never = p.mode;
      blocks.push(para(text('Unrecognized permission mode (shown verbatim): '), code(safeJson(never))));
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// HTML

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

function inlineHtml(inl: Inline[], ctx: HtmlContext): string {
  return inl
    .map((piece) => {
      switch (piece.t) {
        case 'text':
          return escapeHtml(piece.s);
        case 'code':
          return `<code>${escapeHtml(piece.s)}</code>`;
        case 'path':
          return pathHtml(piece.path, ctx);
        case 'param':
          return `<code>${paramLinkHtml(piece.name, piece.name, ctx)}</code>`;
        case 'priv': {
          const href = safeCall(ctx.privilegeHref, piece.name);
          const label = escapeHtml(piece.name);
          return href ? `<code><a href="${escapeHtml(href)}">${label}</a></code>` : `<code>${label}</code>`;
        }
        default: {
          const never: never = piece;
          return escapeHtml(safeJson(never));
        }
      }
    })
    .join('');
}

function blockHtml(block: Block, ctx: HtmlContext, nested: boolean): string {
  if (block.t === 'p') {
    const inner = inlineHtml(block.inl, ctx);
    return nested ? inner : `<p>${inner}</p>`;
  }
  const items = block.items.map((item) => `<li>${blockHtml(item, ctx, true)}</li>`).join('');
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
  const ctx: HtmlContext = { paramAnchor, privilegeHref };
  let html = permissionBlocks(p)
    .map((b) => blockHtml(b, ctx, false))
    .join('');
  if (p.description !== undefined && p.description !== '') {
    html += `<p class="permissions-description">${descriptionHtml(p.description)}</p>`;
  }
  return `<div class="permissions">${html}</div>`;
}

// ---------------------------------------------------------------------------------------------
// Plain text

function inlineText(inl: Inline[]): string {
  return inl
    .map((piece) => {
      switch (piece.t) {
        case 'text':
        case 'code':
          return piece.s;
        case 'path':
          return piece.path;
        case 'param':
        case 'priv':
          return piece.name;
        default: {
          const never: never = piece;
          return safeJson(never);
        }
      }
    })
    .join('');
}

function blockLines(block: Block, indent: string, bullet: string): string[] {
  if (block.t === 'p') return [`${indent}${bullet}${inlineText(block.inl)}`];
  const lines = [`${indent}${bullet}${block.intro}`];
  const childIndent = indent + ' '.repeat(bullet.length);
  for (const item of block.items) lines.push(...blockLines(item, childIndent, '- '));
  return lines;
}

/**
 * The same sentences as `renderPermissionsHtml`, without markup: one line per sentence, nested
 * checks as "- " bullets indented by two spaces per level, the description as a last paragraph.
 */
export function permissionsPlainText(p: Permissions): string {
  const lines = permissionBlocks(p).flatMap((b) => blockLines(b, '', ''));
  if (p.description !== undefined && p.description !== '') lines.push(p.description);
  return lines.join('\n');
}
