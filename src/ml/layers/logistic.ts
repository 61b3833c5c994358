/**
 * The logistic function on its own, without weights: Thinc's Logistic.v1 (thinc/layers/logistic.py)
 * and sigmoid_activation.v1 (thinc/layers/sigmoid_activation.py), the same maths under two names.
 */
import { Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";

function forward<T extends Tensor>(_model: Model<T, T>, X: T): [T, (dY: T) => T] {
  const Y = tf.sigmoid(X) as T;
  return [Y, (dY) => tf.tidy(() => tf.mul(dY, tf.mul(Y, tf.sub(1, Y)))) as T];
}

export function logistic(): Model<Floats2d, Floats2d> {
  return new Model<Floats2d, Floats2d>("logistic", forward);
}

export function sigmoidActivation<T extends Tensor = Floats2d>(): Model<T, T> {
  return new Model<T, T>("sigmoid_activation", forward);
}
