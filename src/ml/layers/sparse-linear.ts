/**
 * A linear layer over hashed sparse features (Thinc's SparseLinear.v1 / v2,
 * thinc/layers/sparselinear.pyx): each example is a bag of (64-bit key, value) pairs; each key
 * hashes (MurmurHash3_x86_32 of its 8 bytes, seeds 0 and 1) to two slots of a flat weight
 * vector of nO * length, and the example's scores are b + the sum of value * weight.
 *
 * The hashing runs on the host: tfjs has no 64-bit integers, the keys come from host-side
 * feature extraction, and it is a few integer operations per key. The result is a list of flat
 * weight positions; the backend then does one gather, one multiply and one segment sum
 * forward, and one scatter-add backward, so W never leaves the backend.
 *
 * W keeps Thinc's flat layout: v2 reads W[class * length + slot] with slot = hash % length;
 * v1 reads W[slot + class] with slot = hash & (length - 1) (a known Thinc quirk that uses only
 * part of the table, kept so v1 configs mean the same).
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats1d, Floats2d, Uint64s2d } from "../types.js";
import { sumRows } from "../ops/sum-rows.js";

/** keys (one 64-bit id per feature, all examples concatenated), values (one per key), lengths (keys per example). */
export type SparseLinearInput = [keys: Uint64s2d | BigUint64Array, values: Float32Array, lengths: Int32Array];

export interface SparseLinearOptions {
  nO?: number | null;
  length?: number;
  /** Thinc's SparseLinear.v1 slot arithmetic; false (v2) by default. */
  v1Indexing?: boolean;
}

export function sparseLinear(opts: SparseLinearOptions = {}): Model<SparseLinearInput, Floats2d> {
  const length = opts.length ?? 2 ** 18;
  if (!Number.isInteger(length) || length < 1) throw new TsnlpError("E_LAYER_ARGS", `SparseLinear's length must be a positive whole number, not ${length}.`);
  return new Model<SparseLinearInput, Floats2d>("sparse_linear", forward, {
    init,
    dims: { nO: opts.nO ?? null, length },
    params: { W: null, b: null },
    attrs: { v1_indexing: opts.v1Indexing ?? false },
  });
}

/** MurmurHash3_x86_32 of one 64-bit key given as (low, high) 32-bit words, as Thinc hashes it. */
export function murmurhash3Uint64(lo: number, hi: number, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  for (const word of [lo, hi]) {
    let k = Math.imul(word, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= 8;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function keyWords(keys: Uint64s2d | BigUint64Array): Uint32Array {
  if (keys instanceof BigUint64Array) return new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
  return keys.words;
}

interface Positions {
  /** Flat W positions, nO per (key, seed): 2 * nKeys * nO. */
  flat: Int32Array;
  /** The example of each (key, seed). */
  rows: Int32Array;
  /** The value of each (key, seed). */
  values: Float32Array;
}

function positions(model: Model<SparseLinearInput, Floats2d>, [keys, values, lengths]: SparseLinearInput): Positions {
  const nO = model.getDim("nO");
  const length = model.getDim("length");
  const v1 = model.attrs.v1_indexing === true;
  const words = keyWords(keys);
  const nKeys = words.length / 2;
  let total = 0;
  for (const n of lengths) total += n;
  if (total !== nKeys || values.length !== nKeys) {
    throw new TsnlpError("E_LAYER_INPUT", `SparseLinear got ${nKeys} keys and ${values.length} values, but the lengths add up to ${total}.`, {
      hint: "Pass one value per key, and lengths that count the keys of each example.",
    });
  }
  const flat = new Int32Array(2 * nKeys * nO);
  const rows = new Int32Array(2 * nKeys);
  const vals = new Float32Array(2 * nKeys);
  let key = 0;
  lengths.forEach((n, example) => {
    for (let i = 0; i < n; i++, key++) {
      for (let seed = 0; seed < 2; seed++) {
        const hash = murmurhash3Uint64(words[2 * key]!, words[2 * key + 1]!, seed);
        const slot = v1 ? hash & (length - 1) : hash % length;
        const at = 2 * key + seed;
        rows[at] = example;
        vals[at] = values[key]!;
        for (let cls = 0; cls < nO; cls++) flat[at * nO + cls] = v1 ? slot + cls : cls * length + slot;
      }
    }
  });
  return { flat, rows, values: vals };
}

function forward(model: Model<SparseLinearInput, Floats2d>, X: SparseLinearInput): [Floats2d, (dY: Floats2d) => SparseLinearInput] {
  const nO = model.getDim("nO");
  const nB = X[2].length;
  const W = model.getParam("W") as Floats1d;
  const b = model.getParam("b") as Floats1d;
  const { flat, rows, values } = positions(model, X);
  const nPairs = rows.length;
  const flatIndex = tf.tensor1d(flat, "int32");
  const rowIndex = tf.tensor1d(rows, "int32");
  const valueColumn = tf.tensor2d(values, [nPairs, 1]);
  let scores: Floats2d;
  if (nPairs === 0) {
    scores = tf.add(tf.zeros([nB, nO]), b) as Floats2d;
  } else {
    const weighted = tf.mul(tf.reshape(tf.gather(W, flatIndex), [nPairs, nO]), valueColumn);
    // SparseSegmentSum stops at the last example with keys; examples after it score b alone.
    let sums = tf.sparse.sparseSegmentSum(weighted, tf.range(0, nPairs, 1, "int32"), rowIndex) as Floats2d;
    if (sums.shape[0] < nB) sums = tf.concat([sums, tf.zeros([nB - sums.shape[0], nO])], 0);
    scores = tf.add(sums, b) as Floats2d;
  }
  return [
    scores,
    (dScores) => {
      model.incGrad("b", sumRows(dScores as Floats2d));
      const updates = tf.reshape(tf.mul(tf.gather(dScores, rowIndex), valueColumn), [nPairs * nO]);
      // scatterND adds the updates of positions that several keys share.
      const dW = nPairs === 0 ? tf.zerosLike(W) : tf.scatterND(tf.reshape(flatIndex, [nPairs * nO, 1]), updates, W.shape);
      model.incGrad("W", dW);
      return X;
    },
  ];
}

function init(model: Model<SparseLinearInput, Floats2d>, _X?: SparseLinearInput, Y?: Floats2d): void {
  if (Y !== undefined) model.setDim("nO", Y.shape[1]);
  const nO = model.getDim("nO");
  model.setParam("W", tf.zeros([nO * model.getDim("length")]));
  model.setParam("b", tf.zeros([nO]));
}
