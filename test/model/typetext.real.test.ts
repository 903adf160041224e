/**
 * deriveTypetext: unit tests of each rule, then a comparison with the official `typetext` of every
 * parameter (and property-string key) in the five real viewer dumps.
 *
 * How the real-data comparison is scored:
 * - raw rate: every official typetext counts. Some of them are hand-written in Proxmox's source
 *   (`typetext => 'HH:MM'`), so no derivation can reproduce them from the schema alone.
 * - derivable rate: leaves out the typetexts that are PROVABLY hand-written:
 *     (a) on a node with `enum` or `pattern`: PVE::RESTHandler never generates typetext for those,
 *         so any typetext there came from the source;
 *     (b) whose value appears as a `typetext` in a reference-preserving dump, which is a raw dump
 *         (no typetext is generated into it), so every typetext in it is hand-written.
 *   The 99% bar applies to this rate; the raw rate is printed and held to a lower floor.
 * - named property-string formats are resolved with the `formats` registry of the nearest
 *   reference-preserving dump not older than the viewer dump (only 9.0 and 9.1 exist), so older
 *   dumps also show "registry drift": the format changed between that release and 9.x.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveTypetext, type RawFormatRegistry, type RawSchema } from '../../generator/model/typetext.js';
import { REFS_DUMPS, VIEWER_DUMPS, readViewerTree, walkRaw } from '../helpers/real-schemas.js';

describe('deriveTypetext rules (schema_get_type_text)', () => {
  it('returns an explicit typetext unchanged (hand-written synopses win)', () => {
    expect(deriveTypetext({ type: 'string', typetext: '<volume>', format: { file: { type: 'string' } } })).toBe('<volume>');
  });

  it('wraps format_description in angle brackets, before enum and pattern', () => {
    expect(deriveTypetext({ type: 'string', format_description: 'storage ID', enum: ['a'], pattern: 'x' })).toBe('<storage ID>');
  });

  it('lists enums sorted by code unit, joined with " | "', () => {
    expect(deriveTypetext({ type: 'string', enum: ['tcp', 'Udp', 'icmp'] })).toBe('<Udp | icmp | tcp>');
    // Perl sorts numbers as strings too.
    expect(deriveTypetext({ type: 'integer', enum: [9, 100, 10] })).toBe('<10 | 100 | 9>');
  });

  it('prints a pattern raw, also when the refs loader kept it as a Perl regex', () => {
    expect(deriveTypetext({ type: 'string', pattern: '\\d{1,2}:\\d{1,2}' })).toBe('\\d{1,2}:\\d{1,2}');
    expect(deriveTypetext({ type: 'string', pattern: { 'x-proxmox-regex': '(?^i:[a-z]+)' } })).toBe('(?^i:[a-z]+)');
  });

  it('writes numeric ranges with open ends as N', () => {
    expect(deriveTypetext({ type: 'integer', minimum: 1, maximum: 10 })).toBe('<integer> (1 - 10)');
    expect(deriveTypetext({ type: 'integer', minimum: 0 })).toBe('<integer> (0 - N)');
    expect(deriveTypetext({ type: 'integer', maximum: 32768 })).toBe('<integer> (-N - 32768)');
    expect(deriveTypetext({ type: 'number', minimum: 0.5 })).toBe('<number> (0.5 - N)');
    expect(deriveTypetext({ type: 'integer' })).toBe('<integer>');
  });

  it('numifies range ends like Perl (`+ 0`, %.15g)', () => {
    expect(deriveTypetext({ type: 'integer', minimum: '5', maximum: 999_999_999 })).toBe('<integer> (5 - 999999999)');
    expect(deriveTypetext({ type: 'number', minimum: 1e15 })).toBe('<number> (1e+15 - N)');
    expect(deriveTypetext({ type: 'number', maximum: 0.0001 })).toBe('<number> (-N - 0.0001)');
    expect(deriveTypetext({ type: 'number', maximum: 0.00001 })).toBe('<number> (-N - 1e-05)');
  });

  it('falls back to <type>, and a missing type is a string', () => {
    expect(deriveTypetext({ type: 'boolean' })).toBe('<boolean>');
    expect(deriveTypetext({ type: 'array', items: { type: 'string', format: 'pve-node' } })).toBe('<array>');
    expect(deriveTypetext({})).toBe('<string>');
  });

  it('treats empty strings like Perl does (false) and moves on to the next rule', () => {
    expect(deriveTypetext({ type: 'string', typetext: '', format_description: '', pattern: '' })).toBe('<string>');
  });
});

describe('deriveTypetext property strings (generate_typetext)', () => {
  const disk: RawSchema = {
    file: { type: 'string', format_description: 'volume', default_key: 1 },
    size: { type: 'string', format_description: 'DiskSize', optional: 1 },
    backup: { type: 'boolean', optional: 1 },
    aio: { type: 'string', enum: ['threads', 'native', 'io_uring'], optional: 1 },
    cache: { type: 'string', enum: ['none', 'writeback', 'unsafe', 'directsync'], optional: 1 },
    iops: { type: 'integer', optional: 1 },
    ratio: { type: 'number', optional: 1 },
    pat: { type: 'string', typetext: '<tag>[;<tag>...]', optional: 1 },
  };

  it('puts the default key first, then optional keys sorted, each from description/typetext/enum/type', () => {
    expect(deriveTypetext({ type: 'string', format: disk })).toBe(
      '[file=]<volume> [,aio=<threads|native|io_uring>] [,backup=<1|0>] [,cache=<enum>] [,iops=<integer>]' +
        ' [,pat=<tag>[;<tag>...]] [,ratio=<number>] [,size=<DiskSize>]',
    );
  });

  it('lists required keys before optional ones, separated by " ,"', () => {
    const format = {
      url: { type: 'string', format_description: 'URL', optional: 1 },
      type: { type: 'string', format_description: 'TFATYPE' },
      id: { type: 'string', format_description: 'ID' },
    };
    expect(deriveTypetext({ type: 'string', format })).toBe('id=<ID> ,type=<TFATYPE> [,url=<URL>]');
  });

  it('brackets an optional default key as [[key=]<t>]', () => {
    const format = { enabled: { type: 'boolean', default_key: 1, optional: 1 }, storage: { type: 'string', optional: 1 } };
    expect(deriveTypetext({ type: 'string', format })).toBe('[[enabled=]<1|0>] [,storage=<string>]');
  });

  it('prefers format_description over the key typetext', () => {
    const format = { a: { type: 'string', format_description: 'A', typetext: 'ignored' } };
    expect(deriveTypetext({ type: 'string', format })).toBe('a=<A>');
  });

  it('skips aliases and appends keyAlias pairs last', () => {
    const format = {
      model: { type: 'string', enum: ['e1000', 'virtio'], default_key: 1 },
      macaddr: { type: 'string', format_description: 'XX:XX:XX:XX:XX:XX', optional: 1 },
      virtio: { alias: 'macaddr', keyAlias: 'model', optional: 1 },
      e1000: { alias: 'macaddr', keyAlias: 'model', optional: 1 },
      bridge: { type: 'string', format_description: 'bridge', optional: 1 },
    };
    expect(deriveTypetext({ type: 'string', format })).toBe(
      '[model=]<e1000|virtio> [,bridge=<bridge>] [,macaddr=<XX:XX:XX:XX:XX:XX>] [,<model>=<macaddr>]',
    );
  });

  it('looks named formats up in the registry by exact name', () => {
    const registry: RawFormatRegistry = {
      'backup-performance': { 'max-workers': { type: 'integer', optional: 1 } },
      'pve-node': { 'x-proxmox-code': true },
      'email-opt': null,
    };
    expect(deriveTypetext({ type: 'string', format: 'backup-performance' }, registry)).toBe('[max-workers=<integer>]');
    // code-validated, empty, unknown and -list formats have no keys to show.
    expect(deriveTypetext({ type: 'string', format: 'pve-node' }, registry)).toBe('<string>');
    expect(deriveTypetext({ type: 'string', format: 'email-opt' }, registry)).toBe('<string>');
    expect(deriveTypetext({ type: 'string', format: 'backup-performance-list' }, registry)).toBe('<string>');
    expect(deriveTypetext({ type: 'string', format: 'backup-performance' })).toBe('<string>');
  });

  it('never expands a format on a non-string type', () => {
    expect(deriveTypetext({ type: 'integer', format: 'pve-vmid', minimum: 100 })).toBe('<integer> (100 - N)');
    expect(deriveTypetext({ type: 'integer', format: { a: { type: 'integer' } } })).toBe('<integer>');
  });
});

// ---------------------------------------------------------------------------------------------
// Real schemas

type Category =
  | 'hand-written (enum/pattern node)'
  | 'hand-written (in refs dump)'
  | 'named format (registry of another snapshot)'
  | 'other';

interface Mismatch {
  where: string;
  want: string;
  got: string;
  category: Category;
}

/** Minimal independent reader of a refs dump: tagged values rewritten the way the loader does. */
function readRefsDump(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const json = text.replace(
    /"(?:[^"\\]|\\.)*"|\(\s*"(\w+)"\s*\)\s*\[\s*("(?:[^"\\]|\\.)*")?\s*\]/g,
    (match: string, tag: string | undefined, arg: string | undefined) => {
      if (tag === undefined) return match;
      if (tag === 'Code') return '{"x-proxmox-code":true}';
      if (tag === 'Regex') return `{"x-proxmox-regex":${arg ?? '""'}}`;
      return JSON.stringify({ $ref: '#' + (JSON.parse(arg ?? '""') as string) });
    },
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/** Every `typetext` string anywhere in a document. */
function collectTypetexts(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) collectTypetexts(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'typetext' && typeof child === 'string') into.add(child);
      else collectTypetexts(child, into);
    }
  }
  return into;
}

