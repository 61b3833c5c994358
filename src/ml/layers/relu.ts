/** Dense layer with ReLU (Thinc's Relu.v1, thinc/layers/relu.py), optionally followed by LayerNorm and Dropout. */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, glorotUniform } from "./dense-activation.js";

export function relu(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  // One fused kernel for matMul + bias + relu; the gradient passes where the output is positive.
  return denseActivation("relu", { fused: "relu", grad: (dY, _Z, Y) => tf.mul(dY, tf.step(Y)) as Floats2d }, opts, glorotUniform);
}
