/** Dense layer with Swish, x sigmoid(x) (Thinc's Swish.v1, thinc/layers/swish.py). */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, heNormal } from "./dense-activation.js";

export function swish(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "swish",
    {
      apply: (Z) => tf.mul(Z, tf.sigmoid(Z)),
      // Thinc's backprop_swish: Y + sigmoid(x) (1 - Y)
      grad: (dY, Z, Y) => tf.tidy(() => tf.mul(dY, tf.add(Y, tf.mul(tf.sigmoid(Z), tf.sub(1, Y))))) as Floats2d,
    },
    opts,
    heNormal,
  );
}
