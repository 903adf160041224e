/** The CI recipes in docs/ are valid YAML and use only options pve-apidoc has. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseArgs } from '../../generator/cli/args.js';
import { REPO_ROOT } from '../helpers/real-schemas.js';

/** Splits a shell command line into words (double quotes, no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe.each(['docs/ci/github-pages.yml', 'docs/ci/gitlab-ci.yml'])('%s', (file) => {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');

  it('is valid YAML', () => {
    expect(() => parse(text)).not.toThrow();
  });

  it('runs pve-apidoc with options it accepts', () => {
    const commands = text.split('\n').filter((l) => /npx --yes "\$PVE_APIDOC" /.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const line of commands) {
      const argv = words(line.slice(line.indexOf('"$PVE_APIDOC"') + '"$PVE_APIDOC"'.length).split('>')[0]!);
      expect(() => parseArgs(argv), line).not.toThrow();
      expect(argv[0]).toBe('build');
    }
    expect(text).toContain('--offline');
    expect(text).toContain('--base-url');
  });
});
