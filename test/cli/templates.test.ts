/**
 * `--templates`: a broken partial names its file and line with exit code 9 (EXIT.template); a folder
 * that does not exist, or a file in it that overrides no built-in template, is an error with a
 * hint instead of a silently ignored option. The previous output is never touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../generator/errors.js';
import { tempDir } from '../helpers/tree.js';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'pve-apidoc.js');

function build(templates: string, out = join(tempDir(), 'site')): { status: number | null; stderr: string; out: string } {
  const result = spawnSync(process.execPath, [BIN, 'build', '--quiet', '--out', out, '--templates', templates], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, out };
}

function folder(files: Record<string, string>): string {
  const dir = join(tempDir(), 'templates');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('--templates', () => {
  it('names the file and line of a partial that does not parse (exit code 9), leaving the previous output alone', () => {
    // A real previous build (only our own builds are ever replaced), marked so a change would show.
    const out = join(tempDir(), 'site');
    expect(spawnSync(process.execPath, [BIN, 'build', '--quiet', '--out', out], { encoding: 'utf8' }).status).toBe(0);
    writeFileSync(join(out, 'index.html'), 'previous build');
    const dir = folder({ 'partials/footer.hbs': '<footer>\n{{#if site}}unclosed\n</footer>\n' });
    const result = build(dir, out);
    expect(result.status).toBe(EXIT.template);
    expect(result.stderr).toContain(join(dir, 'partials', 'footer.hbs'));
    expect(result.stderr).toMatch(/footer\.hbs:\d+ - /);
    expect(result.stderr).not.toContain('internal error');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous build');
  });

  it('rejects a folder that does not exist, with a hint', () => {
    const missing = join(tempDir(), 'no-such-templates');
    const result = build(missing);
    expect(result.status).toBe(EXIT.template);
    expect(result.stderr).toContain(`${missing} - templates folder not found`);
    expect(result.stderr).toMatch(/layout\.hbs, pages\/\*\.hbs or partials\/\*\.hbs/);
    expect(existsSync(result.out)).toBe(false);
  });

  it('rejects a file that overrides nothing, suggesting the built-in it was probably meant for', () => {
    const dir = folder({ 'partials/fotter.hbs': '<footer>mine</footer>' });
    const result = build(dir);
    expect(result.status).toBe(EXIT.template);
    expect(result.stderr).toContain(join(dir, 'partials', 'fotter.hbs'));
    expect(result.stderr).toContain('overrides no built-in template (did you mean partials/footer.hbs?)');
  });

  it('accepts an override, and a new partial that the folder itself uses', () => {
    const dir = folder({ 'partials/footer.hbs': '<footer>{{> my-note}}</footer>', 'partials/my-note.hbs': 'custom footer text' });
    const result = build(dir);
    expect(result.status, result.stderr).toBe(EXIT.ok);
    expect(readFileSync(join(result.out, 'index.html'), 'utf8')).toContain('custom footer text');
  });
});
