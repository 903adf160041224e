/**
 * The notes beside a parameter, a property-string key or a returned field, as data: what each note
 * says is decided here once (`notePhrase`), and every output only formats the phrase.
 */
import { code, joined, phrase, strong, type Phrase } from './phrase.js';

export type Note =
  /** The schema's title of the node (when it differs from the field's name). */
  | { kind: 'title'; title: string }
  /** A `{name}` segment of the URL. */
  | { kind: 'path-parameter'; name: string }
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
  | { kind: 'key-alias'; alias: string };

export function notePhrase(note: Note): Phrase {
  switch (note.kind) {
    case 'title':
      return phrase(strong(note.title));
    case 'path-parameter':
      return phrase('Path parameter: part of the URL (', code(`{${note.name}}`), ').');
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
