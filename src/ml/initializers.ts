/**
 * Weight initializers, after thinc 8.1 (thinc/initializers.py): `(shape) => Tensor`.
 *
 * Shape convention: thinc's. A 2-d weight is asked for as [nO, nI], so fan_out = shape[0] and
 * fan_in = shape[1]; for 3-d shapes thinc still reads shape[0] and shape[1] (Maxout's
 * (nO, nP, nI) gets fan_in = nP), and so does tsnlp, to draw the same distributions. A 1-d
 * shape uses its length for both fans. The draws are independent, so a layer that stores W as
 * [nI, nO] asks for [nO, nI] and reshapes (see `initWeights`): no transpose is needed.
 */
import { type Tensor, tf } from "./tf.js";
import { nextSeed } from "../util/random.js";

export type Initializer = (shape: number[]) => Tensor;

function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  const fanOut = shape[0] ?? 1;
  return { fanOut, fanIn: shape.length > 1 ? shape[1]! : fanOut };
}

const uniform = (shape: number[], scale: number, seed?: number) => tf.randomUniform(shape, -scale, scale, "float32", seed ?? nextSeed());
const normal = (shape: number[], stddev: number, seed?: number) => tf.randomNormal(shape, 0, stddev, "float32", seed ?? nextSeed());

/** Glorot/Xavier uniform: U(±√(6 / (fan_in + fan_out))). */
export const glorotUniformInit =
  (seed?: number): Initializer =>
  (shape) => {
    const { fanIn, fanOut } = fans(shape);
    return uniform(shape, Math.sqrt(6.0 / (fanIn + fanOut)), seed);
  };

/** Glorot normal: N(0, √(2 / (fan_in + fan_out))). */
export const glorotNormalInit =
  (seed?: number): Initializer =>
  (shape) => {
    const { fanIn, fanOut } = fans(shape);
    return normal(shape, Math.sqrt(2.0 / (fanIn + fanOut)), seed);
  };

/** He uniform: U(±√(6 / fan_in)). */
export const heUniformInit =
  (seed?: number): Initializer =>
  (shape) =>
    uniform(shape, Math.sqrt(6.0 / fans(shape).fanIn), seed);

/** He normal: N(0, √(2 / fan_in)). */
export const heNormalInit =
  (seed?: number): Initializer =>
  (shape) =>
    normal(shape, Math.sqrt(2.0 / fans(shape).fanIn), seed);

/** LeCun uniform: U(±√(3 / fan_in)). */
export const lecunUniformInit =
  (seed?: number): Initializer =>
  (shape) =>
    uniform(shape, Math.sqrt(3.0 / fans(shape).fanIn), seed);

/** LeCun normal: N(0, √(1 / fan_in)). */
export const lecunNormalInit =
  (seed?: number): Initializer =>
  (shape) =>
    normal(shape, Math.sqrt(1.0 / fans(shape).fanIn), seed);

export const zeroInit = (): Initializer => (shape) => tf.zeros(shape, "float32");

/** U(lo, hi). */
export const uniformInit =
  (lo = -0.1, hi = 0.1, seed?: number): Initializer =>
  (shape) =>
    tf.randomUniform(shape, lo, hi, "float32", seed ?? nextSeed());

/** N(mean, stddev). */
export const normalInit =
  (options: { mean?: number; stddev?: number; seed?: number } = {}): Initializer =>
  (shape) =>
    (options.stddev ?? 1) === 0
      ? tf.fill(shape, options.mean ?? 0, "float32")
      : tf.randomNormal(shape, options.mean ?? 0, options.stddev ?? 1, "float32", options.seed ?? nextSeed());

/**
 * normal_init.v1 as thinc 8.1 defines it: its `mean` argument is passed to numpy as the scale,
 * so it is the standard deviation around 0 (and the default 0 gives zeros).
 */
export const thincNormalInit = (mean = 0, seed?: number): Initializer => normalInit({ mean: 0, stddev: Math.abs(mean), seed });

/** A weight stored as [nI, nO] (the orientation a plain matMul forward needs), drawn as thinc's [nO, nI]. */
export function initWeights(init: Initializer, nI: number, nO: number): Tensor {
  return tf.tidy(() => tf.reshape(init([nO, nI]), [nI, nO]));
}
