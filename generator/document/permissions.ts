/**
 * Permissions in plain English, as one intermediate form (blocks of inline pieces) that every
 * output renders: HTML for the path pages (render/permissions-html.ts), plain text for search and
 * the Markdown export (below), so they always say the same thing. Schema text stays in its own
 * pieces (paths, privilege and parameter names, descriptions, unrecognized raw JSON) for each
 * format to escape: schema text is untrusted.
 */
import { permModifyAlternatives } from '../model/permissions.js';
import type { PermCheck, Permissions } from '../model/types.js';
import { aclPath as path, code, type Piece, param, plainText, privilege as priv } from './phrase.js';

// ---------------------------------------------------------------------------------------------
// Intermediate form: blocks of phrase pieces (document/phrase.ts), so permissions are written
// with the same pieces, and rendered by the same formats, as every other sentence.

export type Block = { t: 'p'; inl: Piece[] } | { t: 'list'; intro: string; items: Block[] };

/** Our own wording. */
const words = (value: string): Piece => ({ kind: 'words', value });
const para = (...inl: Piece[]): Block => ({ t: 'p', inl });

/** "A" | "any of A, B" | "all of A, B". */
function privPhrase(privs: string[], any: boolean): Piece[] {
  if (privs.length === 1) return [priv(privs[0] as string)];
  const out: Piece[] = [words(any ? 'any of ' : 'all of ')];
  privs.forEach((p, i) => {
    if (i > 0) out.push(words(', '));
    out.push(priv(p));
  });
  return out;
}

function checkBlock(check: PermCheck): Block {
  switch (check.kind) {
    case 'perm': {
      const inl: Piece[] = [words('Requires '), ...privPhrase(check.privs, check.any), words(' on '), path(check.path)];
      if (check.requireParam !== undefined) {
        inl.push(words(' (only when parameter '), param(check.requireParam), words(' is given; otherwise this check fails)'));
      }
      inl.push(words('.'));
      return { t: 'p', inl };
    }
    case 'and':
      return { t: 'list', intro: 'All of:', items: check.items.map(checkBlock) };
    case 'or':
      return { t: 'list', intro: 'Any of:', items: check.items.map(checkBlock) };
    case 'userid-group': {
      const inl: Piece[] = [words('Requires '), ...privPhrase(check.privs, true), words(' on '), path('/access/groups'), words(', or ')];
      if (check.groupsParam === undefined) {
        inl.push(words('on a group that the user given in parameter '), param('userid'), words(' belongs to.'));
      } else if (check.groupsParam === 'create') {
        inl.push(words('on every group listed in parameter '), param('groups'), words('.'));
      } else {
        inl.push(
          words('on every group listed in parameter '),
          param('groups'),
          words(' and on a group that the user given in parameter '),
          param('userid'),
          words(' already belongs to.'),
        );
      }
      return { t: 'p', inl };
    }
    case 'userid-param':
      if (check.value === 'self') {
        return para(words('Allowed only when parameter '), param('userid'), words(' is the calling user itself.'));
      }
      if (check.value === 'Realm.AllocateUser') {
        return para(
          words('Requires '),
          priv('Realm.AllocateUser'),
          words(' on '),
          code('/access/realm/<realm>'),
          words(', where <realm> is the realm of the user given in parameter '),
          param('userid'),
          words('.'),
        );
      }
      // Not produced by normalizePermissions; shown verbatim rather than guessed.
      return para(words('Unrecognized permission check (shown verbatim): '), code(JSON.stringify(['userid-param', check.value])));
    case 'perm-modify': {
      const alternatives = permModifyAlternatives(check.path);
      const inl: Piece[] = [words('Requires '), priv('Permissions.Modify'), words(' on '), path(check.path)];
      const definite = alternatives.find((a) => a.definite);
      if (definite) {
        inl.push(words(', or the allocate privilege of that subtree: '), priv(definite.privilege));
      } else if (alternatives.length > 0) {
        inl.push(words(', or the allocate privilege of that subtree: '));
        alternatives.forEach((a, i) => {
          if (i > 0) inl.push(words(', '));
          inl.push(priv(a.privilege), words(i === 0 ? ' if it is under ' : ' if under '), code(a.root));
        });
      }
      inl.push(words('.'));
      return { t: 'p', inl };
    }
    case 'role': {
      // PMG: the caller's role (admin, helpdesk, qmanager, audit, quser) is compared with the list.
      const inl: Piece[] = [words(check.roles.length === 1 ? 'Requires the role ' : 'Requires one of the roles ')];
      check.roles.forEach((r, i) => {
        if (i > 0) inl.push(words(i === check.roles.length - 1 ? ' or ' : ', '));
        inl.push(code(r));
      });
      inl.push(words(check.roles.length === 1 ? ': the caller’s role must be this one.' : ': the caller’s role must be one of them.'));
      return { t: 'p', inl };
    }
    case 'user-param':
      return para(words('Allowed when parameter '), param(check.param), words(' names the calling user.'));
    case 'user':
      if (check.user === 'all') return para(words('Any authenticated user.'));
      if (check.user === 'world') return para(words('Anyone, even without logging in.'));
      return para(words('Only the user '), code(check.user), words('.'));
    case 'group':
      return para(words('Members of the group '), code(check.group), words('.'));
    case 'with-param':
      return {
        t: 'list',
        intro: `Checked for the user named by parameter ${check.param}, not for the caller:`,
        items: [checkBlock(check.check)],
      };
    case 'unknown':
      return malformedPermBlock(check.raw) ?? para(words('Unrecognized permission check (shown verbatim): '), code(check.raw));
    default: {
      const never: never = check;
      return para(words('Unrecognized permission check (shown verbatim): '), code(safeJson(never)));
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
    words('Malformed permission check: it names '),
    priv(privs),
    words(' on '),
    path(aclPath),
    words(
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

export function permissionBlocks(p: Permissions): Block[] {
  const blocks: Block[] = [];
  switch (p.mode) {
    case 'world':
      blocks.push(para(words('No authentication required: anyone can call this, even without logging in.')));
      break;
    case 'all':
      blocks.push(para(words('Any authenticated user.')));
      break;
    case 'root':
      blocks.push(para(words('Only '), code('root@pam'), words('.')));
      break;
    case 'none':
      // check_api2_permissions: neither `user` nor `check` -> raise_perm_exc() for all but root@pam.
      blocks.push(
        para(
          words('Only '),
          code('root@pam'),
          words(': the permissions declare neither a user nor a check, so the server denies everyone else.'),
        ),
      );
      break;
    case 'check':
      if (p.check) {
        blocks.push(checkBlock(p.check));
      } else {
        blocks.push(para(words('Unrecognized permission check (shown verbatim): '), code('(no check)')));
      }
      break;
    default: {
      const never: never = p.mode;
      blocks.push(para(words('Unrecognized permission mode (shown verbatim): '), code(safeJson(never))));
    }
  }
  if (p.skippedCheck) {
    blocks.push({
      t: 'list',
      intro:
        'The schema also lists a check, which the server skips because this call is open to ' +
        (p.mode === 'world' ? 'anyone' : 'every authenticated user') +
        ' (the method itself may still use it, e.g. to decide what it returns):',
      items: [checkBlock(p.skippedCheck)],
    });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Plain text

function blockLines(block: Block, indent: string, bullet: string): string[] {
  if (block.t === 'p') return [`${indent}${bullet}${plainText(block.inl)}`];
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
