/** The guide pages' snippets parse in their languages and use each product's own names. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../generator/model/product.js';
import { guideExamples } from '../../generator/document/examples/guides.js';
import { parseJs, parsePython } from './helpers.js';

describe.each(Object.values(PRODUCTS))('guide snippets for $name', (product) => {
  const g = guideExamples(product);
  it('shell snippets pass bash -n', () => {
    for (const code of [g.loginCurl, g.renewCurl, g.ticketCallCurl, g.waitCurl, g.errorCurl]) {
      expect(execFileSync('bash', ['-n'], { input: code, encoding: 'utf8' })).toBe('');
    }
  });
  it('JavaScript and Python parse', () => {
    for (const code of [g.waitJavaScript, g.errorJavaScript]) expect(() => parseJs(code)).not.toThrow();
    for (const code of [g.waitPython, g.errorPython]) expect(parsePython(code)).toBe('');
  });
  it('uses the product cookie and token header, URL-encodes the password, renews with the ticket', () => {
    expect(g.ticketCallCurl).toContain(`-b "${product.cookieName}=$TICKET"`);
    expect(g.waitCurl).toContain(product.tokenHeaderExample);
    expect(g.loginCurl).toContain('--data-urlencode "password=$PASSWORD"');
    expect(g.renewCurl).toContain('--data-urlencode "password=$TICKET"');
    expect(g.exampleUpid).toMatch(/^UPID:/);
  });
});
