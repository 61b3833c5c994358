/**
 * The parser's lower layer (spaCy's spacy.PrecomputableAffine.v1,
 * spacy/ml/_precomputable_affine.py): instead of an affine transform per parser state, forward
 * computes each token's contribution for each of the nF state feature slots once per batch:
 * Yf[1 + t, f] = X[t] W[:, f] (nO x nP each), with row 0 holding a learned padding used for
 * missing features. The parser sums Yf[ids + 1] over the slots, adds b and takes the maxout.
 *
 * W is stored (nI, nF, nO, nP) so forward is one plain matMul; spaCy stores (nF, nO, nP, nI).
 *
 * Backprop takes what the parser has: the gradient per state (nB, nO, nP) and the token ids of
 * each state's features (nB, nF, -1 where missing), and returns the gradient of the gathered
 * features (nB, nF, nI), which the parser scatters back onto its tokens.
 */
import { TsnlpError } from "../../util/errors.js";
import { type ForwardFn, Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d, Floats3d, Floats4d, Ints2d } from "../types.js";
import { sumRows } from "../ops/sum-rows.js";
import { weightGrad } from "../ops/weight-grad.js";
import { nextSeed } from "../../util/random.js";

export interface PrecomputableAffineOptions {
  nO?: number | null;
  nI?: number | null;
  nF: number;
  nP: number;
  dropout?: number;
}

/** What backprop takes: the gradient per state and the feature ids of each state. */
export type PrecomputedGradient = [dY: Floats3d, ids: Ints2d];

export function precomputableAffine(opts: PrecomputableAffineOptions): Model<Floats2d, Floats4d> {
  return new Model<Floats2d, Floats4d>("precomputable_affine", forward as unknown as ForwardFn<Floats2d, Floats4d>, {
    init,
    dims: { nO: opts.nO ?? null, nI: opts.nI ?? null, nF: opts.nF, nP: opts.nP },
    params: { W: null, b: null, pad: null },
    attrs: { dropout_rate: opts.dropout ?? 0.1 },
  });
}

/** Call the backprop of precomputableAffine's forward with its real argument type. */
export function backpropPrecomputed(backprop: (dY: Floats4d) => Floats2d, dY: Floats3d, ids: Ints2d): Floats3d {
  return (backprop as unknown as (grad: PrecomputedGradient) => Floats3d)([dY, ids]);
}

function forward(model: Model<Floats2d, Floats4d>, X: Floats2d): [Floats4d, (grad: PrecomputedGradient) => Floats3d] {
  const nF = model.getDim("nF");
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const nI = model.getDim("nI");
  if (X.rank !== 2 || X.shape[1] !== nI) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer 'precomputable_affine' expects token vectors of width ${nI}, but got shape [${X.shape.join(", ")}].`, {
      hint: "The parser's tok2vec width must match the lower layer's nI.",
    });
  }
  const nFOP = nF * nO * nP;
  const W = model.getParam("W");
  const pad = model.getParam("pad");
  const Yf = tf.reshape(tf.concat([tf.reshape(pad, [1, nFOP]), tf.matMul(X, tf.reshape(W, [nI, nFOP]))], 0), [X.shape[0] + 1, nF, nO, nP]) as Floats4d;
  return [
    Yf,
    ([dY, ids]) => {
      const nB = dY.shape[0];
      if (dY.shape[1] !== nO || dY.shape[2] !== nP || ids.rows !== nB || ids.cols !== nF) {
        throw new TsnlpError(
          "E_LAYER_GRADIENT",
          `precomputable_affine's backprop expects dY (nB, ${nO}, ${nP}) and ids (nB, ${nF}), but got dY [${dY.shape.join(", ")}] and ids ${ids.rows} x ${ids.cols}.`,
        );
      }
      const nOP = nO * nP;
      const dY2 = tf.reshape(dY, [nB, nOP]);
      // Missing features (id < 0) read the padding: their gradient goes to pad[f], not to W.
      const missing = new Float32Array(nB * nF);
      const safeIds = new Int32Array(nB * nF);
      for (let k = 0; k < missing.length; k++) {
        const id = ids.data[k]!;
        missing[k] = id < 0 ? 1 : 0;
        safeIds[k] = id < 0 ? 0 : id;
      }
      const missingMask = tf.tensor2d(missing, [nB, nF]);
      model.incGrad("pad", tf.reshape(weightGrad(missingMask, dY2 as Floats2d), [1, nF, nO, nP]));
      model.incGrad("b", tf.reshape(sumRows(dY2 as Floats2d), [nO, nP]));
      // The features each state read, with missing ones zeroed (spaCy reads X[-1] there, which sends
      // a spurious gradient to W; the padding does not depend on W).
      const present = tf.reshape(tf.sub(1, missingMask), [nB, nF, 1]);
      const Xf = tf.reshape(tf.mul(tf.reshape(tf.gather(X, tf.tensor1d(safeIds, "int32")), [nB, nF, nI]), present), [nB, nF * nI]);
      // dW[i, f, op] = sum_b Xf[b, f, i] dY[b, op]
      const dWfi = tf.reshape(weightGrad(Xf as Floats2d, dY2 as Floats2d), [nF, nI, nOP]);
      model.incGrad("W", tf.reshape(tf.transpose(dWfi, [1, 0, 2]), [nI, nF, nO, nP]));
      // dXf[b, f, i] = sum_op dY[b, op] W[i, f, op]
      const Wopfi = tf.reshape(tf.transpose(tf.reshape(W, [nI, nF, nOP]), [2, 1, 0]), [nOP, nF * nI]);
      return tf.reshape(tf.matMul(dY2, Wopfi), [nB, nF, nI]) as Floats3d;
    },
  ];
}

