/**
 * Weights each row of a ragged batch by its attention: the softmax, within its sequence, of the
 * row's dot product with a learned vector Q (Thinc's ParametricAttention.v1,
 * thinc/layers/parametricattention.py).
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { type Tensor, type Tensor1D, tf } from "../tf.js";
import { type Floats1d, type Floats2d, Ragged } from "../types.js";
import { nextSeed } from "../../util/random.js";

export interface ParametricAttentionOptions {
  nO?: number | null;
}

export function parametricAttention(opts: ParametricAttentionOptions = {}): Model<Ragged, Ragged> {
  return new Model<Ragged, Ragged>("para-attn", forward, { init, dims: { nO: opts.nO ?? null }, params: { Q: null } });
}

/** The sequence number of each row, for segment sums. */
export function segmentIds(lengths: Int32Array): Int32Array {
  let total = 0;
  for (const length of lengths) total += length;
  const ids = new Int32Array(total);
  let row = 0;
  lengths.forEach((length, seq) => {
    ids.fill(seq, row, row + length);
    row += length;
  });
  return ids;
}

/** For each row, the sum of X over the rows of its sequence (wasm has no UnsortedSegmentSum; SparseSegmentSum wants sorted ids, which these are). */
function sumPerSequence(X: Tensor, segments: Tensor1D): Tensor {
  const rows = tf.range(0, X.shape[0]!, 1, "int32");
  return tf.gather(tf.sparse.sparseSegmentSum(X, rows, segments), segments);
}

function forward(model: Model<Ragged, Ragged>, Xr: Ragged): [Ragged, (dY: Ragged) => Ragged] {
  const X = Xr.data;
  const nO = model.getDim("nO");
  if (X.rank !== 2 || X.shape[1] !== nO) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer 'para-attn' expects ragged rows of width ${nO}, but got data of shape [${X.shape.join(", ")}].`);
  }
  const Q = model.getParam("Q") as Floats1d;
  if (X.shape[0] === 0) return [Xr, (dYr) => dYr];
  const segments = tf.tensor1d(segmentIds(Xr.lengths), "int32");
  // X Q as a broadcast product and row sum, not a matMul: Q is a vector, and the wasm backend's
  // matMul caches packed weights by tensor id, so reusing Q's data as [nO, 1] here and [1, nO]
  // in backprop would read stale weights. Thinc clips the logits to [-20, 20] instead of
  // subtracting the maximum.
  const E = tf.exp(tf.clipByValue(tf.sum(tf.mul(X, Q), 1, true), -20, 20));
  const attention = tf.div(E, sumPerSequence(E, segments));
  const output = tf.mul(X, attention) as Floats2d;
  return [
    new Ragged(output, Xr.lengths),
    (dYr) => {
      const dOut = dYr.data;
      const dAttention = tf.sum(tf.mul(X, dOut), 1, true);
      // softmax backprop within each sequence: A * (dA - sum(A * dA))
      const weighted = tf.mul(attention, dAttention);
      const dLogits = tf.sub(weighted, tf.mul(attention, sumPerSequence(weighted, segments)));
      model.incGrad("Q", tf.sum(tf.mul(X, dLogits), 0));
      const dX = tf.add(tf.mul(dOut, attention), tf.mul(dLogits, Q)) as Floats2d;
      return new Ragged(dX, dYr.lengths);
    },
  ];
}

function init(model: Model<Ragged, Ragged>, X?: Ragged): void {
  if (X !== undefined) model.setDim("nO", X.data.shape[1]!);
  // Uniform in [-0.1, 0.1], as though Q were an embedding (Thinc's choice).
  model.setParam("Q", tf.randomUniform([model.getDim("nO")], -0.1, 0.1, "float32", nextSeed()));
}
