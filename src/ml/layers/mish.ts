/** Dense layer with Mish, x tanh(softplus(x)) (Thinc's Mish.v1, thinc/layers/mish.py). */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, glorotUniform } from "./dense-activation.js";

export function mish(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "mish",
    {
      // Thinc switches to the identity above 20; in float32 tanh(softplus(x)) is exactly 1 there already.
      apply: (Z) => tf.mul(Z, tf.tanh(tf.softplus(Z))),
      // d/dx x tanh(sp(x)) = tanh(sp) + x (1 - tanh(sp)^2) sigmoid(x)
      grad: (dY, Z) =>
        tf.tidy(() => {
          const t = tf.tanh(tf.softplus(Z));
          return tf.mul(dY, tf.add(t, tf.mul(tf.mul(Z, tf.sub(1, tf.square(t))), tf.sigmoid(Z)))) as Floats2d;
        }),
    },
    opts,
    glorotUniform,
  );
}
