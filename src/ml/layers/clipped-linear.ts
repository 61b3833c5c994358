/**
 * Dense layer with a clipped linear activation, clip(slope x + offset, min, max), and the
 * three named cases Thinc builds from it: HardSigmoid, HardTanh and ReluK
 * (thinc/layers/clipped_linear.py).
 */
import type { Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";
import { type DenseOptions, denseActivation, glorotUniform } from "./dense-activation.js";

export interface ClippedLinearOptions extends DenseOptions {
  slope?: number;
  offset?: number;
  minVal?: number;
  maxVal?: number;
}

export function clippedLinear(opts: ClippedLinearOptions = {}): Model<Floats2d, Floats2d> {
  const slope = opts.slope ?? 1;
  const offset = opts.offset ?? 0;
  const minVal = opts.minVal ?? 0;
  const maxVal = opts.maxVal ?? 1;
  return denseActivation(
    "clipped_linear",
    {
      apply: (Z) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(Z, slope), offset), minVal, maxVal)) as Floats2d,
      // The slope where the output is strictly inside (min, max), as Thinc's backprop_clipped_linear.
      grad: (dY, _Z, Y) => tf.tidy(() => tf.mul(tf.mul(dY, slope), tf.mul(tf.step(tf.sub(Y, minVal)), tf.step(tf.sub(maxVal, Y))))) as Floats2d,
    },
    opts,
    glorotUniform,
  );
}

export function hardSigmoid(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return clippedLinear({ ...opts, slope: 0.2, offset: 0.5 });
}

export function hardTanh(opts: DenseOptions = {}): Model<Floats2d, Floats2d> {
  return clippedLinear({ ...opts, minVal: -1, maxVal: 1 });
}

export function reluK(opts: DenseOptions & { k?: number } = {}): Model<Floats2d, Floats2d> {
  return clippedLinear({ ...opts, maxVal: opts.k ?? 6 });
}
