/** Version labels: `--schema LABEL=SOURCE` parsing, version ordering, and the repeatable option. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../generator/cli/args.js';
import { UsageError } from '../../generator/errors.js';
import { compareVersions, parseLabeled, parseSchemaValues, versionPrefix } from '../../generator/versions/labels.js';
import { tempDir } from '../helpers/tree.js';

describe('version labels', () => {
  it('sorts labels as versions', () => {
    expect(['9.1', '10.0', '6.4', '9.0', '8.4', '7.4', '8.4.1'].sort(compareVersions)).toEqual([
      '6.4',
      '7.4',
      '8.4',
      '8.4.1',
      '9.0',
      '9.1',
      '10.0',
    ]);
    expect(['b', 'a', '2', '10'].sort(compareVersions)).toEqual(['2', '10', 'a', 'b']);
  });

  it('parses LABEL=SOURCE and leaves plain sources alone', () => {
    expect(parseLabeled('9.1=../shared/schemas/pve-9.1.apidata.js')).toEqual({
      label: '9.1',
      source: '../shared/schemas/pve-9.1.apidata.js',
    });
    expect(parseLabeled('9.1=https://h:8006/pve-docs/api-viewer/apidata.js?a=b')).toEqual({
      label: '9.1',
      source: 'https://h:8006/pve-docs/api-viewer/apidata.js?a=b',
    });
    expect(parseLabeled('pve-9.1.apidata.js')).toBeNull();
    expect(parseLabeled('https://h/x.js?a=b')).toBeNull();
    expect(parseLabeled('dir/a=b.js')).toBeNull();
    expect(parseLabeled('=x')).toBeNull();
    // An existing file whose name has "=" stays a file.
    const dir = tempDir();
    const odd = join(dir, 'v=1.json');
    writeFileSync(odd, '[]');
    expect(parseLabeled(odd)).toBeNull();
  });

  it('keeps a single plain --schema a single-version build, sorts several', () => {
    expect(parseSchemaValues(['pve-9.1.apidata.js'])).toEqual({ single: 'pve-9.1.apidata.js' });
    expect(parseSchemaValues(['9.1=b.js', '8.4=a.js'])).toEqual({
      versions: [
        { label: '8.4', source: 'a.js' },
        { label: '9.1', source: 'b.js' },
      ],
    });
    expect(() => parseSchemaValues(['9.1=b.js', 'a.js'])).toThrow(UsageError);
    expect(() => parseSchemaValues(['9.1=b.js', '9.1=a.js'])).toThrow(/given twice/);
    expect(versionPrefix('8.4', false)).toBe('v/8.4/');
    expect(versionPrefix('9.1', true)).toBe('');
  });

  it('--schema repeats for build only; it is always a list of sources', () => {
    expect(parseArgs(['build', '--schema', 'a.js']).options.list('schema')).toEqual(['a.js']);
    expect(parseArgs(['build']).options.list('schema')).toEqual([]);
    expect(parseArgs(['build', '--schema', '8.4=a.js', '--schema=9.1=b.js']).options.list('schema')).toEqual(['8.4=a.js', '9.1=b.js']);
    expect(() => parseArgs(['openapi', '--schema', 'a.js', '--schema', 'b.js'])).toThrow(/given twice/);
  });

  it('parses the diff command', () => {
    const args = parseArgs(['diff', 'a.js', 'b.js', '--format', 'json', '--fail-on', 'breaking']);
    expect(args).toMatchObject({ command: 'diff', positionals: ['a.js', 'b.js'] });
    expect([args.options.text('format'), args.options.text('fail-on')]).toEqual(['json', 'breaking']);
    expect(parseArgs(['diff', 'a.js', 'b.js']).options.text('format')).toBe('md');
    expect(() => parseArgs(['diff', 'a', 'b', '--format', 'yaml'])).toThrow('option --format must be one of "md", "json" (got "yaml")');
    expect(() => parseArgs(['diff', 'a', 'b', '--fail-on', 'anything'])).toThrow(UsageError);
  });
});
