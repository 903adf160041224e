/**
 * `pve-apidoc check --schema S [--file CALLS] [-- pvesh ... | -- curl ... | -- METHOD /path k=v ...]`:
 * checks calls against the schema without a server (generator/check). Exit 0 when every call is
 * valid, 8 (EXIT.invalidCall) otherwise, with one line per error on stdout:
 *   calls.txt:3: POST /nodes/pve1/qemu: memroy: property is not defined in schema ...
 * With several schemas (`--schema 8.4=A --schema 9.1=B`) each call is checked against each, and a
 * line per call says in which versions it is valid; error lines then carry the version: [9.1].
 */
import { readFile } from 'node:fs/promises';
import { loadModel, type ModelOptions } from '../build.js';
import { type Checker, createChecker } from '../check/index.js';
import { callLines, parseCall, shellWords } from '../check/parse-call.js';
import { EXIT, InputError, UsageError } from '../errors.js';
import type { Logger } from '../log.js';
import { printable } from '../text/printable.js';
import { parseLabeled } from '../versions/labels.js';
import type { ParsedArgs } from './args.js';

interface Version {
  label: string;
  checker: Checker;
}

interface Source {
  where: string;
  text: string | string[];
}

export async function runCheck(args: ParsedArgs, log: Logger): Promise<number> {
  const o = args.options;
  const schemas = o.list('schema');
  if (schemas.length === 0) throw new UsageError('check needs --schema FILE (or --schema LABEL=FILE, repeated, to compare versions)');
  const file = o.text('file');
  if (file === undefined && args.positionals.length === 0) {
    throw new UsageError('check needs a call: --file CALLS, or after -- a pvesh or curl command line or METHOD /path key=value ...');
  }
  const versions: Version[] = [];
  for (const value of schemas) {
    const labeled = parseLabeled(value);
    const options: ModelOptions = { schema: labeled?.source ?? value, insecure: o.flag('insecure') };
    if (labeled) options.version = labeled.label;
    const { model } = await loadModel(options, log);
    versions.push({ label: labeled?.label ?? (model.version || value), checker: createChecker(model) });
  }
  const sources: Source[] = [];
  if (args.positionals.length > 0) sources.push({ where: 'argv', text: args.positionals });
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (error) {
      throw new InputError(file, null, `cannot read the calls file: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    for (const line of callLines(text)) sources.push({ where: `${file}:${line.line}`, text: line.text });
  }
  const out: string[] = [];
  let invalid = 0;
  for (const source of sources) {
    const words = Array.isArray(source.text) ? source.text : shellWords(source.text);
    const parsed = words === null ? { ok: false as const, error: 'a quote is not closed' } : parseCall(words);
    if (!parsed.ok) {
      invalid++;
      out.push(`${source.where}: ${parsed.error}`);
      continue;
    }
    const { call } = parsed;
    const label = `${source.where}: ${call.method} ${call.path}`;
    const results = versions.map((v) => ({ v, r: v.checker.check(call) }));
    if (results.some(({ r }) => r.status !== 200)) invalid++;
    if (versions.length > 1) {
      const valid = results.filter(({ r }) => r.status === 200).map(({ v }) => v.label);
      const not = results.filter(({ r }) => r.status !== 200).map(({ v }) => v.label);
      out.push(
        `${label}: ${valid.length > 0 ? `valid in ${valid.join(', ')}` : 'valid in none'}${not.length > 0 ? `; invalid in ${not.join(', ')}` : ''}`,
      );
    }
    for (const { v, r } of results) {
      const tag = versions.length > 1 ? `[${v.label}] ` : '';
      if (r.status === 501) out.push(`${label}: ${tag}${r.message}`);
      for (const [param, message] of Object.entries(r.errors)) out.push(`${label}: ${tag}${param}: ${message.replace(/\n/g, ' ')}`);
    }
  }
  const text = out.map((line) => `${printable(line)}\n`).join('');
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  log.info(`${sources.length} call${sources.length === 1 ? '' : 's'} checked: ${invalid === 0 ? 'all valid' : `${invalid} invalid`}`);
  return invalid === 0 ? EXIT.ok : EXIT.invalidCall;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  // stdin has no encoding set: its chunks are Buffers (a string only if someone set one).
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
