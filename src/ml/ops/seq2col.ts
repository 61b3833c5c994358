/**
 * seq2col: each row concatenated with its nW neighbours on either side (Thinc's ops.seq2col),
 * zeros where the window runs past the edge of its sequence. The host works out which source
 * row feeds which output slot; the backend does one segment-sum for the whole batch.
 */
import { tf } from "../tf.js";
import type { Floats2d, Ints1d } from "../types.js";
import { segmentSum } from "./segment.js";

/** First and one-past-last row of the sequence that holds each row. */
function bounds(nRows: number, lengths: Ints1d | undefined, where: string): [Int32Array, Int32Array] {
  const lens = lengths ?? Int32Array.of(nRows);
  const starts = new Int32Array(nRows);
  const ends = new Int32Array(nRows);
  let row = 0;
  for (const length of lens) {
    if (length < 0) throw new RangeError(`${where}: sequence lengths must be >= 0, got ${length}.`);
    const end = row + length;
    if (end > nRows) break;
    for (let i = row; i < end; i++) {
      starts[i] = row;
      ends[i] = end;
    }
    row = end;
  }
  if (row !== nRows || lens.reduce((sum, length) => sum + length, 0) !== nRows) {
    throw new RangeError(`${where}: the lengths sum to ${lens.reduce((sum, length) => sum + length, 0)}, not to the ${nRows} rows of the array.`);
  }
  return [starts, ends];
}

/** (B, I) -> (B, (2 nW + 1) I): row i becomes rows i - nW .. i + nW of its own sequence, side by side. */
export function seq2col(X: Floats2d, nW: number, lengths?: Ints1d): Floats2d {
  const [B, I] = X.shape;
  const nF = 2 * nW + 1;
  const [starts, ends] = bounds(B, lengths, "seq2col");
  const sources = new Int32Array(B * nF);
  const slots = new Int32Array(B * nF);
  let k = 0;
  for (let i = 0; i < B; i++) {
    const lo = Math.max(starts[i]!, i - nW);
    const hi = Math.min(ends[i]!, i + nW + 1);
    for (let src = lo; src < hi; src++, k++) {
      sources[k] = src;
      slots[k] = i * nF + src - i + nW;
    }
  }
  return tf.reshape(segmentSum(X, sources.subarray(0, k), slots.subarray(0, k), B * nF), [B, nF * I]);
}

/** The gradient of seq2col: each row collects the slots it was copied into. */
export function backpropSeq2col(dY: Floats2d, nW: number, lengths?: Ints1d): Floats2d {
  const nF = 2 * nW + 1;
  const B = dY.shape[0];
  const I = dY.shape[1] / nF;
  const [starts, ends] = bounds(B, lengths, "backpropSeq2col");
  const sources = new Int32Array(B * nF);
  const rows = new Int32Array(B * nF);
  let k = 0;
  for (let j = 0; j < B; j++) {
    // Row j sits in slot f = j - i + nW of every row i within nW of it in its sequence.
    const lo = Math.max(starts[j]!, j - nW);
    const hi = Math.min(ends[j]!, j + nW + 1);
    for (let i = lo; i < hi; i++, k++) {
      sources[k] = i * nF + j - i + nW;
      rows[k] = j;
    }
  }
  return segmentSum(tf.reshape(dY, [B * nF, I]), sources.subarray(0, k), rows.subarray(0, k), B);
}
