/** Dense layer with GELU, x Φ(x) with the exact normal CDF (Thinc's Gelu.v1, thinc/layers/gelu.py). */
import type { Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, heNormal } from "./dense-activation.js";

const cdf = (Z: Tensor) => tf.mul(0.5, tf.add(1, tf.erf(tf.mul(Z, Math.SQRT1_2))));

export function gelu(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "gelu",
    {
      apply: (Z) => tf.tidy(() => tf.mul(Z, cdf(Z))) as Floats2d,
      // GELU'(x) = Φ(x) + x φ(x)
      grad: (dY, Z) =>
        tf.tidy(() => {
          const pdf = tf.mul(1 / Math.sqrt(2 * Math.PI), tf.exp(tf.mul(-0.5, tf.square(Z))));
          return tf.mul(dY, tf.add(cdf(Z), tf.mul(Z, pdf))) as Floats2d;
        }),
    },
    opts,
    heNormal,
  );
}
