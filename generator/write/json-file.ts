/**
 * Reading the JSON files the write stage finds in the output folder (its record, a legacy
 * manifest, a swap journal): they are the folder's, so untrusted. One reader for all of them.
 */
import { readFileSync } from 'node:fs';
import { lstatOrNull } from './remove.js';

/**
 * The JSON value in `file`, or undefined when there is none we wrote: missing, not a regular file
 * (a link is not followed: it could point anywhere), larger than `maxBytes` (not parsed), or not JSON.
 */
export function readJsonFile(file: string, maxBytes: number): unknown {
  const stat = lstatOrNull(file);
  if (stat === null || !stat.isFile() || stat.size > maxBytes) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
