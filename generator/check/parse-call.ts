/**
 * Calls written the ways people write them, turned into a checker `Call`:
 *   pvesh create /nodes/pve1/qemu --vmid 100 --memory 2048     (get/create/set/delete, ls)
 *   curl -k -X POST https://pve:8006/api2/json/nodes/pve1/qemu -d vmid=100 --data-urlencode 'net0=virtio,bridge=vmbr0'
 *   POST /nodes/pve1/qemu vmid=100 memory=2048                 (one call per line of a file)
 * A line is split into words as a POSIX shell would (quotes, backslashes, a trailing backslash
 * joins the next line), but nothing is ever expanded or run. Repeated keys become arrays, as a
 * repeated form field does.
 */
import type { CallValue } from './value.js';
import type { Call } from './index.js';

export type Parsed = { ok: true; call: Call } | { ok: false; error: string };

/** Shell words of one command line; null when a quote is left open. */
export function shellWords(line: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return null;
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1]!)) j++;
        if (line[j] !== '\n' || line[j - 1] !== '\\') word += line[j];
      }
      if (j >= line.length) return null;
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (line[i + 1] === '\n') i++;
      else if (i + 1 < line.length) {
        word += line[++i];
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Adds one value of a parameter: a repeated name becomes an array, as a repeated form field does.
 * The array is extended in place (copying it on every repeat made 20,000 repeats of one key take
 * tens of seconds), and a name such as `__proto__` is an own property like any other.
 */
export function addParam(params: Record<string, CallValue>, name: string, value: CallValue): void {
  const previous = Object.hasOwn(params, name) ? params[name] : undefined;
  if (previous === undefined) Object.defineProperty(params, name, { value, writable: true, enumerable: true, configurable: true });
  else if (Array.isArray(previous)) previous.push(value);
  else params[name] = [previous, value];
}

/** Any of the three forms, by its first word. */
export function parseCall(words: string[]): Parsed {
  const first = words[0];
  if (first === undefined) return { ok: false, error: 'empty call' };
  if (first === 'pvesh' || first === 'pmgsh') return parsePvesh(words.slice(1));
  if (first === 'curl') return parseCurl(words.slice(1));
  return parseLine(words);
}

const PVESH_METHODS: Record<string, string> = { get: 'GET', ls: 'GET', create: 'POST', set: 'PUT', delete: 'DELETE' };
/** pvesh's own options (not API parameters) and whether each takes a value. */
const PVESH_OWN: Record<string, boolean> = {
  'output-format': true,
  noproxy: false,
  quiet: false,
  'human-readable': false,
  noborder: false,
  noheader: false,
};

function parsePvesh(words: string[]): Parsed {
  const [verb, path, ...rest] = words;
  const method = verb === undefined ? undefined : PVESH_METHODS[verb];
  if (!method) return { ok: false, error: `pvesh: expected get, ls, create, set or delete (got ${verb ?? 'nothing'})` };
  if (path === undefined || !path.startsWith('/')) return { ok: false, error: 'pvesh: expected an API path such as /nodes/pve1/qemu' };
  const params: Record<string, CallValue> = {};
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (!word.startsWith('-') || word === '-' || word === '--') return { ok: false, error: `pvesh: unexpected argument ${word}` };
    const bare = word.replace(/^--?/, '');
    const eq = bare.indexOf('=');
    const name = eq >= 0 ? bare.slice(0, eq) : bare;
    let value: string;
    if (eq >= 0) value = bare.slice(eq + 1);
    else if (rest[i + 1] !== undefined && !/^--?[A-Za-z]/.test(rest[i + 1]!)) value = rest[++i]!;
    // A flag without a value: pvesh takes it as 1 (booleans).
    else value = '1';
    if (Object.hasOwn(PVESH_OWN, name)) continue;
    addParam(params, name, value);
  }
  return { ok: true, call: { method, path, params } };
}

/** curl options that take a value we do not need (so the value is not taken for the URL). */
const CURL_WITH_VALUE = new Set([
  '-b',
  '--cookie',
  '-u',
  '--user',
  '-o',
  '--output',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '--cacert',
  '--cert',
  '--key',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--resolve',
  '-c',
  '--cookie-jar',
  '--retry',
]);

