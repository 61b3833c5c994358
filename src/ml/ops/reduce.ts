/**
 * Reductions over the sequences of a ragged array (Thinc's ops.reduce_sum / mean / max /
 * first / last) and their backprops. Row-to-sequence bookkeeping runs on the host from the
 * lengths; each reduction is one or two kernels on the backend.
 */
import { type Tensor2D, type Tensor3D, tf } from "../tf.js";
import type { Floats2d, Ints1d } from "../types.js";
import { arange, gatherRows, segmentMean, segmentSum } from "./segment.js";

/** The sequence of each row; checks that the lengths cover the rows (and are > 0 where `positive`). */
function segmentsOf(lengths: Ints1d, nRows: number, where: string, positive: boolean): Int32Array {
  const segments = new Int32Array(nRows);
  let row = 0;
  for (let b = 0; b < lengths.length; b++) {
    const length = lengths[b]!;
    if (length < 0 || (positive && length === 0)) throw new RangeError(`${where}: all sequence lengths must be ${positive ? "> 0" : ">= 0"}, got ${length}.`);
    if (row + length > nRows) break;
    segments.fill(b, row, row + length);
    row += length;
  }
  const total = lengths.reduce((sum, length) => sum + length, 0);
  if (total !== nRows) throw new RangeError(`${where}: the lengths sum to ${total}, not to the ${nRows} rows of the array.`);
  return segments;
}

/** Index of the first row of each sequence. */
function firstRows(lengths: Ints1d): Int32Array {
  const starts = new Int32Array(lengths.length);
  for (let b = 1; b < lengths.length; b++) starts[b] = starts[b - 1]! + lengths[b - 1]!;
  return starts;
}

export function reduceSum(X: Floats2d, lengths: Ints1d): Floats2d {
  return segmentSum(X, arange(X.shape[0]), segmentsOf(lengths, X.shape[0], "reduceSum", false), lengths.length);
}

export function backpropReduceSum(dY: Floats2d, lengths: Ints1d): Floats2d {
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return gatherRows(dY, segmentsOf(lengths, total, "backpropReduceSum", false));
}

/** Each sequence's mean; an empty sequence gives a zero row, as in Thinc. */
export function reduceMean(X: Floats2d, lengths: Ints1d): Floats2d {
  return segmentMean(X, arange(X.shape[0]), segmentsOf(lengths, X.shape[0], "reduceMean", false), lengths.length);
}

export function backpropReduceMean(dY: Floats2d, lengths: Ints1d): Floats2d {
  const scale = new Float32Array(lengths.length);
  for (let b = 0; b < lengths.length; b++) scale[b] = lengths[b]! > 0 ? 1 / lengths[b]! : 0;
  return backpropReduceSum(tf.mul(dY, tf.tensor2d(scale, [lengths.length, 1])) as Floats2d, lengths);
}

/**
 * Each sequence's column-wise maximum and where it is (int32 (B, O), the position inside the
 * sequence, the first on ties). The sequences are laid out padded, (B, longest, O), with
 * -Infinity in the padding, so that one max and one argMax do the whole batch.
 */
export function reduceMax(X: Floats2d, lengths: Ints1d): [Floats2d, Tensor2D] {
  const [T, O] = X.shape;
  const B = lengths.length;
  const segments = segmentsOf(lengths, T, "reduceMax", true);
  // wasm's max over a (0, 0, O) tensor divides by zero.
  if (B === 0) return [tf.zeros([0, O]) as Floats2d, tf.zeros([0, O], "int32") as Tensor2D];
  const longest = lengths.reduce((max, length) => Math.max(max, length), 0);
  const slots = new Int32Array(T);
  const starts = firstRows(lengths);
  for (let t = 0; t < T; t++) slots[t] = segments[t]! * longest + t - starts[segments[t]!]!;
  let padded = tf.reshape(segmentSum(X, arange(T), slots, B * longest), [B, longest, O]) as Tensor3D;
  if (T < B * longest) {
    const pads = new Float32Array(B * longest).fill(Number.NEGATIVE_INFINITY);
    for (let t = 0; t < T; t++) pads[slots[t]!] = 0;
    padded = tf.add(padded, tf.tensor3d(pads, [B, longest, 1]));
  }
  return [tf.max(padded, 1) as Floats2d, tf.argMax(padded, 1) as Tensor2D];
}

/** The gradient of reduceMax: dY[b, o] goes to the row at position which[b, o] of sequence b. */
export function backpropReduceMax(dY: Floats2d, which: Tensor2D, lengths: Ints1d): Floats2d {
  const T = lengths.reduce((sum, length) => sum + length, 0);
  const segments = segmentsOf(lengths, T, "backpropReduceMax", true);
  if (T === 0) return tf.zeros([0, dY.shape[1]]) as Floats2d;
  const starts = firstRows(lengths);
  const positions = new Float32Array(T);
  for (let t = 0; t < T; t++) positions[t] = t - starts[segments[t]!]!;
  const spread = gatherRows(dY, segments);
  const winners = gatherRows(tf.cast(which, "float32"), segments);
  const mask = tf.cast(tf.equal(winners, tf.tensor2d(positions, [T, 1])), "float32");
  return tf.mul(spread, mask) as Floats2d;
}

export function reduceFirst(X: Floats2d, lengths: Ints1d): Floats2d {
  segmentsOf(lengths, X.shape[0], "reduceFirst", true);
  return gatherRows(X, firstRows(lengths));
}

export function backpropReduceFirst(dY: Floats2d, lengths: Ints1d): Floats2d {
  const T = lengths.reduce((sum, length) => sum + length, 0);
  segmentsOf(lengths, T, "backpropReduceFirst", true);
  return segmentSum(dY, arange(lengths.length), firstRows(lengths), T);
}

function lastRows(lengths: Ints1d): Int32Array {
  const lasts = firstRows(lengths);
  for (let b = 0; b < lasts.length; b++) lasts[b]! += lengths[b]! - 1;
  return lasts;
}

export function reduceLast(X: Floats2d, lengths: Ints1d): Floats2d {
  segmentsOf(lengths, X.shape[0], "reduceLast", true);
  return gatherRows(X, lastRows(lengths));
}

export function backpropReduceLast(dY: Floats2d, lengths: Ints1d): Floats2d {
  const T = lengths.reduce((sum, length) => sum + length, 0);
  segmentsOf(lengths, T, "backpropReduceLast", true);
  return segmentSum(dY, arange(lengths.length), lastRows(lengths), T);
}
