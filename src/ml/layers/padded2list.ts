/**
 * padded2list: a time-major Padded batch in, one 2d array per sequence out, in the original
 * order (Thinc's padded2list.v1 and Ops.padded2list in thinc/backends/ops.py).
 */
import { type Backprop, Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d, Padded } from "../types.js";
import { unflatten } from "./list2array.js";
import { list2paddedData } from "./list2padded.js";

export function padded2list(): Model<Padded, Floats2d[]> {
  return new Model<Padded, Floats2d[]>("padded2list", forward);
}

export function forward(_model: Model<Padded, Floats2d[]>, Xp: Padded, _isTrain: boolean): [Floats2d[], Backprop<Floats2d[], Padded>] {
  return [padded2listData(Xp), (dYs) => list2paddedData(dYs)];
}

export function padded2listData(Xp: Padded): Floats2d[] {
  const { data, lengths } = padded2ragged(Xp);
  return unflatten(data, lengths);
}

/**
 * The rows of every sequence, unpadded and in the original order, with their lengths: one
 * gather over the (nS * nB, nO) rows, the inverse of ragged2padded.
 */
export function padded2ragged(Xp: Padded): { data: Floats2d; lengths: Int32Array } {
  const [nS, nB, nO] = Xp.data.shape;
  const lengths = new Int32Array(nB);
  const column = new Int32Array(nB);
  for (let b = 0; b < nB; b++) {
    lengths[Xp.indices[b]!] = Xp.lengths[b]!;
    column[Xp.indices[b]!] = b;
  }
  const total = lengths.reduce((sum, n) => sum + n, 0);
  const flat = tf.reshape(Xp.data, [nS * nB, nO]) as Floats2d;
  if (nB === 1) return { data: total === nS ? flat : (tf.slice(flat, [0, 0], [total, nO]) as Floats2d), lengths };
  const rows = new Int32Array(total);
  let at = 0;
  for (let i = 0; i < nB; i++) for (let t = 0; t < lengths[i]!; t++) rows[at++] = t * nB + column[i]!;
  return { data: tf.gather(flat, tf.tensor1d(rows, "int32")) as Floats2d, lengths };
}
