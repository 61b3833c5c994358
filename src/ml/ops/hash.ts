/**
 * Thinc's ops.hash: four 32-bit bucket keys per 64-bit id, MurmurHash3_x64_128 of the id's 8
 * little-endian bytes (see src/util/murmur3.ts for why that, despite Thinc's helper's name).
 */
import { murmurhash3X64_128Uint64 } from "../../util/murmur3.js";
import { Uint64s2d } from "../types.js";

/**
 * Hash one column of a matrix of 64-bit ids (or a plain list of ids as (low, high) word pairs)
 * into an (n x 4) row-major Uint32Array: row i holds the 128-bit hash of id i as h1 low,
 * h1 high, h2 low, h2 high, as Thinc's NumpyOps.hash lays it out.
 */
export function hashIds(ids: Uint64s2d | Uint32Array, seed: number, column = 0): Uint32Array {
  const words = ids instanceof Uint64s2d ? ids.words : ids;
  const stride = ids instanceof Uint64s2d ? 2 * ids.cols : 2;
  const n = ids instanceof Uint64s2d ? ids.rows : ids.length >>> 1;
  const out = new Uint32Array(4 * n);
  for (let i = 0, at = 2 * column; i < n; i++, at += stride) murmurhash3X64_128Uint64(words[at]!, words[at + 1]!, seed, out, 4 * i);
  return out;
}

/** The bucket keys modulo nV, as the int32 row ids of an embedding table (Thinc: ops.hash(ids, seed) % nV, unsigned). */
export function hashRows(ids: Uint64s2d | Uint32Array, seed: number, nV: number, column = 0): Int32Array {
  const keys = hashIds(ids, seed, column);
  const rows = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) rows[k] = keys[k]! % nV;
  return rows;
}
