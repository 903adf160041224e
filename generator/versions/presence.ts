/**
 * In which of the given versions each operation and each parameter exists, and from that the
 * "since X" and "removed in Y" notes:
 *   - since: the first version of the unbroken run of versions, ending at the page's version, in
 *     which the item exists — omitted when that is the oldest given version (we cannot know when it
 *     really appeared);
 *   - removed in: the first later version without it — omitted when it is in every later version.
 * A parameter repeats neither note when its operation carries the same one.
 */
import { operationKey } from '../diff/compare.js';
import type { ApiModel, Operation } from '../model/types.js';
import type { VersionNoteView } from '../render/site-context.js';

/** Plain data (structured-cloneable, for worker threads): per operation / parameter key, one flag per version. */
export interface PresenceData {
  labels: string[];
  ops: Map<string, boolean[]>;
  params: Map<string, boolean[]>;
}

/** `models` oldest first, one per label. */
export function presenceData(labels: readonly string[], models: readonly ApiModel[]): PresenceData {
  const data: PresenceData = { labels: [...labels], ops: new Map(), params: new Map() };
  models.forEach((model, i) => {
    for (const p of model.paths) {
      for (const op of p.operations) {
        const key = operationKey(op);
        mark(data.ops, key, i, labels.length);
        for (const param of op.parameters) mark(data.params, paramKey(key, param.name), i, labels.length);
      }
    }
  });
  return data;
}

export class VersionPresence {
  private readonly labels: readonly string[];
  private readonly ops: Map<string, boolean[]>;
  private readonly params: Map<string, boolean[]>;

  constructor(data: PresenceData) {
    this.labels = data.labels;
    this.ops = data.ops;
    this.params = data.params;
  }

  operationNote(op: Operation, version: number): VersionNoteView | null {
    return this.note(this.ops.get(operationKey(op)), version);
  }

  parameterNote(op: Operation, parameter: string, version: number): VersionNoteView | null {
    const own = this.note(this.params.get(paramKey(operationKey(op), parameter)), version);
    if (!own) return null;
    const parent = this.operationNote(op, version);
    const since = own.since !== parent?.since ? own.since : '';
    const removedIn = own.removedIn !== parent?.removedIn ? own.removedIn : '';
    return since || removedIn ? { since, removedIn } : null;
  }

  private note(present: boolean[] | undefined, version: number): VersionNoteView | null {
    if (!present?.[version]) return null;
    let first = version;
    while (first > 0 && present[first - 1]) first--;
    let gone = version + 1;
    while (gone < present.length && present[gone]) gone++;
    const since = first > 0 ? this.labels[first]! : '';
    const removedIn = gone < present.length ? this.labels[gone]! : '';
    return since || removedIn ? { since, removedIn } : null;
  }
}

function paramKey(opKey: string, name: string): string {
  return `${opKey}\u0000${name}`;
}

function mark(map: Map<string, boolean[]>, key: string, index: number, count: number): void {
  let present = map.get(key);
  if (!present) {
    present = new Array<boolean>(count).fill(false);
    map.set(key, present);
  }
  present[index] = true;
}
