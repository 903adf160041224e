/**
 * Schema text is untrusted: every piece of it must come out escaped. And no input may throw.
 */
import { describe, expect, it } from 'vitest';
import { normalizePermissions, type PermissionDiagnostic } from '../../generator/model/permissions.js';
import type { Permissions } from '../../generator/model/types.js';
import { permissionsPlainText } from '../../generator/document/permissions.js';
import { renderPermissionsHtml } from '../../generator/render/permissions-html.js';
import { escapeHtml } from '../../generator/render/escape.js';

const XSS = '<script>alert(1)</script>';
const anchor = (name: string): string => `p-${name}`;

function html(raw: unknown, paramAnchor: (n: string) => string | null = anchor, privHref?: (p: string) => string | null): string {
  return renderPermissionsHtml(normalizePermissions(raw, '/perm'), paramAnchor, privHref);
}

describe('escaping', () => {
  it('escapeHtml escapes the markup characters (and = and ` for unquoted-attribute safety)', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href&#61;&quot;x&quot; title&#61;&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('path, privilege and description', () => {
    const out = html({ check: ['perm', `/vms/${XSS}`, [XSS, 'VM.Audit'], 'any', 1], description: `see ${XSS} & more` });
    expect(out).not.toContain('<script');
    expect(out).toContain('/vms/&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(out).toContain('<p class="permissions-description">see &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
  });

  it('placeholder names and parameter anchors', () => {
    const out = html({ check: ['perm', `/x/{${XSS}}`, ['A'], 'require_param', XSS] }, () => `"><script>x</script>`);
    expect(out).not.toContain('<script');
    expect(out).not.toMatch(/href="[^"]*"[^ >]/); // every attribute value is closed properly
    expect(out).toContain('href="#&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  it('privilege hrefs', () => {
    const out = html({ check: ['perm', '/', ['Sys.Audit']] }, anchor, () => `javascript:"<script>`);
    expect(out).not.toContain('<script');
    expect(out).toContain('<a href="javascript:&quot;&lt;script&gt;">Sys.Audit</a>');
  });

  it('malformed perm explained in words', () => {
    const out = html({ check: ['perm', `/vms/${XSS}`, XSS] });
    expect(out).not.toContain('<script');
    expect(out).toContain('Malformed permission check: it names <code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
  });

  it('unknown raw JSON', () => {
    const out = html({ check: ['evil', XSS] });
    expect(out).not.toContain('<script');
    expect(out).toContain('<code>[&quot;evil&quot;,&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;]</code>');
  });

  it('nested forms escape too', () => {
    const out = html({
      check: ['or', ['userid-group', [XSS]], ['perm-modify', `/pool/${XSS}`], ['and', ['perm', XSS, ['X']], [XSS]]],
    });
    expect(out).not.toContain('<script');
    expect(out.match(/&lt;script&gt;/g)?.length).toBe(4);
  });

  it('plain text keeps the text as is (callers escape for their own format)', () => {
    expect(permissionsPlainText(normalizePermissions({ check: ['perm', '/a<b>', ['P&Q']] }, '/perm'))).toBe('Requires P&Q on /a<b>.');
  });
});

describe('malformed input never throws and is shown verbatim', () => {
  const cases: [string, unknown][] = [
    ['string permissions', 'root'],
    ['array permissions', ['perm', '/', ['A']]],
    ['number permissions', 42],
    ['unknown user', { user: 'nobody' }],
    ['unknown user with check', { user: 5, check: ['perm', '/', ['A']] }],
    ['extra key', { check: ['perm', '/', ['A']], frob: 1 }],
    ['check is a string', { check: 'perm' }],
    ['check is an object', { check: { perm: '/' } }],
    ['empty check array', { check: [] }],
    ['perm without privs', { check: ['perm', '/vms'] }],
    ['perm with privs as a string', { check: ['perm', '/vms', 'VM.Audit'] }],
    ['perm with empty privs', { check: ['perm', '/vms', []] }],
    ['perm with non-string privs', { check: ['perm', '/vms', ['A', 1]] }],
    ['perm without path', { check: ['perm', null, ['A']] }],
    ['perm with odd options', { check: ['perm', '/', ['A'], 'any'] }],
    ['perm with unknown option', { check: ['perm', '/', ['A'], 'maybe', 1] }],
    ['perm with repeated option', { check: ['perm', '/', ['A'], 'any', 1, 'any', 0] }],
    ['perm with require_param not a name', { check: ['perm', '/', ['A'], 'require_param', 7] }],
    ['and without items', { check: ['and'] }],
    ['or with a null item', { check: ['or', null, ['perm', '/', ['A']]] }],
    ['userid-group without privs', { check: ['userid-group'] }],
    ['userid-group with unknown option', { check: ['userid-group', ['A'], 'users_param', 'x'] }],
    ['userid-group with object groups_param', { check: ['userid-group', ['A'], 'groups_param', {}] }],
    ['userid-param unknown test', { check: ['userid-param', 'other'] }],
    ['userid-param extra', { check: ['userid-param', 'self', 'x'] }],
    ['perm-modify without path', { check: ['perm-modify'] }],
    ['perm-modify empty path', { check: ['perm-modify', ''] }],
    ['description not a string', { user: 'all', description: { a: 1 } }],
    ['deep nesting', { check: ['and', ['or', ['and', ['or', ['x']]]]] }],
  ];

  it.each(cases)('%s', (_name, raw) => {
    const diagnostics: PermissionDiagnostic[] = [];
    let model: Permissions | undefined;
    expect(() => {
      model = normalizePermissions(raw, '/0/info/GET/permissions', (d) => diagnostics.push(d));
    }).not.toThrow();
    expect(() => renderPermissionsHtml(model!, () => null)).not.toThrow();
    expect(() => permissionsPlainText(model!)).not.toThrow();
    if (_name !== 'description not a string') {
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(permissionsPlainText(model!)).toMatch(/Unrecognized permission check \(shown verbatim\):|Malformed permission check:/);
      for (const d of diagnostics) expect(d.pointer.startsWith('/0/info/GET/permissions')).toBe(true);
    } else {
      expect(model!).toEqual({ pointer: '/0/info/GET/permissions', mode: 'all', description: '{"a":1}' });
    }
  });

  it('unknown nested nodes keep their siblings and report the nested pointer', () => {
    const diagnostics: PermissionDiagnostic[] = [];
    const p = normalizePermissions(
      { check: ['and', ['perm', '/', ['A']], ['or', ['perm', '/x', ['B']], ['perm', '/vms']]] },
      '/3/info/PUT/permissions',
      (d) => diagnostics.push(d),
    );
    expect(diagnostics).toEqual([
      { pointer: '/3/info/PUT/permissions/check/2/2', message: '"perm" without a list of privileges', raw: '["perm","/vms"]' },
    ]);
    expect(permissionsPlainText(p)).toBe(
      [
        'All of:',
        '- Requires A on /.',
        '- Any of:',
        '  - Requires B on /x.',
        '  - Unrecognized permission check (shown verbatim): ["perm","/vms"]',
      ].join('\n'),
    );
  });

  it('values JSON cannot represent do not throw', () => {
    const cyclic: unknown[] = ['frob'];
    cyclic.push(cyclic);
    expect(() => normalizePermissions({ check: cyclic }, '/p')).not.toThrow();
    expect(() => normalizePermissions({ check: ['x', 10n] }, '/p')).not.toThrow();
    expect(() => normalizePermissions({ check: ['and', undefined] }, '/p')).not.toThrow();
    const throwing = {
      get user(): string {
        throw new Error('boom');
      },
    };
    expect(() => normalizePermissions(throwing, '/p')).not.toThrow();
  });

  it('callbacks that throw do not break rendering', () => {
    const p = normalizePermissions({ check: ['perm', '/vms/{vmid}', ['A']] }, '/p');
    const boom = (): string => {
      throw new Error('boom');
    };
    expect(renderPermissionsHtml(p, boom, boom)).toBe(
      '<div class="permissions"><p>Requires <code>A</code> on <code>/vms/{vmid}</code>.</p></div>',
    );
  });
});
