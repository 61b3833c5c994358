/**
 * Layer normalization with a learned scale G and shift b (Thinc's LayerNorm.v1,
 * thinc/layers/layernorm.py): each row is centred and scaled to unit variance (+1e-8).
 */
import { backpropLayerNormHost, layerNormHost } from "../kernels/layer-norm.js";
import { hostKernelsActive } from "../kernels/host-kernel.js";
import { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats1d, Floats2d } from "../types.js";
import { widthOf } from "./dense-activation.js";
import { sumRows } from "../ops/sum-rows.js";

export interface LayerNormOptions {
  nI?: number | null;
}

export function layerNorm(opts: LayerNormOptions = {}): Model<Floats2d, Floats2d> {
  return new Model<Floats2d, Floats2d>("layernorm", forward, { init, dims: { nI: opts.nI ?? null, nO: opts.nI ?? null }, params: { G: null, b: null } });
}

function forward(model: Model<Floats2d, Floats2d>, X: Floats2d): [Floats2d, (dY: Floats2d) => Floats2d] {
  const G = model.getParam("G") as Floats1d;
  const b = model.getParam("b") as Floats1d;
  const N = widthOf(X, model.name);
  if (hostKernelsActive()) return hostForward(model, X, G, b);
  const { mean, variance } = tf.moments(X, 1, true);
  const dist = tf.sub(X, mean);
  const invStd = tf.rsqrt(tf.add(variance, 1e-8));
  const Xhat = tf.mul(dist, invStd) as Floats2d;
  const Y = tf.add(tf.mul(Xhat, G), b) as Floats2d;
  return [
    Y,
    (dY) => {
      model.incGrad("b", sumRows(dY));
      model.incGrad("G", sumRows(tf.mul(dY, Xhat) as Floats2d));
      const dXhat = tf.mul(dY, G);
      // Thinc's form: (N dXhat - sum(dXhat) - dist / var * sum(dXhat * dist)) / (N sqrt(var)).
      const sumD = tf.sum(dXhat, 1, true);
      const sumDDist = tf.sum(tf.mul(dXhat, dist), 1, true);
      const inner = tf.sub(tf.sub(tf.mul(dXhat, N), sumD), tf.mul(tf.mul(dist, tf.square(invStd)), sumDDist));
      return tf.mul(inner, tf.div(invStd, N)) as Floats2d;
    },
  ];
}

/** On wasm and cpu: one host kernel each way (kernels/layer-norm.ts), the same maths. */
function hostForward(model: Model<Floats2d, Floats2d>, X: Floats2d, G: Floats1d, b: Floats1d): [Floats2d, (dY: Floats2d) => Floats2d] {
  const [Y, stats] = layerNormHost(X, G, b);
  return [
    Y,
    (dY) => {
      const [dX, dG, db] = backpropLayerNormHost(dY, X, G, stats);
      model.incGrad("b", db);
      model.incGrad("G", dG);
      return dX;
    },
  ];
}

function init(model: Model<Floats2d, Floats2d>, X?: Floats2d, Y?: Floats2d): void {
  const sample = X ?? Y;
  if (sample !== undefined) {
    const width = widthOf(sample, model.name);
    model.setDim("nI", width);
    model.setDim("nO", width);
  }
  const nI = model.getDim("nI");
  if (model.hasDim("nO") !== true) model.setDim("nO", nI);
  model.setParam("G", tf.ones([nI]));
  model.setParam("b", tf.zeros([nI]));
}