const refs = REFS_DUMPS.map(({ version, file }) => ({ version, doc: readRefsDump(file) }));
const handWritten = new Set<string>();
for (const { doc } of refs) collectTypetexts(doc, handWritten);

const versionNumber = (version: string): number => Number(version);
function registryFor(version: string): { version: string; registry: RawFormatRegistry } {
  const match = refs.find((r) => versionNumber(r.version) >= versionNumber(version)) ?? refs[refs.length - 1]!;
  return { version: match.version, registry: match.doc.formats as RawFormatRegistry };
}

function compareDump(file: string, registry: RawFormatRegistry) {
  let total = 0;
  let matched = 0;
  const mismatches: Mismatch[] = [];
  const check = (where: string, node: RawSchema): void => {
    if (typeof node.typetext !== 'string') return;
    const { typetext: want, ...rest } = node;
    total++;
    const got = deriveTypetext(rest, registry);
    if (got === want) {
      matched++;
      return;
    }
    const category: Category =
      node.enum !== undefined || node.pattern !== undefined
        ? 'hand-written (enum/pattern node)'
        : handWritten.has(want)
          ? 'hand-written (in refs dump)'
          : typeof node.format === 'string'
            ? 'named format (registry of another snapshot)'
            : 'other';
    mismatches.push({ where, want, got, category });
  };
  for (const pathNode of walkRaw(readViewerTree(file))) {
    for (const [method, info] of Object.entries(pathNode.info ?? {})) {
      const parameters = info.parameters as { properties?: Record<string, RawSchema> } | undefined;
      for (const [name, param] of Object.entries(parameters?.properties ?? {})) {
        check(`${method} ${pathNode.path} ${name}`, param);
        if (param.format && typeof param.format === 'object') {
          for (const [key, sub] of Object.entries(param.format as Record<string, RawSchema>)) {
            check(`${method} ${pathNode.path} ${name}.${key}`, sub);
          }
        }
      }
    }
  }
  const provablyHandWritten = mismatches.filter((m) => m.category.startsWith('hand-written')).length;
  return { total, matched, mismatches, derivableTotal: total - provablyHandWritten };
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(2)}%`;

describe('deriveTypetext against the official typetext of the real viewer dumps', () => {
  const results = VIEWER_DUMPS.map(({ version, file }) => {
    const { version: registryVersion, registry } = registryFor(version);
    return { version, registryVersion, ...compareDump(file, registry) };
  });

  it('matches >= 99% of the derivable typetexts per file and overall (raw >= 98%)', () => {
    const lines: string[] = [];
    for (const r of results) {
      const byCategory: Record<string, number> = {};
      for (const m of r.mismatches) byCategory[m.category] = (byCategory[m.category] ?? 0) + 1;
      console.log(
        `pve-${r.version} (formats of ${r.version === r.registryVersion ? 'same' : r.registryVersion} refs dump): ` +
          `raw ${r.matched}/${r.total} = ${pct(r.matched, r.total)}; ` +
          `derivable ${r.matched}/${r.derivableTotal} = ${pct(r.matched, r.derivableTotal)}; ` +
          `mismatches ${JSON.stringify(byCategory)}`,
      );
    }
    // Mismatches grouped by (category, want, got) across files, most frequent first, capped at 10
    // groups (~30 lines); TT_SHOW=n shows more when investigating.
    const groups = new Map<string, { m: Mismatch; files: Set<string>; count: number }>();
    for (const r of results) {
      for (const m of r.mismatches) {
        const key = `${m.category}\u0000${m.want}\u0000${m.got}`;
        const group = groups.get(key) ?? { m, files: new Set<string>(), count: 0 };
        group.files.add(r.version);
        group.count++;
        groups.set(key, group);
      }
    }
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
    for (const { m, files, count } of sorted.slice(0, Number(process.env.TT_SHOW ?? 10))) {
      lines.push(`[${m.category}] x${count} in ${[...files].join(',')} e.g. ${m.where}`);
      lines.push(`    official: ${m.want.slice(0, 160)}`);
      lines.push(`    derived:  ${m.got.slice(0, 160)}`);
    }
    if (sorted.length > 10) lines.push(`... and ${sorted.length - 10} more distinct mismatches`);
    console.log(lines.join('\n'));

    const sum = (f: (r: (typeof results)[number]) => number): number => results.reduce((s, r) => s + f(r), 0);
    const overall = {
      matched: sum((r) => r.matched),
      total: sum((r) => r.total),
      derivable: sum((r) => r.derivableTotal),
    };
    console.log(
      `overall: raw ${overall.matched}/${overall.total} = ${pct(overall.matched, overall.total)}; ` +
        `derivable ${overall.matched}/${overall.derivable} = ${pct(overall.matched, overall.derivable)}`,
    );

    for (const r of results) {
      expect(r.total, `pve-${r.version} has official typetexts`).toBeGreaterThan(1000);
      expect(r.matched / r.derivableTotal, `pve-${r.version} derivable rate`).toBeGreaterThanOrEqual(0.99);
      expect(r.matched / r.total, `pve-${r.version} raw rate`).toBeGreaterThanOrEqual(0.98);
    }
    expect(overall.matched / overall.derivable).toBeGreaterThanOrEqual(0.99);
    expect(overall.matched / overall.total).toBeGreaterThanOrEqual(0.98);
  });

  it('leaves no mismatch unexplained on the dump whose own format registry we have (9.1)', () => {
    const latest = results.find((r) => r.version === r.registryVersion && r.version === '9.1')!;
    // Every 9.1 mismatch is a hand-written typetext: the rules themselves reproduce everything else.
    expect(latest.mismatches.filter((m) => !m.category.startsWith('hand-written'))).toEqual([]);
  });
});
