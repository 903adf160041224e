/**
 * --accent is written into theme.css: only CSS colours of a strict grammar are taken (hex, the
 * colour functions with numeric arguments, the named colours), from a flag, a config file or the
 * library alike; anything else is a usage error (exit 2) naming the option.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, UsageError } from '../../generator/errors.js';
import { CSS_COLOR_FORMS, isCssColor } from '../../generator/options/css-color.js';
import { parseAccent } from '../../generator/publish/theme.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');

describe('isCssColor', () => {
  it.each([
    '#abc',
    '#ABCD',
    '#0b5cad',
    '#0b5cad80',
    'red',
    'RebeccaPurple',
    'transparent',
    'lightgoldenrodyellow',
    'rgb(11, 92, 173)',
    'rgba(11, 92, 173, 0.5)',
    'rgb(11 92 173)',
    'rgb(4% 36% 68% / 50%)',
    'RGB(1,2,3)',
    'hsl(210, 88%, 36%)',
    'hsla(210deg, 88%, 36%, .5)',
    'hsl(0.5turn 88% 36% / 0.8)',
    'oklch(0.5 0.15 250)',
    'oklch(50% 0.15 250deg / 1)',
    'hwb(210 10% 20%)',
    'lab(50% 40 -20)',
    'rgb(1e2 2 3)',
  ])('takes %s', (value) => {
    expect(isCssColor(value)).toBe(true);
  });

  it.each([
    'banana',
    'reds',
    '',
    '#12',
    '#12345',
    '#1234567',
    '#ggg',
    'rgb()',
    'rgb(1, 2)',
    'rgb(1 2 3 4)',
    'rgb(1, 2, 3, 4, 5)',
    'rgb(1 2 3 / 0.5 / 1)',
    'rgb(1, 2, 3 / 0.5)',
    'rgb(a b c)',
    'rgb(1px 2 3)',
    'rgb(1deg 2 3)',
    'hsl(210, 88%, 36deg)',
    'oklch(0.5, 0.15, 250)',
    'color(srgb 1 0 0)',
    'rgb(var(--x) 0 0)',
    'rgb(calc(1) 2 3)',
    'url(https://evil.example/x)',
    'red;} body{display:none',
    'red }',
    'expression(alert(1))',
    'currentcolor',
  ])('refuses %j', (value) => {
    expect(isCssColor(value)).toBe(false);
  });
});

describe('parseAccent (library callers)', () => {
  it('returns the trimmed colour and refuses the rest with the accepted forms', () => {
    expect(parseAccent('  #abc ')).toBe('#abc');
    expect(() => parseAccent('banana')).toThrow(UsageError);
    expect(() => parseAccent('banana')).toThrow(`--accent "banana" is not a CSS colour: ${CSS_COLOR_FORMS}`);
  });
});

describe('the CLI', () => {
  it('refuses --accent banana with exit 2 naming the option, before anything is written', () => {
    const out = join(tempDir(), 'site');
    const result = spawnSync(process.execPath, [BIN, 'build', '--accent', 'banana', '--out', out], { encoding: 'utf8', cwd: tempDir() });
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr.trim()).toBe(`pve-apidoc: option --accent must be a CSS colour: ${CSS_COLOR_FORMS} (got "banana")`);
    expect(existsSync(out)).toBe(false);
  });
});
