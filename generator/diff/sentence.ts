/**
 * The words for one change, made at output time: a short sentence as parts that are either plain
 * text or code (a name or value from the schema), so that each output formats code its own way —
 * a Markdown code span (./format.ts), an HTML <code> element (the changelog pages) — without
 * parsing a rendered string back.
 */
import type { Change, ParameterChange, ReturnsChange } from './types.js';

export type Part = { text: string } | { code: string };

const FLAG_TEXT = {
  protected: 'runs in the privileged daemon (protected)',
  allowToken: 'API tokens accepted (allowtoken)',
  downloadAllowed: 'may return a file download (download_allowed)',
  exposeCredentials: 'exposes credentials (expose_credentials)',
  proxyMaster: "forwarded to the cluster's master node (proxyto: master)",
  download: 'returns a file or raw data (download)',
  upload: 'takes raw data as the request body (upload)',
  unstable: 'marked unstable',
} as const;

const code = (value: string): Part => ({ code: value });

/** A value shown as code: strings as they are, anything else as JSON; null: "none". */
const valueOrNone = (value: unknown): Part =>
  value === null ? { text: 'none' } : code(typeof value === 'string' ? value : JSON.stringify(value));

/** Code items separated by ", ". */
function list(values: readonly string[], suffix: (i: number) => string = () => ''): Part[] {
  return values.flatMap((v, i) => [...(i > 0 ? [{ text: ', ' }] : []), code(v), ...(suffix(i) ? [{ text: suffix(i) }] : [])]);
}

/** Joins text parts that follow each other, so outputs see one text run between code parts. */
function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('text' in part && last && 'text' in last) out[out.length - 1] = { text: last.text + part.text };
    else if (!('text' in part) || part.text !== '') out.push(part);
  }
  return out;
}

export function changeSentence(change: Change): Part[] {
  return merge(sentence(change));
}

function sentence(change: Change): Part[] {
  switch (change.kind) {
    case 'permissions-tightened':
    case 'permissions-loosened':
    case 'permissions-changed':
      return [{ text: `permissions ${change.kind.slice('permissions-'.length)}: ${change.from} → ${change.to}` }];
    case 'permissions-description':
      return [{ text: 'permission description changed' }];
    case 'flag':
      if (change.attribute === 'proxyto') return [{ text: 'proxyto: ' }, valueOrNone(change.from), { text: ' → ' }, valueOrNone(change.to)];
      return [{ text: `${change.to ? 'now' : 'no longer'}: ${FLAG_TEXT[change.attribute]}` }];
    case 'returns-type':
    case 'returns-field-added':
    case 'returns-field-removed':
      return returnsSentence(change);
    default:
      return parameterSentence(change);
  }
}

function returnsSentence(change: ReturnsChange): Part[] {
  const field = [{ text: 'returned field ' }, code(change.field)];
  switch (change.kind) {
    case 'returns-type':
      return [
        ...(change.field === '' ? [{ text: 'return value' }] : field),
        { text: ': type ' },
        code(change.from),
        { text: ' → ' },
        code(change.to),
      ];
    case 'returns-field-added':
      return [...field, { text: ' added' }];
    case 'returns-field-removed':
      return [...field, { text: ' removed' }];
  }
}

function parameterSentence(change: ParameterChange): Part[] {
  const name: Part[] = [{ text: 'parameter ' }, code(change.parameter)];
  const fromTo = (what: string, from: Part, to: Part): Part[] => [...name, { text: `: ${what} ` }, from, { text: ' → ' }, to];
  switch (change.kind) {
    case 'parameter-added':
      return [{ text: change.required ? 'required ' : 'optional ' }, ...name, { text: ' added' }];
    case 'parameter-removed':
      return [...name, { text: ' removed' }];
    case 'parameter-required':
      return [...name, { text: ' became required' }];
    case 'parameter-optional':
      return [...name, { text: ' became optional' }];
    case 'parameter-type':
      return fromTo('type', code(change.from), code(change.to));
    case 'parameter-enum-added':
      return [...name, { text: ' now only accepts ' }, ...list(change.values)];
    case 'parameter-enum-dropped':
      return [...name, { text: ' no longer restricted to ' }, ...list(change.values)];
    case 'parameter-enum-values-removed':
      return [...name, { text: ': values removed: ' }, ...list(change.values)];
    case 'parameter-enum-values-added':
      return [...name, { text: ': values added: ' }, ...list(change.values)];
    case 'parameter-default':
      return fromTo('default', valueOrNone(change.from), valueOrNone(change.to));
    case 'parameter-format':
      return fromTo('format', valueOrNone(change.from), valueOrNone(change.to));
    case 'parameter-format-keys-removed':
      return [...name, { text: ': property-string keys removed: ' }, ...list(change.keys)];
    case 'parameter-format-keys-added':
      return [
        ...name,
        { text: ': property-string keys added: ' },
        ...list(
          change.keys.map((k) => k.name),
          (i) => (change.keys[i]?.required ? ' (required)' : ''),
        ),
      ];
    case 'parameter-constraint':
      return fromTo(change.attribute, valueOrNone(change.from), valueOrNone(change.to));
  }
}
