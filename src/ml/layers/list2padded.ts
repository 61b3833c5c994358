/**
 * list2padded: a list of 2d arrays in, one time-major Padded batch out (Thinc's list2padded.v1
 * and Ops.list2padded in thinc/backends/ops.py). The sequences are sorted longest first, ties
 * by later index first as Thinc's sort of (length, index) pairs in reverse does, and sizeAtT
 * counts the sequences still running at each step.
 */
import { type Backprop, Model } from "../model.js";
import { tf } from "../tf.js";
import { type Floats2d, type Floats3d, Padded } from "../types.js";
import { flatten, lengthsOf } from "./list2array.js";
import { padded2listData } from "./padded2list.js";

export function list2padded(): Model<Floats2d[], Padded> {
  return new Model<Floats2d[], Padded>("list2padded", forward);
}

export function forward(_model: Model<Floats2d[], Padded>, Xs: Floats2d[], _isTrain: boolean): [Padded, Backprop<Padded, Floats2d[]>] {
  return [list2paddedData(Xs), (dYp) => padded2listData(dYp)];
}

export function list2paddedData(Xs: readonly Floats2d[]): Padded {
  return ragged2padded(flatten(Xs), lengthsOf(Xs));
}

/**
 * Pad sequences stored as consecutive rows of `data`. One gather builds the whole (nS, nB, nO)
 * block from the rows plus one zero row, instead of a pad and a copy per sequence.
 */
export function ragged2padded(data: Floats2d, lengths: Int32Array): Padded {
  const nB = lengths.length;
  const nO = data.shape[1];
  if (nB === 0) return new Padded(tf.zeros([0, 0, 0]) as Floats3d, new Int32Array(0), new Int32Array(0), new Int32Array(0));
  const indices = Int32Array.from(lengths.keys()).sort((a, b) => lengths[b]! - lengths[a]! || b - a);
  const sorted = indices.map((i) => lengths[i]!);
  const nS = sorted[0]!;
  const sizeAtT = new Int32Array(nS);
  for (let t = 0, running = nB; t < nS; t++) {
    while (running > 0 && t >= sorted[running - 1]!) running--;
    sizeAtT[t] = running;
  }
  if (nB === 1) return new Padded(tf.reshape(data, [nS, 1, nO]), sizeAtT, sorted, indices);
  const starts = new Int32Array(nB);
  for (let i = 1; i < nB; i++) starts[i] = starts[i - 1]! + lengths[i - 1]!;
  const zeroRow = data.shape[0];
  const rows = new Int32Array(nS * nB);
  for (let t = 0; t < nS; t++) {
    for (let b = 0; b < nB; b++) {
      const seq = indices[b]!;
      rows[t * nB + b] = t < lengths[seq]! ? starts[seq]! + t : zeroRow;
    }
  }
  const withZeroRow = tf.pad(data, [
    [0, 1],
    [0, 0],
  ]);
  const gathered = tf.gather(withZeroRow, tf.tensor1d(rows, "int32"));
  return new Padded(tf.reshape(gathered, [nS, nB, nO]), sizeAtT, sorted, indices);
}
