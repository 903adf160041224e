/** "Since X" / "removed in Y": the unbroken run of versions ending at the page's version. */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../generator/log.js';
import { normalize } from '../../generator/model/normalize.js';
import type { ApiModel, Operation } from '../../generator/model/types.js';
import { VersionPresence, presenceData } from '../../generator/versions/presence.js';

function model(version: string, ops: Record<string, string[]>): ApiModel {
  const document = Object.entries(ops).map(([path, params]) => ({
    path,
    text: path.slice(1),
    leaf: 1,
    info: {
      GET: {
        name: 'x',
        description: 'x',
        parameters: { type: 'object', properties: Object.fromEntries(params.map((p) => [p, { type: 'string', optional: 1 }])) },
        returns: { type: 'null' },
      },
    },
  }));
  return normalize({ source: `t-${version}.json`, dialect: 'viewer', document, version }, silentLogger());
}

const op = (m: ApiModel, path: string): Operation => m.paths.find((p) => p.path === path)!.operations[0]!;

describe('VersionPresence', () => {
  const labels = ['1', '2', '3', '4'];
  const models = [
    model('1', { '/old': ['a'], '/gap': [] }),
    model('2', { '/old': ['a', 'b'], '/new': ['x'] }),
    model('3', { '/old': ['b'], '/new': ['x', 'y'], '/gap': [] }),
    model('4', { '/old': ['b'], '/new': ['x', 'y'], '/gap': [] }),
  ];
  const presence = new VersionPresence(presenceData(labels, models));

  it('gives no "since" for what exists since the oldest version', () => {
    expect(presence.operationNote(op(models[3]!, '/old'), 3)).toBeNull();
  });

  it('gives "since" for operations and parameters, not repeating the operation\'s', () => {
    expect(presence.operationNote(op(models[3]!, '/new'), 3)).toEqual({ since: '2', removedIn: '' });
    expect(presence.parameterNote(op(models[3]!, '/new'), 'x', 3)).toBeNull();
    expect(presence.parameterNote(op(models[3]!, '/new'), 'y', 3)).toEqual({ since: '3', removedIn: '' });
    expect(presence.parameterNote(op(models[3]!, '/old'), 'b', 3)).toEqual({ since: '2', removedIn: '' });
  });

  it('gives "removed in" on older versions', () => {
    expect(presence.parameterNote(op(models[0]!, '/old'), 'a', 0)).toEqual({ since: '', removedIn: '3' });
    expect(presence.parameterNote(op(models[1]!, '/old'), 'a', 1)).toEqual({ since: '', removedIn: '3' });
  });

  it('starts "since" after a gap: what came back counts from its return', () => {
    expect(presence.operationNote(op(models[0]!, '/gap'), 0)).toEqual({ since: '', removedIn: '2' });
    expect(presence.operationNote(op(models[3]!, '/gap'), 3)).toEqual({ since: '3', removedIn: '' });
  });
});
