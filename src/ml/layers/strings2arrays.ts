/**
 * strings2arrays: each sequence of strings to a column of their hashes (Thinc's
 * strings2arrays.v1, thinc/layers/strings2arrays.py): murmurhash's hash_unicode, which is
 * MurmurHash3_x86_32 of the UTF-8 bytes with seed 0 as a signed 32-bit integer, stored as
 * uint64, so negative hashes are sign-extended (Thinc's asarray2i(..., dtype="uint64")).
 */
import { murmurhash3X86_32 } from "../../util/murmur3.js";
import { Model } from "../model.js";
import { Uint64s2d } from "../types.js";

const encoder = new TextEncoder();

export function strings2arrays(): Model<ReadonlyArray<readonly string[]>, Uint64s2d[]> {
  return new Model<ReadonlyArray<readonly string[]>, Uint64s2d[]>("strings2arrays", forward);
}

/** hash_unicode(word) as the two 32-bit words of its uint64. */
export function hashUnicodeWords(word: string, out: Uint32Array, at: number): void {
  const hash = murmurhash3X86_32(encoder.encode(word)) | 0;
  out[at] = hash >>> 0;
  out[at + 1] = hash < 0 ? 0xffffffff : 0;
}

function forward(_model: Model<ReadonlyArray<readonly string[]>, Uint64s2d[]>, Xs: ReadonlyArray<readonly string[]>): [Uint64s2d[], () => []] {
  const arrays = Xs.map((words) => {
    const out = new Uint32Array(2 * words.length);
    for (const [i, word] of words.entries()) hashUnicodeWords(word, out, 2 * i);
    return new Uint64s2d(out, words.length, 1);
  });
  // Strings have no gradient.
  return [arrays, () => []];
}
