/**
 * Theming: logo, accent colour and header/footer links through the options, a user templates
 * folder overriding one partial (examples/theming), all without inline styles (the CSP stays
 * strict), and unthemed builds unchanged.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../generator/build.js';
import { EXIT } from '../../generator/errors.js';
import { silentLogger } from '../../generator/log.js';
import { REPO_ROOT } from '../helpers/repo.js';
import { listFiles, tempDir } from '../helpers/tree.js';

const BIN = join(REPO_ROOT, 'bin', 'pve-apidoc.js');
const EXAMPLE = join(REPO_ROOT, 'examples', 'theming');
const CSP = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'`;

function run(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tempDir('pve-apidoc-cwd-') });
  return { status: result.status, stderr: result.stderr };
}

describe('theming', () => {
  it('builds examples/theming: logo, accent stylesheet, links, and its own footer partial', () => {
    const out = join(tempDir(), 'site');
    const result = run(['build', '--config', join(EXAMPLE, 'pve-apidoc.config.json'), '--out', out]);
    expect(result.status).toBe(EXIT.ok);

    expect(readFileSync(join(out, 'assets/logo.svg')).equals(readFileSync(join(EXAMPLE, 'logo.svg')))).toBe(true);
    expect(readFileSync(join(out, 'assets/theme.css'), 'utf8')).toContain(':root { --accent: #0b7a75; }');

    const page = readFileSync(join(out, 'api/nodes/index.html'), 'utf8');
    expect(page).toContain('<title>/nodes — ACME Proxmox VE API</title>');
    expect(page).toMatch(/<link rel="stylesheet" href="\.\.\/\.\.\/assets\/theme\.css\?v(=|&#x3D;)[0-9a-f]{10}">/);
    expect(page).toMatch(
      /<a class="brand" href="\.\.\/\.\.\/index\.html"><img class="brand-logo" src="\.\.\/\.\.\/assets\/logo\.svg\?v(=|&#x3D;)[0-9a-f]{10}" alt="">ACME Proxmox VE API<\/a>/,
    );
    expect(page).toContain('<a class="user-link" href="https://status.example.com/">Status</a>');
    // The overridden footer, with the footer links; the header is still the built-in one.
    expect(page).toContain('maintained by the ACME platform team');
    expect(page).toContain('<a href="https://example.com/imprint">Imprint</a><a href="mailto:ops@example.com">Operations team</a>');
    expect(page).toContain('<form class="search" role="search"');

    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      expect(html, file).toContain(CSP);
      expect(html, file).not.toMatch(/\sstyle=|<style/);
    }
  });

  it('leaves an unthemed build without theme files or theme markup', async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out }, silentLogger());
    expect(existsSync(join(out, 'assets/theme.css'))).toBe(false);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/theme\.css|brand-logo|user-link|footer-links/);
  });

  it('only links a stylesheet when there is something to style', async () => {
    const out = join(tempDir(), 'site');
    await build({ schema: 'schema/example-api.json', out, theme: { headerLinks: ['Docs=/docs/'] } }, silentLogger());
    expect(existsSync(join(out, 'assets/theme.css'))).toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<a class="user-link" href="/docs/">Docs</a>');
  });

  it.each([
    [['--accent', 'red;} body{display:none'], /option --accent must be a CSS colour: .* \(got "red;\} body\{display:none"\)/],
    [['--accent', 'url(https://evil.example/x)'], /option --accent must be a CSS colour/],
    [['--header-link', 'no-equals-sign'], /--header-link "no-equals-sign" must be TEXT=URL/],
    [['--footer-link', 'X=javascript:alert(1)'], /the URL must be http\(s\):\/\/…, mailto:… or a path from the site root/],
    [['--footer-link', 'X=//evil.example/'], /the URL must be/],
    [['--logo', 'logo.bmp'], /--logo "logo.bmp" must be one of \.svg/],
  ])('rejects %j as a usage error before loading the schema', (args, message) => {
    const result = run(['build', ...args, '--out', join(tempDir(), 'site')]);
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
  });

  it('reports a missing logo file as an input error', () => {
    const result = run(['build', '--logo', '/nonexistent/logo.png', '--out', join(tempDir(), 'site')]);
    expect(result.status).toBe(EXIT.input);
    expect(result.stderr.trim()).toBe('pve-apidoc: /nonexistent/logo.png - logo file not found');
  });

  it('accepts the CSS colour forms it documents', async () => {
    for (const accent of ['#0b5cad', '#abc', 'rebeccapurple', 'rgb(11 92 173)', 'hsl(210, 88%, 36%)', 'oklch(0.5 0.15 250)']) {
      const out = join(tempDir(), 'site');
      await build({ schema: 'schema/example-api.json', out, theme: { accent } }, silentLogger());
      expect(readFileSync(join(out, 'assets/theme.css'), 'utf8')).toContain(`--accent: ${accent};`);
    }
  });
});
