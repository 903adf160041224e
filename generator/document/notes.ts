/**
 * The notes beside a parameter, a property-string key or a returned field, as data: what each note
 * says is decided here once (`notePhrase`), and every output only formats the phrase.
 */
import type { SilenceKind } from '../model/coverage.js';
import { code, joined, phrase, strong, type Phrase } from './phrase.js';

/** What each silence means for the reader, stated without guessing what is missing. */
const SILENCE_NOTES: Record<SilenceKind, string> = {
  'returns-null': 'The schema declares no return value (null).',
  'object-without-properties': 'The schema does not list the fields of this object.',
  'array-items-without-properties': 'The schema does not list the fields of the objects in this array.',
  'array-without-items': 'The schema does not say what this array contains.',
  'string-return-undescribed': 'The schema says only that a string is returned, not what it holds.',
  'parameter-undescribed': 'The schema gives no description.',
  'numeric-textual-default': 'The default is given as text, not as a number.',
};

export type Note =
  /** The schema's title of the node (when it differs from the field's name). */
  | { kind: 'title'; title: string }
  /** A `{name}` segment of the URL. */
  | { kind: 'path-parameter'; name: string; schemaOptional: boolean }
  /** Optional because every `oneOf` variant is, though the parameter itself is not marked. */
  | { kind: 'optional-in-variants' }
  /** The last path segment's values contain `/`: the server reads the rest of the path as this parameter. */
  | { kind: 'slash-in-path'; name: string; example: string; cli: string | null }
  /** `net[n]`: a numbered family of parameters, each sent on its own. */
  | { kind: 'family'; name: string; family: string; range: { first: number; last: number } | null }
  /** `mp[n]` in a returned object: numbered members folded into one row. */
  | { kind: 'family-members'; name: string; range: { first: number; last: number } }
  /** Type-dependent parameter: applies only for some values of the selecting property. */
  | { kind: 'instance-types'; selector: string; types: readonly string[] }
  | { kind: 'requires'; other: string }
  /** An input key we do not interpret, verbatim. */
  | { kind: 'extra'; key: string; value: string }
  /** A property string whose keys this schema does not publish (viewer dump without registry). */
  | { kind: 'format-keys-unpublished'; format: string }
  /** A named format the schema describes by name only. */
  | { kind: 'format-unknown'; format: string }
  /** Property-string key notes. */
  | { kind: 'default-key'; key: string }
  | { kind: 'alias'; of: string }
  | { kind: 'key-alias'; alias: string }
  /** No `type` in the schema: the node's `items` or object keywords make it an array or an object. */
  | { kind: 'implied-type'; type: string; by: 'items' | 'properties' | 'additionalProperties' }
  /** `additionalProperties: 0/1` on an object. */
  | { kind: 'additional-properties'; allowed: boolean }
  /** The row of a map's values (`additionalProperties` is a schema). */
  | { kind: 'map-value' }
  /** A proxmox-schema list property string. */
  | { kind: 'list-format' }
  /** Something the schema leaves out (model/coverage.ts), said where it applies. */
  | { kind: 'silence'; silence: SilenceKind };

export function notePhrase(note: Note): Phrase {
  switch (note.kind) {
    case 'title':
      return phrase(strong(note.title));
    case 'path-parameter':
      return note.schemaOptional
        ? phrase(
            'Path parameter: part of the URL (',
            code(`{${note.name}}`),
            '). The schema marks it optional, but the URL cannot do without it, so it is required.',
          )
        : phrase('Path parameter: part of the URL (', code(`{${note.name}}`), ').');
    case 'slash-in-path':
      return phrase(
        'Values may contain ',
        code('/'),
        ' (e.g. ',
        code(note.example),
        '): the server reads the rest of the path as ',
        code(`{${note.name}}`),
        ...(note.cli ? phrase(', so ', code(note.cli), ' takes the value as it is') : []),
        '; in a URL, ',
        code('%2F'),
        ' works as well.',
      );
    case 'family': {
      const range = note.range ? phrase(' (', code(note.family + note.range.first), ' to ', code(note.family + note.range.last), ')') : [];
      return phrase(
        'Numbered family: ',
        code(note.name),
        ' stands for ',
        code(note.family + '0'),
        ', ',
        code(note.family + '1'),
        ', …',
        ...range,
        '; send each as its own parameter.',
      );
    }
    case 'optional-in-variants':
      return phrase('Optional: the schema marks each of its variants optional, not the parameter itself, so no request needs it.');
    case 'family-members':
      return phrase('Numbered family: ', code(note.name), ` stands for members ${note.range.first} to ${note.range.last}.`);
    case 'instance-types':
      return phrase(...instanceTypesPhrase(note.selector, note.types), '.');
    case 'requires':
      return phrase('Only valid together with ', code(note.other), '.');
    case 'extra':
      return phrase(code(note.key), ': ', code(note.value));
    case 'format-keys-unpublished':
      return phrase(
        'Property string of format ',
        code(note.format),
        ': this schema does not publish its keys (build from the reference dump or pass ',
        code('--formats'),
        ' to list them).',
      );
    case 'format-unknown':
      return phrase(
        'The schema describes format ',
        code(note.format),
        ' only by name; if it is a property string, build from the reference dump or with ',
        code('--formats'),
        ' to list its keys.',
      );
    case 'default-key':
      return phrase('Default key: the value may be given without ', code(note.key + '='), '.');
    case 'alias':
      return phrase('Alias for ', code(note.of), '.');
    case 'key-alias':
      return phrase('Key alias: written as ', code(`<${note.alias}>=<value>`), ' (the ', code(note.alias), ' value is the key).');
    case 'implied-type':
      return phrase('The schema names no type; ', code(note.by), ' makes this ', note.type === 'array' ? 'an array' : 'an object', '.');
    case 'additional-properties':
      return note.allowed ? phrase('Other keys than those listed are allowed.') : phrase('No keys other than those listed are allowed.');
    case 'map-value':
      return phrase('A map: each key not listed above holds a value of this schema.');
    case 'list-format':
      return phrase('A list property string: the values of the element below, separated by commas.');
    case 'silence':
      return phrase(SILENCE_NOTES[note.silence]);
    default: {
      const never: never = note;
      return phrase(String(never));
    }
  }
}

/** "Only when `type` is `a` or `b`": a note, and the heading of a group of parameters. */
export function instanceTypesPhrase(selector: string, types: readonly string[]): Phrase {
  return phrase('Only when ', code(selector), ' is ', ...joined(types.map(code), ' or '));
}
