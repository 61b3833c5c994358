/** Dense layer with Dish, x (1 + x / sqrt(1 + x^2)) / 2, a cheap Swish-like activation (Thinc's Dish.v1). */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, heNormal } from "./dense-activation.js";

export function dish(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "dish",
    {
      apply: (Z) => tf.tidy(() => tf.mul(Z, tf.mul(0.5, tf.add(1, tf.mul(Z, tf.rsqrt(tf.add(tf.square(Z), 1))))))) as Floats2d,
      // Thinc's backprop_dish: 0.5 + x / sqrt(x^2 + 1) - 0.5 x^3 / (x^2 + 1)^1.5
      grad: (dY, Z) =>
        tf.tidy(() => {
          const inv = tf.rsqrt(tf.add(tf.square(Z), 1));
          const ratio = tf.mul(Z, inv);
          return tf.mul(dY, tf.add(0.5, tf.sub(ratio, tf.mul(0.5, tf.pow(ratio, 3))))) as Floats2d;
        }),
    },
    opts,
    heNormal,
  );
}
