/**
 * Every option declared once: name, type, default, help, and the commands that take it. The
 * declarations drive command-line parsing (generator/cli/args.ts; unknown flags are errors with a
 * hint), `--help`, config-file validation and its JSON Schema (generator/config). A module of its
 * own, below both, so that config/ and cli/ read the same declarations without importing each other.
 */
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export type OptionType = 'string' | 'boolean' | 'string[]' | 'number';

export interface OptionSpec {
  name: string;
  type: OptionType;
  help: string;
  /** Value placeholder for --help. */
  arg?: string;
  default?: string | boolean | number;
  commands: readonly string[];
  short?: string;
  choices?: readonly string[];
  /** false: command line only, not allowed in a config file (help, config, verbose, json). */
  config?: false;
  /** The value is a file or folder; in a config file it is relative to the config file's folder. */
  file?: true;
  /**
   * A string option that is a list of values (`--schema`): the commands that take it more than
   * once; the others take one, still as a list of one.
   */
  repeatable?: readonly string[];
  /** A number's allowed range, both ends included (default: 0 to 999999999). */
  range?: readonly [number, number];
  /** A string that must be a CSS colour (options/css-color.ts): it is written into a stylesheet. */
  color?: true;
}

export const COMMANDS: Record<string, string> = {
  build: 'Build the reference site from a schema',
  openapi: 'Export the API as one OpenAPI 3.1 file (JSON or YAML)',
  diff: 'Compare two schemas (OLD NEW): operations added, removed and changed, breaking changes marked',
  dev: 'Serve the site with live reload while you edit templates, styles or the schema',
  preview: 'Serve a built output folder (as a static host would)',
  check: 'Check API calls (pvesh or curl command lines, or METHOD /path key=value lines) against the schema',
  mock: 'Serve a mock API made from the schema (/api2/json/...), for testing scripts',
  serve: 'Serve a built site and forward /api2/json/* to one Proxmox host (--proxy) or the built-in mock',
  mcp: 'Serve the reference to AI assistants: an MCP server on stdio (search, operations, call checks, diffs; read-only)',
  help: 'Show this help',
};

/** The embedded example API, inside the package (not the current folder): what runs without --schema. */
const DEFAULT_SCHEMA = 'schema/example-api.json';

/** DEFAULT_SCHEMA as a path, found from the package wherever the command runs (build, openapi, dev, mock, serve). */
export function defaultSchema(): string {
  return join(packageRoot(), DEFAULT_SCHEMA);
}
/** The address servers listen on unless --host says otherwise: loopback only. */
export const DEFAULT_HOST = '127.0.0.1';
/** Where a build writes unless --out says otherwise. */
export const DEFAULT_OUT = 'dist';

/** The theming options (templates, logo, accent, header and footer links) shape the pages: build and dev read them. */
const THEME_COMMANDS = ['build', 'dev'] as const;