function init(model: Model<Floats2d, Floats4d>, X?: Floats2d): void {
  if (X !== undefined && model.hasDim("nI") !== true) model.setDim("nI", X.shape[1]);
  // Keep trained weights when initialized again (spaCy returns early when W is set).
  if (model.hasParam("W") === true) return;
  const nF = model.getDim("nF");
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const nI = model.getDim("nI");
  // spaCy draws W with scale sqrt(1.0 / nF * nI), that is sqrt(nI / nF), then rescales below.
  model.setParam("W", tf.randomNormal([nI, nF, nO, nP], 0, Math.sqrt(nI / nF), "float32", nextSeed()));
  model.setParam("b", tf.zeros([nO, nP]));
  model.setParam("pad", tf.randomNormal([1, nF, nO, nP], 0, 1, "float32", nextSeed()));
  whiten(model);
}

/**
 * spaCy's data-free LSUV: run random whitened token vectors through random states, then scale
 * W until the maxout outputs have unit variance, and shift b until they have zero mean.
 */
function whiten(model: Model<Floats2d, Floats4d>): void {
  const nF = model.getDim("nF");
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const nI = model.getDim("nI");
  const nTokens = 2000;
  const nStates = 2000;
  const tokvecs = tf.keep(tf.randomNormal([nTokens, nI], 0, 1, "float32", nextSeed())) as Floats2d;
  // Row of Yf (reshaped to ((nTokens + 1) * nF, nO * nP)) that feature f of state s reads.
  const rows = new Int32Array(nStates * nF);
  for (let s = 0; s < nStates; s++) for (let f = 0; f < nF; f++) rows[s * nF + f] = (1 + Math.floor(Math.random() * nTokens)) * nF + f;
  const rowIndex = tf.keep(tf.tensor1d(rows, "int32"));
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      const [variance, mean] = tf.tidy(() => {
        const Yf = tf.reshape(model.predict(tokvecs), [(nTokens + 1) * nF, nO * nP]);
        const summed = tf.add(tf.sum(tf.reshape(tf.gather(Yf, rowIndex), [nStates, nF, nO, nP]), 1), model.getParam("b"));
        const acts = nP >= 2 ? tf.max(summed, 2) : tf.relu(summed);
        const moments = tf.moments(acts);
        return [moments.variance.dataSync()[0]!, moments.mean.dataSync()[0]!];
      });
      if (Math.abs(variance - 1) >= 0.01) {
        model.setParam(
          "W",
          tf.tidy(() => tf.div(model.getParam("W"), Math.sqrt(variance))),
        );
      } else if (Math.abs(mean) >= 0.01) {
        model.setParam(
          "b",
          tf.tidy(() => tf.sub(model.getParam("b"), mean)),
        );
      } else {
        break;
      }
    }
  } finally {
    tokvecs.dispose();
    rowIndex.dispose();
  }
}
