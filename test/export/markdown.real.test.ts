/** Markdown beside every path page, llms.txt and llms-full.txt: complete, faithful, and inert. */
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/build.js';
import { exportFiles, LLMS_FILE, LLMS_FULL_FILE, OPENAPI_FILE } from '../../generator/export/index.js';
import { markdownFile, pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { mdCell, mdCode, mdFence, mdText } from '../../generator/export/markdown-text.js';
import { silentLogger } from '../../generator/log.js';
import type { ApiModel, PermCheck } from '../../generator/model/types.js';
import { REFS_DUMPS, VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { apiPath, key, model, named, nodeParam, op, param, schema } from './fixture.js';

const viewer91 = VIEWER_DUMPS.find((d) => d.version === '9.1')!.file;
const refs91 = REFS_DUMPS.find((d) => d.version === '9.1')!.file;

/** What a Markdown renderer that passes raw HTML through (marked's default) makes of the text. */
function render(markdown: string): string {
  return new Marked({ gfm: true }).parse(markdown, { async: false }) as string;
}

/** Tags our Markdown may produce when rendered; anything else came from schema text. */
const ALLOWED_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'a',
  'code',
  'pre',
  'strong',
  'em',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'hr',
  'blockquote',
  'del',
]);

function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const [tag, name, attrs] = [m[0], m[1]!.toLowerCase(), m[2] ?? ''];
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag ${tag}`);
    if (/\son[a-z]+\s*=/i.test(attrs)) problems.push(`handler ${tag}`);
    for (const href of attrs.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/gi)) {
      if (!/^(?:https?:|mailto:|[^:]*$)/i.test(href[1]!.replace(/&#58;|&colon;/gi, ':'))) problems.push(`link ${tag}`);
    }
  }
  return problems;
}

describe('Markdown for PVE 9.1', () => {
  it('writes one Markdown file beside every path page, and llms.txt lists every path with a link to it', async () => {
    const { model } = await loadModel({ schema: viewer91 }, silentLogger());
    const files = exportFiles(model);
    const byName = new Map(files.map((f) => [f.file, String(f.content)]));
    expect(byName.has(OPENAPI_FILE)).toBe(true);
    for (const p of model.paths) {
      const md = byName.get(p.file.replace(/index\.html$/, 'index.md'));
      expect(md, p.path).toBeDefined();
      expect(md!.startsWith(`# ${mdCode(p.path)}\n`)).toBe(true);
      for (const o of p.operations) expect(md).toContain(`HTTP: \`${o.method} /api2/json${o.path}\``);
    }
    expect(files.filter((f) => f.file.endsWith('.md'))).toHaveLength(435);

    const llms = byName.get(LLMS_FILE)!;
    expect(llms.startsWith('# Proxmox VE 9.1 API\n\n> ')).toBe(true);
    const links = [...llms.matchAll(/^- \[(.+?)\]\((api\/\S+\.md)\)/gm)];
    expect(links).toHaveLength(435);
    expect(new Set(links.map((l) => l[2]))).toEqual(new Set(model.paths.map(markdownFile)));
    for (const l of links) expect(byName.has(l[2]!), l[2]).toBe(true);

    const full = byName.get(LLMS_FULL_FILE)!;
    for (const p of model.paths) expect(full).toContain(`\n# ${mdCode(p.path)}\n`);
    expect(unsafeMarkup(render(full))).toEqual([]);
  });

  it('has the content of the path page: methods, HTTP line, parameters with property-string keys, returns, permissions, examples', async () => {
    const { model } = await loadModel({ schema: refs91 }, silentLogger());
    const qemu = model.paths.find((p) => p.path === '/nodes/{node}/qemu')!;
    const md = pathMarkdown(model, qemu, relativeLinks(qemu));
    expect(md).toContain('Methods: GET, POST');
    expect(md).toContain('## POST `/nodes/{node}/qemu` — Create or restore a virtual machine.');
    expect(md).toContain('HTTP: `POST /api2/json/nodes/{node}/qemu` · CLI: `pvesh create /nodes/{node}/qemu` · method name: `create_vm`');
    expect(md).toContain('- **proxied to `{node}`** — The request is forwarded to the cluster node named by parameter `node`.');
    expect(md).toMatch(/^\| `net\[n\]` \| optional \| body \| `\[model=\]<enum> /m);
    expect(md).toContain('**`net[n]`: property string keys**');
    expect(md).toMatch(/^\| `model` \| required \| `<e1000 \\\| e1000-82540em/m);
    expect(md).toContain('### Returns\n\nType: `<array of object>`');
    expect(md).toContain('### Permissions\n\nAny authenticated user.');
    expect(md).toContain('**curl (API token)**\n\n```bash\n');
    expect(md).toContain('parent: [/nodes/{node}](../index.md)');
    expect(md).toContain('[HTML page](index.html)');
    expect(unsafeMarkup(render(md))).toEqual([]);
  });
});

