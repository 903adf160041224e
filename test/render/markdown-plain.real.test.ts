/**
 * render/markdown.ts writes plain one-line sentences without running marked (PLAIN_SENTENCE): the
 * result must be exactly what marked gives, for every string of the real schemas that takes that
 * path and for many generated ones.
 */
import { readFileSync } from 'node:fs';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createMarkdown, PLAIN_SENTENCE } from '../../generator/render/markdown.js';
import { VIEWER_DUMPS } from '../helpers/real-schemas.js';

const reference = new Marked({ gfm: true, breaks: false, async: false });

function strings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, into);
  return into;
}

function mismatches(texts: Iterable<string>): { count: number; examples: string[] } {
  const md = createMarkdown();
  const examples: string[] = [];
  let count = 0;
  for (const text of texts) {
    if (!PLAIN_SENTENCE.test(text)) continue;
    count++;
    const block = md.block(text);
    const inline = md.inline(text);
    if (block !== reference.parse(text) || inline !== reference.parseInline(text)) examples.push(text);
  }
  return { count, examples };
}

describe('plain sentences skip the Markdown parser', () => {
  it('and come out as marked would render them (every string of the real viewer dumps)', () => {
    const texts = new Set<string>();
    for (const dump of VIEWER_DUMPS) {
      const source = readFileSync(dump.file, 'utf8');
      strings(JSON.parse(source.slice(source.indexOf('['), source.lastIndexOf(']') + 1)), texts);
    }
    const { count, examples } = mismatches(texts);
    expect(count).toBeGreaterThan(1000);
    expect(examples).toEqual([]);
  });

  it('and come out as marked would render them (generated strings from the allowed characters)', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = 'abcXYZ019 ,.;:()\'"/?%+=-';
    const texts = new Set<string>(['a  b', 'A -', 'A ===', 'Ab ---', 'a - b', 'It\'s "x"', 'a1.', 'A/b/c?x=1%2']);
    for (let i = 0; i < 20_000; i++) {
      let text = 'abcXYZ'[i % 6]!;
      for (let n = 1 + (i % 23); n > 0; n--) text += alphabet[Math.floor(random() * alphabet.length)];
      texts.add(text);
    }
    expect(mismatches(texts).examples).toEqual([]);
  });

  it('leaves anything Markdown could give a meaning to, and links, to the parser', () => {
    for (const text of [
      '1. first',
      '- item',
      'see www.example.com',
      'at https://x.org',
      'root@pam',
      'a *b*',
      'a_b_',
      'x <y>',
      'a & b',
      'two\nlines',
      'trailing ',
      ' leading',
      'back\\slash',
      'a `b`',
      '# h',
      'ünïcode',
    ]) {
      expect(PLAIN_SENTENCE.test(text), text).toBe(false);
    }
  });
});
