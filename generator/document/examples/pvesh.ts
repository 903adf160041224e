/**
 * The API shell on a node (pvesh on PVE, pmgsh on PMG): runs as root in-process, so no auth.
 * `get`=GET, `create`=POST, `set`=PUT, `delete`=DELETE; path parameters go into the path (raw,
 * not percent-encoded), required parameters follow as `--name value` (booleans as `--flag 1`).
 */
import type { Operation } from '../../model/types.js';
import { CLI_VERBS } from '../cli.js';
import { shellWord } from './curl.js';
import { exampleRequest, type ExampleContext, type ExampleRequest } from './request.js';

/** Break into ` \`-continued lines once a single line would be longer than this. */
const MAX_LINE = 100;

/** The CLI example, or null when the product has no API shell (PBS). */
export function pvesh(op: Operation, ctx: ExampleContext, req: ExampleRequest = exampleRequest(op, ctx)): string | null {
  const cli = ctx.product.cli;
  if (cli === null) return null;
  const head = `${cli} ${CLI_VERBS[req.method]} ${shellWord(req.cliPath)}`;
  const args = req.args.map((a) => {
    // `--` + name as one word: a name is quoted like any other text when it is not a plain word.
    const flag = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(a.name) ? `--${a.name}` : shellWord(`--${a.name}`);
    return `${flag} ${shellWord(a.value)}`;
  });
  const oneLine = [head, ...args].join(' ');
  if (oneLine.length <= MAX_LINE || args.length < 2) return oneLine;
  return [head, ...args].join(' \\\n  ');
}
