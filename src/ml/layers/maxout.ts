/**
 * Maxout (Thinc's Maxout.v1, thinc/layers/maxout.py): nP linear pieces per output, keep the
 * largest. Thinc stores W as (nO, nP, nI) and multiplies by its transpose; here W is stored
 * (nI, nO * nP), column o * nP + p holding piece p of output o, so the forward pass is one
 * plain fused matMul + bias (wasm runs matMul with transposeB about ten times slower). b is
 * stored flat, (nO * nP): Thinc's (nO, nP) in row-major order. (A 2d b reshaped to 1d does not
 * do: tfjs-backend-wasm 4.22's _FusedMatMul reads the bias's rank from its data, not from the
 * reshaped tensor, and rejects it.) Initializers are asked for Thinc's (nO, nP, nI) shape, so
 * glorot_uniform's fans (shape[0], shape[1]) match Thinc's. On wasm and cpu the max and its
 * index, the backprop scatter and the input gradient are host kernels (kernels/maxout.ts), and
 * so are the transposes (kernels/transpose.ts).
 */
import { backpropMaxoutHost, maxoutHost, maxoutInputGradHost } from "../kernels/maxout.js";
import { hostKernelsActive } from "../kernels/host-kernel.js";
import { transpose2d } from "../kernels/transpose.js";
import { Model } from "../model.js";
import { backpropMaxoutComposite } from "../ops/maxout.js";
import { type Tensor2D, tf } from "../tf.js";
import type { Floats1d, Floats2d, Floats3d } from "../types.js";
import { checkInput, glorotUniform, type Initializer, widthOf, withNormalizeAndDropout, zeros } from "./dense-activation.js";
import { sumRows } from "../ops/sum-rows.js";
import { weightGrad } from "../ops/weight-grad.js";

export interface MaxoutOptions {
  nO?: number | null;
  nI?: number | null;
  nP?: number | null;
  initW?: Initializer | null;
  initB?: Initializer | null;
  dropout?: number | null;
  normalize?: boolean;
}

/** Maxout, followed by LayerNorm and Dropout when asked (as Thinc chains them). */
export function maxout(opts: MaxoutOptions = {}): Model<Floats2d, Floats2d> {
  const initW = opts.initW ?? glorotUniform;
  const initB = opts.initB ?? zeros;
  const model = new Model<Floats2d, Floats2d>("maxout", forward, {
    init: (m, X, Y) => init(m, X, Y, initW, initB),
    dims: { nO: opts.nO ?? null, nI: opts.nI ?? null, nP: opts.nP === undefined ? 3 : opts.nP },
    params: { W: null, b: null },
  });
  return withNormalizeAndDropout(model, opts);
}

export function forward(model: Model<Floats2d, Floats2d>, X: Floats2d): [Floats2d, (dY: Floats2d) => Floats2d] {
  checkInput(model, X);
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const W = model.getParam("W") as Floats2d;
  const b = model.getParam("b");
  const N = X.shape[0];
  const Z = tf.fused.matMul({ a: X, b: W, bias: b as Floats1d });
  if (hostKernelsActive()) return hostPieces(model, X, W, Z as Floats2d, nP);
  const Z3 = tf.reshape(Z, [N, nO, nP]) as Floats3d;
  const best = tf.max(Z3, 2) as Floats2d;
  const backprop = (dBest: Floats2d): Floats2d => {
    // The winning pieces are found here rather than in forward, so prediction skips the argMax.
    const which = tf.argMax(Z3, 2) as Tensor2D;
    const dZ = tf.reshape(backpropMaxoutComposite(dBest, which, nP), [N, nO * nP]) as Floats2d;
    model.incGrad("b", sumRows(dZ));
    model.incGrad("W", weightGrad(X, dZ));
    return tf.matMul(dZ, tf.transpose(W)) as Floats2d;
  };
  return [best, backprop];
}

/**
 * The pieces on wasm and cpu: the max and its index in one host kernel (the index is cheap
 * there, so forward keeps it); in backprop one kernel for dZ and the bias gradient, and one
 * for dX that reads only the winning pieces' weights.
 */
function hostPieces(model: Model<Floats2d, Floats2d>, X: Floats2d, W: Floats2d, Z: Floats2d, nP: number): [Floats2d, (dY: Floats2d) => Floats2d] {
  const [best, which] = maxoutHost(Z, nP);
  const backprop = (dBest: Floats2d): Floats2d => {
    const [dZ, db] = backpropMaxoutHost(dBest, which, nP);
    model.incGrad("b", db);
    // wasm's matMul over an empty inner dimension returns uninitialised memory, not zeros.
    model.incGrad("W", X.shape[0] === 0 ? tf.zeros(W.shape) : tf.matMul(transpose2d(X), dZ));
    return maxoutInputGradHost(dBest, which, transpose2d(W), nP);
  };
  return [best, backprop];
}

export function init(model: Model<Floats2d, Floats2d>, X: Floats2d | undefined, Y: Floats2d | undefined, initW: Initializer, initB: Initializer): void {
  if (X !== undefined) model.setDim("nI", widthOf(X, model.name));
  if (Y !== undefined) model.setDim("nO", widthOf(Y, model.name));
  const nO = model.getDim("nO");
  const nP = model.getDim("nP");
  const nI = model.getDim("nI");
  model.setParam(
    "W",
    tf.tidy(() => tf.transpose(tf.reshape(initW([nO, nP, nI]), [nO * nP, nI]))),
  );
  model.setParam(
    "b",
    // A fresh 1d tensor, not a reshape: see the note on b above.
    tf.tidy(() => tf.tensor1d(initB([nO, nP]).dataSync() as Float32Array)),
  );
}