function parseCurl(words: string[]): Parsed {
  let method: string | null = null;
  let url: string | null = null;
  let get = false;
  let json = false;
  const data: { text: string; encode: boolean }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const long = /^(--[a-z-]+)=(.*)$/s.exec(w);
    const flag = long ? long[1]! : w;
    const next = (): string | undefined => (long ? long[2] : words[++i]);
    if (flag === '-X' || flag === '--request') method = next() ?? null;
    else if (/^-X./.test(w)) method = w.slice(2);
    else if (flag === '-d' || flag === '--data' || flag === '--data-raw' || flag === '--data-binary' || flag === '--data-ascii') {
      const v = next();
      if (v === undefined) return { ok: false, error: `curl: ${flag} needs a value` };
      if (v.startsWith('@')) return { ok: false, error: `curl: ${flag} ${v}: data from a file cannot be checked` };
      data.push({ text: v, encode: false });
    } else if (flag === '--data-urlencode') {
      const v = next();
      if (v === undefined) return { ok: false, error: 'curl: --data-urlencode needs a value' };
      data.push({ text: v, encode: true });
    } else if (flag === '-G' || flag === '--get') get = true;
    else if (flag === '-H' || flag === '--header') {
      const h = next() ?? '';
      if (/^content-type:\s*application\/json/i.test(h)) json = true;
    } else if (flag === '--json') {
      const v = next();
      if (v === undefined) return { ok: false, error: 'curl: --json needs a value' };
      json = true;
      data.push({ text: v, encode: false });
    } else if (flag === '--url') url = next() ?? null;
    else if (CURL_WITH_VALUE.has(flag)) next();
    else if (w.startsWith('-')) continue;
    else if (url === null) url = w;
    else return { ok: false, error: `curl: more than one URL (${w})` };
  }
  if (url === null) return { ok: false, error: 'curl: no URL' };
  const at = url.indexOf('/api2/json/');
  if (at < 0) return { ok: false, error: `curl: not an API URL (expected .../api2/json/...): ${url}` };
  const rest = url.slice(at + '/api2/json'.length);
  const q = rest.indexOf('?');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  const params: Record<string, CallValue> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(rest.slice(q + 1))) addParam(params, k, v);
  if (json && !get) {
    for (const d of data) {
      let body: unknown;
      try {
        body = JSON.parse(d.text);
      } catch {
        return { ok: false, error: 'curl: the JSON body does not parse' };
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        return { ok: false, error: 'curl: the JSON body must be an object' };
      for (const [k, v] of Object.entries(body as Record<string, CallValue>)) addParam(params, k, v);
    }
  } else {
    for (const d of data) {
      if (d.encode) {
        // --data-urlencode name=content: content as written; a bare "content" or "=content" has no name.
        const eq = d.text.indexOf('=');
        if (eq <= 0) return { ok: false, error: `curl: --data-urlencode ${d.text}: no parameter name` };
        addParam(params, d.text.slice(0, eq), d.text.slice(eq + 1));
      } else for (const [k, v] of new URLSearchParams(d.text)) addParam(params, k, v);
    }
  }
  const verb = (method ?? (data.length > 0 && !get ? 'POST' : 'GET')).toUpperCase();
  return { ok: true, call: { method: verb, path, params } };
}

function parseLine(words: string[]): Parsed {
  const [method, path, ...rest] = words;
  if (!/^[A-Za-z]+$/.test(method ?? '') || path === undefined || !path.startsWith('/')) {
    return { ok: false, error: 'expected METHOD /path key=value ... (or a pvesh or curl command line)' };
  }
  const params: Record<string, CallValue> = {};
  for (const word of rest) {
    const eq = word.indexOf('=');
    if (eq <= 0) return { ok: false, error: `expected key=value (got ${word})` };
    addParam(params, word.slice(0, eq), word.slice(eq + 1));
  }
  return { ok: true, call: { method: method!.toUpperCase(), path, params } };
}

/** Lines of a calls file: blank lines and # comments skipped, backslash-newline joins lines. */
export function callLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let current = lines[i]!;
    while (current.endsWith('\\') && i + 1 < lines.length) current = `${current.slice(0, -1)} ${lines[++i]!}`;
    if (/^\s*(?:#|$)/.test(current)) continue;
    out.push({ line: start, text: current });
  }
  return out;
}
