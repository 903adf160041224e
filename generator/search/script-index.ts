/**
 * The search index written straight from MiniSearch's own maps into the JSON text the index script
 * carries. `jsonForScript(index.toJSON())` gives the same bytes, but it first copies every posting
 * list into plain objects and then walks that copy again to stringify and escape it: a third of
 * the search stage and a burst of garbage (PVE 9.1: 3,581 terms, 34,025 postings, 1,647 stored documents). The loader is unchanged
 * (MiniSearch.loadJS reads this text), and a test compares both ways byte for byte, so a MiniSearch
 * upgrade that changes its serialization fails there rather than here.
 */
import MiniSearch from 'minisearch';
import { jsonForScript, scriptSafe } from '../text/script-json.js';

/** MiniSearch's serialization version (MiniSearch#toJSON writes 2; its loader reads 1 and 2). */
const SERIALIZATION_VERSION = 2;

export class ScriptIndex<T> extends MiniSearch<T> {
  /** Byte for byte `jsonForScript(this.toJSON())`. */
  toScriptJson(): string {
    const out: string[] = [
      '{"documentCount":',
      String(this._documentCount),
      ',"nextId":',
      String(this._nextId),
      ',"documentIds":',
      numericKeyed(this._documentIds, jsonForScript),
      ',"fieldIds":',
      jsonForScript(this._fieldIds),
      ',"fieldLength":',
      numericKeyed(this._fieldLength, jsonForScript),
      ',"averageFieldLength":',
      jsonForScript(this._avgFieldLength),
      ',"storedFields":',
      numericKeyed(this._storedFields, jsonForScript),
      ',"dirtCount":',
      String(this._dirtCount),
      ',"index":[',
    ];
    let first = true;
    for (const [term, fields] of this._index) {
      out.push(first ? '[' : ',[', scriptSafe(JSON.stringify(term)), ',', numericKeyed(fields, postings), ']');
      first = false;
    }
    out.push(`],"serializationVersion":${SERIALIZATION_VERSION}}`);
    return out.join('');
  }
}

/** One field's posting list: document id -> term frequency (a count, so always a plain integer). */
const postings = (freqs: Map<number, number>): string => numericKeyed(freqs, String);

/**
 * A map with number keys as JSON, as `JSON.stringify(Object.fromEntries(map))` writes it: an
 * object's integer keys come out in ascending order whatever the insertion order, so they are
 * sorted here when the map does not already hold them so (MiniSearch's maps nearly always do).
 */
function numericKeyed<V>(map: Map<number, V>, value: (v: V) => string): string {
  let ascending = true;
  let previous = -1;
  for (const key of map.keys()) {
    // Only array-index keys are reordered by an object; anything else keeps insertion order there.
    if (!Number.isInteger(key) || key < 0 || key >= 2 ** 32 - 1) return jsonForScript(Object.fromEntries(map));
    if (key <= previous) ascending = false;
    previous = key;
  }
  const entries = ascending ? map : [...map].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  for (const [key, v] of entries) parts.push(`"${key}":${value(v)}`);
  return `{${parts.join(',')}}`;
}
