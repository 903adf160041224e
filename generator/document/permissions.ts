/**
 * Permissions in plain English, as one intermediate form (blocks of inline pieces) that every
 * output renders: HTML for the path pages (render/permissions-html.ts), plain text for search and
 * the Markdown export (below), so they always say the same thing. Schema text stays in its own
 * pieces (paths, privilege and parameter names, descriptions, unrecognized raw JSON) for each
 * format to escape: schema text is untrusted.
 */
import { permModifyAlternatives } from '../model/permissions.js';
import type { PermCheck, Permissions } from '../model/types.js';

// ---------------------------------------------------------------------------------------------
// Intermediate form

export type Inline =
  | { t: 'text'; s: string }
  /** A privilege name (linked to the privileges index when possible). */
  | { t: 'priv'; name: string }
  /** An ACL path; `{param}` placeholders link to the parameter rows. */
  | { t: 'path'; path: string }
  /** A request parameter name (linked to its row when possible). */
  | { t: 'param'; name: string }
  /** Literal code, shown verbatim. */
  | { t: 'code'; s: string };

export type Block = { t: 'p'; inl: Inline[] } | { t: 'list'; intro: string; items: Block[] };

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

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function permissionBlocks(p: Permissions): Block[] {
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
 * The sentences of `permissionBlocks` without markup: one line per sentence, nested
 * checks as "- " bullets indented by two spaces per level, the description as a last paragraph.
 */
export function permissionsPlainText(p: Permissions): string {
  const lines = permissionBlocks(p).flatMap((b) => blockLines(b, '', ''));
  if (p.description !== undefined && p.description !== '') lines.push(p.description);
  return lines.join('\n');
}
