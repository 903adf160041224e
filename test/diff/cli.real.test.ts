/** `pve-apidoc diff` as a CI job runs it: output formats, and exit code 7 only with --fail-on breaking. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { REPO_ROOT, VIEWER_DUMPS } from '../helpers/real-schemas.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const file = (version: string): string => VIEWER_DUMPS.find((d) => d.version === version)!.file;

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: tempDir('pve-apidoc-cwd-'),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pve-apidoc diff', () => {
  it('prints JSON in the documented shape; exit 0 without --fail-on', () => {
    const result = run('diff', file('8.4'), file('9.1'), '--format', 'json');
    expect(result.status).toBe(EXIT.ok);
    const json = JSON.parse(result.stdout) as {
      old: string;
      new: string;
      added: string[];
      removed: string[];
      changed: { operation: string; changes: unknown[]; breaking: boolean }[];
    };
    expect(json.old).toBe('8.4');
    expect(json.new).toBe('9.1');
    expect(json.added).toHaveLength(45);
    expect(json.removed).toEqual(['GET /nodes/{node}/scan/glusterfs']);
    expect(json.changed.length).toBeGreaterThan(48);
    for (const c of json.changed) {
      expect(c.operation).toMatch(/^(GET|POST|PUT|DELETE) \//);
      expect(c.changes.length).toBeGreaterThan(0);
      expect(typeof c.breaking).toBe('boolean');
    }
  });

  it('exits 7 with --fail-on breaking when something breaking changed, and prints Markdown', () => {
    const result = run('diff', file('9.0'), file('9.1'), '--fail-on', 'breaking');
    expect(result.status).toBe(EXIT.breaking);
    expect(result.stdout).toMatch(/^# API changes from 9\.0 to 9\.1\n/);
    expect(result.stdout).toContain('## Added operations');
    expect(result.stdout).toContain('**BREAKING**');
  });

  it('exits 0 with --fail-on breaking when nothing breaking changed; LABEL=SOURCE names the versions', () => {
    const result = run('diff', `old=${file('9.1')}`, `new=${file('9.1')}`, '--fail-on', 'breaking', '--format', 'json');
    expect(result.status).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({ old: 'old', new: 'new', breaking: false, added: [], removed: [], changed: [] });
  });

  it('needs exactly two schemas (usage error)', () => {
    const result = run('diff', file('9.1'));
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/diff needs two schemas/);
  });

  it('reports an unreadable schema as an input error', () => {
    expect(run('diff', '/nonexistent/a.js', file('9.1')).status).toBe(EXIT.input);
  });
});
