/**
 * A normalized model as bytes and back, exactly. V8's serializer keeps what JSON loses: Maps,
 * Sets, undefined, shared and cyclic references; it does not keep prototypes, so the objects
 * created with a null prototype (lookup tables keyed by schema names, where "constructor" must
 * not be found) are numbered in a walk before encoding and given their null prototype back in
 * the same walk after decoding. Anything else with a prototype of its own (a class instance) is
 * refused rather than restored as a plain object: `encodeModel` returns undefined and the build
 * does not cache that model.
 */
import { deserialize, serialize } from 'node:v8';

interface Encoded {
  value: unknown;
  /** Walk numbers of the null-prototype objects. */
  bare: number[];
}

const PLAIN = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, RegExp.prototype, Date.prototype]);

export function encodeModel(value: unknown): Buffer | undefined {
  const bare: number[] = [];
  let plain = true;
  walk(value, (object, n) => {
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto === null) bare.push(n);
    else if (!PLAIN.has(proto)) plain = false;
  });
  if (!plain) return undefined;
  try {
    return serialize({ value, bare } satisfies Encoded);
  } catch {
    return undefined; // a function or a host object: not cacheable
  }
}

/** The value `encodeModel` encoded; throws on bytes that are not such an encoding. */
export function decodeModel(bytes: Buffer): unknown {
  const decoded: unknown = deserialize(bytes);
  if (typeof decoded !== 'object' || decoded === null || !('value' in decoded) || !('bare' in decoded) || !Array.isArray(decoded.bare)) {
    throw new Error('not an encoded model');
  }
  const bare = new Set(decoded.bare);
  walk(decoded.value, (object, n) => {
    if (bare.has(n)) Object.setPrototypeOf(object, null);
  });
  return decoded.value;
}

/** Visits every object once, depth first, in key order (V8 keeps the order), numbering them. */
function walk(root: unknown, visit: (object: object, n: number) => void): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    visit(value, seen.size - 1);
    const children: unknown[] = [];
    if (value instanceof Map) for (const [k, v] of value) children.push(k, v);
    else if (value instanceof Set) for (const v of value) children.push(v);
    else for (const key of Object.keys(value)) children.push((value as Record<string, unknown>)[key]);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