describe('schema text cannot inject markup into the Markdown', () => {
  const evil =
    '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) ![t](https://evil.example/t.png) <javascript:alert(1)> [r]: javascript:alert(1) | a | b |';
  const evilModel = (): ApiModel => {
    const check: PermCheck = { kind: 'perm', path: '/vms/<img src=x onerror=alert(1)>', privs: ['<b onmouseover=alert(1)>'], any: false };
    const keys = [
      key('<svg onload=alert(1)>', schema('string', { description: evil, default: '<x>|`' }), { alias: '<a href="javascript:x">' }),
    ];
    const returns = schema('object', {
      description: evil,
      properties: [{ name: '<iframe>', schema: schema('string', { description: evil, format: { kind: 'inline', keys } }) }],
    });
    const o = op(
      'POST',
      '/nodes/{node}/x',
      [
        nodeParam(),
        param(
          'p',
          schema('string', {
            description: evil,
            verboseDescription: `${evil}\n\n[ref]: javascript:alert(2)\n\n<div onclick=x>`,
            enum: ['<script>', 'a|b', '`x`'],
            pattern: '<img src=x>',
            title: evil,
            synopsis: '<script>`',
            format: { kind: 'inline', keys },
            requires: '<p>',
          }),
        ),
        param('n', schema('string', { format: named('<x>-list'), formatDescription: evil })),
      ],
      {
        summary: evil,
        description: `${evil}\n\n\`\`\`\n<script>in a fence</script>\n\`\`\``,
        name: '<name>',
        permissions: { pointer: '', mode: 'check', check, description: evil },
        returns,
      },
    );
    return model([apiPath('/nodes/{node}/x', [o])], { title: `<script>t</script>`, productName: '<b>Evil</b>' });
  };

  it('renders to nothing but our own tags, with no handlers and no script links', () => {
    const m = evilModel();
    const p = m.paths[0]!;
    const html = render(pathMarkdown(m, p, relativeLinks(p)));
    expect(unsafeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|<div|javascript:[^<"]*<\/a>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps llms.txt and llms-full.txt inert too', () => {
    const files = exportFiles(evilModel());
    for (const f of files.filter((x) => x.file.endsWith('.txt') || x.file.endsWith('.md')))
      expect(unsafeMarkup(render(String(f.content))), f.file).toEqual([]);
  });

  it('keeps a table row one row: pipes and line breaks in cells are escaped', () => {
    const html = render(`| a | b |\n|---|---|\n| ${mdCell('x | y\n\nz \\| w')} | ${mdCode('a|b', true)} |`);
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('<code>a|b</code>');
  });
});

describe('Markdown text helpers', () => {
  it('escapes < outside code only, and keeps safe links', () => {
    expect(mdText('a <b> `<c>` [d](https://e.example/) [f](../g.md)')).toBe('a &lt;b> `<c>` [d](https://e.example/) [f](../g.md)');
    expect(mdText('[x](javascript:alert(1))')).toBe('[x]\\(javascript:alert(1))');
    expect(mdText('[x](java&#115;cript:alert(1))')).toBe('[x]\\(java&#115;cript:alert(1))');
    expect(mdText('![i](https://e.example/i.png)')).toBe('\\![i](https://e.example/i.png)');
  });

  it('fences code that itself contains backticks', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    const fence = mdFence('```\nx\n```', 'bash');
    expect(fence.startsWith('````bash\n')).toBe(true);
    expect(render(fence)).toContain('<pre><code class="language-bash">```\nx\n```\n</code></pre>');
  });
});
