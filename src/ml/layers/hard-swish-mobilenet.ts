/** Dense layer with MobileNet's hard Swish, x relu6(x + 3) / 6 (Thinc's HardSwishMobilenet.v1). */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, heNormal } from "./dense-activation.js";

export function hardSwishMobilenet(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return denseActivation(
    "hardswishmobilenet",
    {
      apply: (Z) => tf.tidy(() => tf.mul(Z, tf.div(tf.relu6(tf.add(Z, 3)), 6))) as Floats2d,
      // Thinc's backprop_hard_swish_mobilenet: (2x + 3) / 6 inside [-3, 3], 1 above, 0 below.
      grad: (dY, Z) => piecewiseGrad(dY, Z, 3, 1 / 3, 0.5),
    },
    opts,
    heNormal,
  );
}

/** dY * (slope x + offset) for |x| <= edge, dY above, 0 below: the shape both hard Swish derivatives share. */
export function piecewiseGrad(dY: Floats2d, Z: Floats2d, edge: number, slope: number, offset: number): Floats2d {
  return tf.tidy(() => {
    const inside = tf.add(tf.mul(Z, slope), offset);
    const d = tf.where(tf.greater(Z, edge), tf.onesLike(Z), tf.where(tf.less(Z, -edge), tf.zerosLike(Z), inside));
    return tf.mul(dY, d) as Floats2d;
  });
}
