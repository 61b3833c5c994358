/**
 * CauchySimilarity: for a pair of batches of vectors, one similarity per row,
 * 1 / (1 + Σ_k W_k (x1_k - x2_k)²), with W learned and starting at ones (Thinc's
 * CauchySimilarity.v1, thinc/layers/cauchysimilarity.py, after Chen (2013)). Mostly used as
 * the comparison of a siamese network.
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats1d, Floats2d } from "../types.js";
import { sumRows } from "../ops/sum-rows.js";

export type Pair = readonly [Floats2d, Floats2d];

export interface CauchySimilarityOptions {
  nI?: number | null;
}

export function cauchySimilarity(opts: CauchySimilarityOptions = {}): Model<Pair, Floats1d> {
  return new Model<Pair, Floats1d>("cauchy_similarity", forward, { init, dims: { nI: opts.nI ?? null, nO: 1 }, params: { W: null } });
}

function checkPair(model: Model<Pair, Floats1d>, [X1, X2]: Pair): void {
  const nI = model.getDim("nI");
  for (const X of [X1, X2]) {
    if (X.rank !== 2 || X.shape[1] !== nI || X.shape[0] !== X1.shape[0]) {
      throw new TsnlpError(
        "E_LAYER_INPUT",
        `Layer 'cauchy_similarity' compares two arrays of the same shape (rows x ${nI}), but got [${X1.shape.join(", ")}] and [${X2.shape.join(", ")}].`,
        { hint: "Give it a pair of arrays with one row per comparison, as siamese does with its encoder's outputs." },
      );
    }
  }
}

function forward(model: Model<Pair, Floats1d>, pair: Pair): [Floats1d, (dSim: Floats1d) => Pair] {
  checkPair(model, pair);
  const [X1, X2] = pair;
  const W = model.getParam("W") as Floats1d;
  const diff = tf.sub(X1, X2) as Floats2d;
  const squares = tf.square(diff) as Floats2d;
  const sim = tf.div(1, tf.add(1, tf.sum(tf.mul(W, squares), 1))) as Floats1d;
  const backprop = (dSim: Floats1d): Pair => {
    // d(1 / (1 + total)) / d total = -1 / (1 + total)² = -sim².
    const dTotal = tf.reshape(tf.mul(tf.neg(dSim), tf.square(sim)), [-1, 1]);
    model.incGrad("W", sumRows(tf.mul(dTotal, squares) as Floats2d));
    const dDiff = tf.mul(tf.mul(2, tf.mul(W, dTotal)), diff) as Floats2d;
    return [dDiff, tf.neg(dDiff) as Floats2d];
  };
  return [sim, backprop];
}

function init(model: Model<Pair, Floats1d>, X?: Pair): void {
  if (X !== undefined) model.setDim("nI", X[0].shape[1]!);
  model.setParam("W", tf.ones([model.getDim("nI")]));
}
