/** Dense layer with hard Swish, x hard_sigmoid(x) (Thinc's HardSwish.v1, thinc/layers/hard_swish.py). */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, heNormal } from "./dense-activation.js";
import { piecewiseGrad } from "./hard-swish-mobilenet.js";

export function hardSwish(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "hardswish",
    {
      apply: (Z) => tf.tidy(() => tf.mul(Z, tf.clipByValue(tf.add(tf.mul(Z, 0.2), 0.5), 0, 1))) as Floats2d,
      // Thinc's backprop_hard_swish: 0.4 x + 0.5 inside [-2.5, 2.5], 1 above, 0 below.
      grad: (dY, Z) => piecewiseGrad(dY, Z, 2.5, 0.4, 0.5),
    },
    opts,
    heNormal,
  );
}
