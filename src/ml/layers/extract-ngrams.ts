/**
 * spacy.extract_ngrams.v1 (spacy/ml/extract_ngrams.py): each doc's unigram ids of one
 * attribute plus hashed n-grams up to ngram_size, counted: the (keys, values, lengths) input of
 * SparseLinear. An n-gram's key is MurmurHash64A (seed 0) over its n ids' 8-byte
 * little-endian words, as Thinc's ops.ngrams computes it; each doc's keys come sorted with
 * their counts, as numpy.unique returns them.
 */
import { murmurHash64A } from "../../util/hash.js";
import { Model } from "../model.js";
import type { ArrayDoc } from "./feature-extractor.js";
import type { SparseLinearInput } from "./sparse-linear.js";

/** spaCy's attribute id of LOWER. */
const LOWER = 66;

export function extractNgrams(ngramSize: number, attr: number = LOWER): Model<ArrayDoc[], SparseLinearInput> {
  return new Model<ArrayDoc[], SparseLinearInput>("extract_ngrams", forward, { attrs: { ngram_size: ngramSize, attr } });
}

/** Thinc's ops.ngrams(n, keys): one key per window of n consecutive ids. */
export function ngrams(n: number, keys: BigUint64Array): BigUint64Array {
  if (n < 1) return new BigUint64Array(0);
  const out = new BigUint64Array(Math.max(0, keys.length - (n - 1)));
  const bytes = new Uint8Array(keys.buffer, keys.byteOffset, keys.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = murmurHash64A(bytes.subarray(8 * i, 8 * (i + n)), 0);
  return out;
}

export function forward(model: Model<ArrayDoc[], SparseLinearInput>, docs: ArrayDoc[]): [SparseLinearInput, () => []] {
  const size = Number(model.attrs.ngram_size);
  const attr = Number(model.attrs.attr);
  const perDoc: Array<[BigUint64Array, Float32Array]> = docs.map((doc) => {
    const unigrams = doc.toArray([attr]).data;
    const parts = [unigrams];
    for (let n = 2; n <= size; n++) parts.push(ngrams(n, unigrams));
    const all = new BigUint64Array(parts.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    all.sort();
    const keys: bigint[] = [];
    const counts: number[] = [];
    for (const key of all) {
      if (keys.length > 0 && keys[keys.length - 1] === key) counts[counts.length - 1]!++;
      else {
        keys.push(key);
        counts.push(1);
      }
    }
    return [BigUint64Array.from(keys), Float32Array.from(counts)];
  });
  const total = perDoc.reduce((sum, [keys]) => sum + keys.length, 0);
  const keys = new BigUint64Array(total);
  const values = new Float32Array(total);
  const lengths = new Int32Array(docs.length);
  let at = 0;
  perDoc.forEach(([docKeys, docCounts], i) => {
    keys.set(docKeys, at);
    values.set(docCounts, at);
    lengths[i] = docKeys.length;
    at += docKeys.length;
  });
  return [[keys, values, lengths], () => []];
}
