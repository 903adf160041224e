/**
 * Which operations start a background task and return its id (a UPID)? Decided from the returns
 * schema only, so it works for every release and product:
 *
 * - `stated`: the returns schema is a string and says so: its description or title names a task
 *   ("the task ID.", "UPID of the worker", "Worker Task-UPID", PBS's "Unique Process/Task
 *   Identifier"), or its pattern starts with `UPID:` (PBS), or its format is a UPID format.
 * - `likely`: a POST, PUT or DELETE whose returns schema is a bare string: no description, title,
 *   format, pattern or enum. In Proxmox's Perl code these are the calls that fork a worker and
 *   return the UPID (`returns => { type => 'string' }`: VM start, create, vzdump, disk and service
 *   actions); a few such bare strings are something else (a lock token, monitor output), which is
 *   why the page says "probably" and the generated wait code checks for the `UPID:` prefix first.
 * - `none`: anything else (GET requests never start tasks in the published APIs).
 */
import type { Operation, SchemaNode } from '../../model/types.js';

export type TaskKind = 'stated' | 'likely' | 'none';

const TASK_WORDS = /\bupid\b|task[ -]?id|task[- ]upid|task identifier/i;

export function taskKind(op: Operation): TaskKind {
  const r: SchemaNode = op.returns;
  if (r.type !== 'string') return 'none';
  const text = `${r.description ?? ''} ${r.title ?? ''}`;
  const format = r.format?.kind === 'named' ? r.format.name : '';
  if (TASK_WORDS.test(text) || /upid/i.test(format) || /^\W*UPID:/.test(r.pattern ?? '')) return 'stated';
  if (op.method === 'GET') return 'none';
  const bare = !r.description && !r.title && !r.format && !r.pattern && !r.enum?.length;
  return bare ? 'likely' : 'none';
}
