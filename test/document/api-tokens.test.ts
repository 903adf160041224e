/**
 * A schema that predates API tokens (PVE 5.4: no method declares `allowtoken`; tokens came with
 * 6.2, whose dumps list the key on every method) gets no "curl (API token)" example, no token
 * security scheme, and an Authentication guide that says tokens are not available. Decided from
 * the schema: the same example API with its `allowtoken` keys keeps its token examples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationDoc } from '../../generator/document/operation.js';
import { llmsTxt } from '../../generator/export/llms.js';
import { pathMarkdown, relativeLinks } from '../../generator/export/markdown.js';
import { toOpenApi, type JsonObject } from '../../generator/export/openapi.js';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import type { ApiModel } from '../../generator/model/types.js';
import { SITE_FILES } from '../../generator/model/urls.js';
import { renderSite } from '../../generator/render/pages.js';
import { loadTemplates } from '../../generator/render/templates.js';
import { REPO_ROOT } from '../helpers/repo.js';

const EXAMPLE = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/example-api.json'), 'utf8')) as unknown;

/** The example API with every `allowtoken` key removed: the shape of a PVE 5.4 dump. */
function withoutAllowToken(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAllowToken);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'allowtoken')
      .map(([k, v]) => [k, withoutAllowToken(v)]),
  );
}

const load = (document: unknown, version: string): ApiModel =>
  normalize({ source: `pve-${version}.apidata.js`, dialect: 'viewer', document, product: 'pve' }, silentLogger());

function facts(model: ApiModel) {
  let tokenExamples = 0;
  let noTokenFlags = 0;
  let operations = 0;
  for (const page of model.paths) {
    for (const op of page.operations) {
      operations++;
      const doc = operationDoc(op, model, page);
      const all = [...doc.examples, ...(doc.typicalExamples ?? [])];
      tokenExamples += all.filter((e) => e.id === 'curl-token' || /APIToken/.test(e.code)).length;
      noTokenFlags += doc.flags.filter((f) => f.id === 'no-token').length;
    }
  }
  const files = renderSite(model, loadTemplates(), { cleanUrls: true, baseUrl: '', assetVersions: {} });
  const auth = String(files.find((f) => f.file === SITE_FILES.auth)?.content ?? '');
  const guides = [SITE_FILES.tasks, SITE_FILES.errors].map((file) =>
    String(files.find((f) => f.file === file)?.content ?? '').replace(/&#(?:61|x3D);/gi, '='),
  );
  const pages = files.filter((f) => f.file.startsWith('api/')).map((f) => String(f.content));
  const openapi = toOpenApi(model);
  const schemes = (openapi.components as JsonObject).securitySchemes as JsonObject;
  const markdown = model.paths.map((p) => pathMarkdown(model, p, relativeLinks(p))).join('\n');
  return { operations, tokenExamples, noTokenFlags, auth, guides, pages, schemes, openapi, markdown, llms: llmsTxt(model) };
}

describe('API tokens follow what the schema supports', () => {
  it('a schema with allowtoken (the example API) keeps its token examples and guide', () => {
    const model = load(EXAMPLE, '9.1');
    expect(model.apiTokens).toBeUndefined();
    const f = facts(model);
    expect(f.tokenExamples).toBeGreaterThan(10);
    expect(f.auth).toContain('API tokens (recommended for automation)');
    expect(Object.keys(f.schemes)).toContain('apiToken');
  });

  it('a schema with allowtoken on no method: no token example anywhere, the guide says tokens are not available', () => {
    const model = load(withoutAllowToken(EXAMPLE), '5.4');
    expect(model.apiTokens).toBe(false);
    const f = facts(model);
    expect(f.operations).toBeGreaterThan(10);
    expect(f.tokenExamples).toBe(0);
    for (const page of f.pages) {
      expect(page).not.toContain('curl (API token)');
      expect(page).not.toContain('APIToken=');
    }
    expect(f.markdown).not.toContain('APIToken=');
    expect(f.markdown).not.toContain('curl (API token)');
    // Said once in the guide, not as a "no API tokens" flag on every operation.
    expect(f.noTokenFlags).toBe(0);
    const sentence =
      'API tokens are not available in Proxmox VE 5.4: no method of this schema declares allowtoken, which every method of a ' +
      'schema from a server with API tokens carries (Proxmox VE added API tokens in 6.2). Log in with a ticket.';
    expect(f.auth).toContain(sentence);
    expect(f.auth).not.toContain('API tokens (recommended for automation)');
    expect(f.auth).not.toContain('APIToken=');
    // The Tasks and Errors guides send the ticket instead.
    for (const guide of f.guides) {
      expect(guide).toContain('PVEAuthCookie=');
      expect(guide).not.toContain('APIToken=');
    }
    expect(Object.keys(f.schemes)).not.toContain('apiToken');
    expect(JSON.stringify(f.openapi)).not.toContain('"apiToken"');
    expect(String((f.openapi.info as JsonObject).description)).toContain(sentence);
    expect(f.llms).toContain(sentence);
    expect(f.llms).not.toContain('APIToken=');
  });

  it('the Backup Server, whose schema never has allowtoken, keeps its tokens', () => {
    const pbs = normalize(
      {
        source: 'pbs.js',
        dialect: 'viewer',
        product: 'pbs',
        document: [
          { path: '/version', text: 'version', info: { GET: { name: 'v', returns: { type: 'null' }, permissions: { user: 'all' } } } },
        ],
      },
      silentLogger(),
    );
    expect(pbs.apiTokens).toBeUndefined();
    expect(pbs.paths[0]!.operations[0]!.flags.allowToken).toBe(true);
  });
});
