/**
 * The words for one change, made at output time as a phrase of the document layer
 * (document/phrase.ts): our words, names and values from the schema as code, schema prose as text,
 * so that each output formats them its own way — Markdown (./format.ts), HTML (the changelog
 * pages) — without parsing a rendered string back.
 */
import { code, joined, type Phrase, type Piece, phrase, text } from '../document/phrase.js';
import type { Change, ParameterChange, ReturnsChange } from './types.js';

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

/** A value shown as code: strings as they are, anything else as JSON; null: "none". */
const valueOrNone = (value: unknown): Piece =>
  value === null ? { kind: 'words', value: 'none' } : code(typeof value === 'string' ? value : JSON.stringify(value));

/** Code items separated by ", ". */
const list = (values: readonly string[]): Piece[] => joined(values.map(code), ', ');

export function changeSentence(change: Change): Phrase {
  return sentence(change);
}

function sentence(change: Change): Phrase {
  switch (change.kind) {
    case 'permissions-tightened':
    case 'permissions-loosened':
    case 'permissions-changed':
      // The summaries name privileges and ACL paths from the schema: schema text, not our words.
      return phrase(`permissions ${change.kind.slice('permissions-'.length)}: `, text(change.from), ' → ', text(change.to));
    case 'permissions-description':
      return phrase('permission description changed');
    case 'flag':
      if (change.attribute === 'proxyto') return phrase('proxyto: ', valueOrNone(change.from), ' → ', valueOrNone(change.to));
      return phrase(`${change.to ? 'now' : 'no longer'}: ${FLAG_TEXT[change.attribute]}`);
    case 'returns-type':
    case 'returns-field-added':
    case 'returns-field-removed':
      return returnsSentence(change);
    default:
      return parameterSentence(change);
  }
}

function returnsSentence(change: ReturnsChange): Phrase {
  const field = phrase('returned field ', code(change.field));
  switch (change.kind) {
    case 'returns-type':
      return phrase(...(change.field === '' ? phrase('return value') : field), ': type ', code(change.from), ' → ', code(change.to));
    case 'returns-field-added':
      return phrase(...field, ' added');
    case 'returns-field-removed':
      return phrase(...field, ' removed');
  }
}

function parameterSentence(change: ParameterChange): Phrase {
  const name = phrase('parameter ', code(change.parameter));
  const fromTo = (what: string, from: Piece, to: Piece): Phrase => phrase(...name, `: ${what} `, from, ' → ', to);
  switch (change.kind) {
    case 'parameter-added':
      return phrase(change.required ? 'required ' : 'optional ', ...name, ' added');
    case 'parameter-removed':
      return phrase(...name, ' removed');
    case 'parameter-required':
      return phrase(...name, ' became required');
    case 'parameter-optional':
      return phrase(...name, ' became optional');
    case 'parameter-type':
      return fromTo('type', code(change.from), code(change.to));
    case 'parameter-enum-added':
      return phrase(...name, ' now only accepts ', ...list(change.values));
    case 'parameter-enum-dropped':
      return phrase(...name, ' no longer restricted to ', ...list(change.values));
    case 'parameter-enum-values-removed':
      return phrase(...name, ': values removed: ', ...list(change.values));
    case 'parameter-enum-values-added':
      return phrase(...name, ': values added: ', ...list(change.values));
    case 'parameter-default':
      return fromTo('default', valueOrNone(change.from), valueOrNone(change.to));
    case 'parameter-format':
      return fromTo('format', valueOrNone(change.from), valueOrNone(change.to));
    case 'parameter-format-keys-removed':
      return phrase(...name, ': property-string keys removed: ', ...list(change.keys));
    case 'parameter-format-keys-added': {
      const keys = change.keys.map((k): Phrase => (k.required ? phrase(code(k.name), ' (required)') : [code(k.name)]));
      return phrase(...name, ': property-string keys added: ', ...keys.flatMap((k, i) => (i === 0 ? k : phrase(', ', ...k))));
    }
    case 'parameter-constraint':
      return fromTo(change.attribute, valueOrNone(change.from), valueOrNone(change.to));
  }
}