const DECLARATIONS = [
  {
    name: 'schema',
    type: 'string',
    file: true,
    arg: 'FILE|URL',
    help: `Schema source: a file, or an http(s) URL such as https://HOST:8006/pve-docs/api-viewer/apidata.js (default: the embedded example API). For a site with several versions, repeat it as LABEL=SOURCE (e.g. --schema 8.4=pve-8.4.apidata.js --schema 9.1=pve-9.1.apidata.js)`,
    commands: ['build', 'openapi', 'dev', 'check', 'mock', 'serve'],
    repeatable: ['build', 'check'],
  },
  {
    name: 'out',
    type: 'string',
    file: true,
    arg: 'DIR',
    default: DEFAULT_OUT,
    help: "Output folder; the previous build's files in it are replaced atomically, anything else in it is kept (a failed build leaves it untouched)",
    commands: ['build', 'preview', 'serve'],
  },
  // `out` of openapi is a file, not a folder: its own declaration, with its own default.
  {
    name: 'out',
    type: 'string',
    arg: 'FILE',
    default: 'openapi.json',
    help: 'Output file; .yaml or .yml writes YAML, anything else JSON; "-" writes to stdout',
    commands: ['openapi'],
  },
  {
    name: 'formats',
    type: 'string',
    file: true,
    arg: 'FILE|URL',
    help: 'A formats registry (or reference dump) to expand named property-string formats of a viewer dump',
    commands: ['build', 'openapi', 'dev', 'mock', 'serve', 'mcp'],
  },
  { name: 'title', type: 'string', arg: 'TEXT', help: 'Site title (default: product and version)', commands: ['build', 'openapi', 'dev'] },
  {
    name: 'product',
    type: 'string',
    arg: 'ID',
    choices: ['pve', 'pmg', 'pbs'],
    help: 'Product: pve, pmg or pbs (default: detected from the paths)',
    commands: ['build', 'openapi', 'dev'],
  },
  {
    name: 'api-version',
    type: 'string',
    arg: 'LABEL',
    help: 'Version label shown on the site (default: guessed from the file name, e.g. pve-9.1...)',
    commands: ['build', 'openapi', 'dev'],
  },
  {
    name: 'insecure',
    type: 'boolean',
    default: false,
    help: 'Accept a self-signed TLS certificate when reading the schema from a URL (serve: also from the --proxy host)',
    commands: ['build', 'openapi', 'diff', 'dev', 'check', 'mock', 'serve'],
  },
  {
    name: 'format',
    type: 'string',
    arg: 'md|json',
    default: 'md',
    choices: ['md', 'json'],
    help: 'Output format of the comparison: Markdown or JSON',
    commands: ['diff'],
  },
  {
    name: 'fail-on',
    type: 'string',
    arg: 'WHAT',
    choices: ['breaking'],
    help: 'Exit with code 7 when the comparison finds breaking changes',
    commands: ['diff'],
  },
  {
    name: 'emit',
    type: 'string[]',
    arg: 'WHAT',
    choices: ['model'],
    help: 'Debug output beside the site: "model" writes model.json (the normalized model)',
    commands: ['build'],
  },
  {
    name: 'templates',
    type: 'string',
    file: true,
    arg: 'DIR',
    help: 'A folder whose templates override the built-in ones file by file (layout.hbs, pages/*.hbs, partials/*.hbs)',
    commands: THEME_COMMANDS,
  },
  {
    name: 'base-url',
    type: 'string',
    arg: 'URL',
    help: 'Public URL (https://example.org/pve/) or path (/pve/) of the hosted site: canonical links, sitemap.xml (absolute URL only), robots.txt, 404 page links; preview serves below its path',
    commands: ['build', 'preview'],
  },
  {
    name: 'offline',
    type: 'boolean',
    default: false,
    help: 'Offline bundle: a self-contained folder that works opened from disk, plus DIR.zip (no sitemap, robots.txt or canonical links)',
    commands: ['build'],
  },
  {
    name: 'force',
    type: 'boolean',
    default: false,
    // A one-off decision about files that are there now: never a standing setting.
    config: false,
    help: 'Overwrite files in --out that the previous build did not write, where this build writes the same names (without it such a build is refused; files it does not write are kept either way)',
    commands: ['build'],
  },
  {
    name: 'quiet',
    type: 'boolean',
    default: false,
    short: 'q',
    help: 'Print nothing but errors and warnings',
    commands: ['build', 'openapi', 'diff', 'dev', 'preview', 'check', 'mock', 'serve'],
  },
  {
    name: 'verbose',
    type: 'boolean',
    default: false,
    config: false,
    help: 'Print stack traces of errors',
    commands: ['build', 'openapi', 'diff', 'dev', 'preview', 'check', 'mock', 'serve', 'mcp'],
  },
  {
    name: 'help',
    type: 'boolean',
    default: false,
    config: false,
    short: 'h',
    help: 'Show help',
    commands: ['build', 'openapi', 'diff', 'help', 'dev', 'preview', 'check', 'mock', 'serve', 'mcp'],
  },
  {
    name: 'config',
    type: 'string',
    arg: 'FILE',
    config: false,
    file: true,
    help: 'Config file (default: pve-apidoc.config.{ts,mts,mjs,js,json} in the current folder, if there is one)',
    commands: ['build', 'dev', 'preview', 'openapi', 'diff'],
  },
  {
    name: 'json',
    type: 'boolean',
    default: false,
    config: false,
    help: 'Print a machine-readable build summary (counts, warnings, timings, output paths) on stdout',
    commands: ['build'],
  },
  {
    name: 'strict',
    type: 'boolean',
    default: false,
    help: 'Fail (exit code 6) when the build reported warnings; the output is still written',
    commands: ['build'],
  },
  {
    name: 'logo',
    type: 'string',
    arg: 'FILE',
    file: true,
    help: 'Logo image (svg, png, jpg, webp, gif, ico) shown before the title in the header',
    commands: THEME_COMMANDS,
  },
  {
    name: 'accent',
    type: 'string',
    arg: 'COLOR',
    color: true,
    help: 'Accent colour of the header rule and highlights (#rrggbb, a CSS colour name, rgb(), hsl() or oklch())',
    commands: THEME_COMMANDS,
  },
  {
    name: 'header-link',
    type: 'string[]',
    arg: 'TEXT=URL',
    help: 'Extra link in the header navigation (repeatable); URL is http(s)://, mailto: or a path from the site root',
    commands: THEME_COMMANDS,
  },
  { name: 'footer-link', type: 'string[]', arg: 'TEXT=URL', help: 'Extra link in the footer (repeatable)', commands: THEME_COMMANDS },
  {
    name: 'port',
    type: 'number',
    arg: 'PORT',
    range: [0, 65535],
    help: "Port to listen on (default: 5173 for dev, 4173 for preview, the product's port for mock: 8006, PBS 8007; 4174 for serve; 0 picks a free one)",
    commands: ['dev', 'preview', 'mock', 'serve'],
  },
  {
    name: 'host',
    type: 'string',
    arg: 'HOST',
    default: DEFAULT_HOST,
    help: 'Address to listen on (0.0.0.0 serves the whole network)',
    commands: ['dev', 'preview', 'mock', 'serve'],
  },
  {
    name: 'http',
    type: 'boolean',
    default: false,
    help: 'Plain HTTP instead of HTTPS (Proxmox speaks HTTPS only; for clients that cannot skip certificate checks, use the PEM the start line names)',
    commands: ['mock'],
  },
  {
    name: 'cert',
    type: 'string',
    file: true,
    arg: 'FILE',
    help: 'PEM certificate for HTTPS (with --key); without it, a self-signed one is made at start',
    commands: ['mock'],
  },
  {
    name: 'key',
    type: 'string',
    file: true,
    arg: 'FILE',
    help: 'PEM private key of --cert',
    commands: ['mock'],
  },
  {
    name: 'stateless',
    type: 'boolean',
    default: false,
    help: 'Store nothing: every answer is the example response (a created VM is not listed afterwards)',
    commands: ['mock'],
  },
  {
    name: 'state',
    type: 'string',
    file: true,
    arg: 'FILE',
    help: 'Start from this JSON state file (if it exists) and write the state back to it when the mock stops',
    commands: ['mock'],
  },
  {
    name: 'task-seconds',
    type: 'number',
    arg: 'N',
    range: [0, 86400],
    default: 1,
    help: 'Seconds a task runs before its status reads stopped/OK',
    commands: ['mock'],
  },
  {
    name: 'file',
    type: 'string',
    arg: 'FILE',
    file: true,
    help: 'Calls to check, one per line: METHOD /path key=value ..., or pvesh / curl command lines ("-" reads stdin)',
    commands: ['check'],
  },
  {
    name: 'proxy',
    type: 'string',
    arg: 'URL',
    help: 'Forward /api2/json/* to this one Proxmox host (https://HOST:8006); without it, to the built-in mock of --schema',
    commands: ['serve'],
  },
  {
    name: 'layout',
    type: 'string',
    arg: 'NAME',
    default: 'default',
    choices: ['default', 'pve-host'],
    help: 'pve-host: a site pveproxy serves from /usr/share/pve-docs/ (see docs/pve-host.md): explicit file links, API pages in one folder, no .md/.txt/.xml files or 404 page',
    commands: ['build'],
  },
  {
    name: 'cache',
    type: 'string',
    file: true,
    arg: 'DIR',
    help: 'Build cache folder: an unchanged rebuild reuses the model and the rendered files (default: node_modules/.cache/pve-apidoc under the package root of the current folder, else under the current folder)',
    commands: ['build'],
  },
  {
    name: 'no-cache',
    type: 'boolean',
    default: false,
    help: 'Build without reading or writing the cache',
    commands: ['build'],
  },
  {
    name: 'try-it',
    type: 'boolean',
    default: false,
    help: 'Add a console to every operation page that sends the call (same origin: serve the site with pve-apidoc serve)',
    commands: ['build'],
  },
  // `mcp` (generator/cli/mcp-command.ts): the options whose help says something else there.
  {
    name: 'schema',
    type: 'string',
    file: true,
    arg: 'FILE|URL',
    help: 'Schema source (file or http(s) URL); repeat as LABEL=SOURCE to serve several versions (e.g. --schema 8.4=pve-8.4.apidata.js --schema 9.1=pve-9.1.apidata.js)',
    commands: ['mcp'],
    repeatable: ['mcp'],
  },
  {
    name: 'insecure',
    type: 'boolean',
    default: false,
    help: 'Accept a self-signed TLS certificate when reading a schema from a URL',
    commands: ['mcp'],
  },
  {
    name: 'quiet',
    type: 'boolean',
    default: false,
    short: 'q',
    help: 'Print nothing on stderr but errors and warnings',
    commands: ['mcp'],
  },
] as const satisfies readonly OptionSpec[];

export const OPTIONS: readonly OptionSpec[] = DECLARATIONS;

/** The declarations with their literal types, from which the config file's type is derived (generator/config/define.ts). */
export type OptionDeclarations = typeof DECLARATIONS;
