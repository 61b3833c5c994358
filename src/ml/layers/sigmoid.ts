/**
 * Dense layer with a logistic output (Thinc's Sigmoid.v1, thinc/layers/sigmoid.py), the usual
 * output layer for multi-label classification. W and b start at zero, as in Thinc.
 */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type AffineOptions, denseActivation, zeros } from "./dense-activation.js";

export function sigmoid(opts: AffineOptions = {}): Model<Floats2d, Floats2d> {
  // Fused matMul + bias + sigmoid; Thinc clips the input to [-20, 20] first, which changes nothing in float32.
  return denseActivation("sigmoid", { fused: "sigmoid", grad: (dY, _Z, Y) => tf.tidy(() => tf.mul(dY, tf.mul(Y, tf.sub(1, Y)))) as Floats2d }, opts, zeros);
}
