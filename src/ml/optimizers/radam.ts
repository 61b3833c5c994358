/**
 * One RAdam step, after thinc's Optimizer._radam (thinc/optimizers.py, v8.1.7, itself a port of
 * the PyTorch reference). Two thinc details are kept so that results match: the step used is
 * the parameter's update count plus one, and (N_sma, step_size) are cached in ten slots by
 * step % 10, shared by all parameters.
 */
import { type Tensor, tf } from "../tf.js";
import type { MomentState } from "./adam.js";

export interface RadamSettings {
  learnRate: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** This parameter's update count, 1 on its first update. */
  step: number;
}

/** [step, N_sma, step_size] per slot; serialised with the optimizer. */
export type RadamBuffer = Array<[number | null, number | null, number | null]>;

export function newRadamBuffer(): RadamBuffer {
  return Array.from({ length: 10 }, () => [null, null, null] as [null, null, null]);
}

/** N_sma and the step size for this step, from the cache when the slot holds this step. */
export function radamFactors(buffer: RadamBuffer, step: number, beta1: number, beta2: number): { nSma: number; stepSize: number } {
  const slot = buffer[step % 10]!;
  if (slot[0] === step) return { nSma: slot[1]!, stepSize: slot[2]! };
  const beta2t = beta2 ** step;
  const nSmaMax = 2 / (1 - beta2) - 1;
  const nSma = nSmaMax - (2 * step * beta2t) / (1 - beta2t);
  const stepSize =
    nSma >= 5
      ? Math.sqrt(((((((1 - beta2t) * (nSma - 4)) / (nSmaMax - 4)) * (nSma - 2)) / nSma) * nSmaMax) / (nSmaMax - 2)) / (1 - beta1 ** step)
      : 1.0 / (1 - beta1 ** step); // thinc degenerates to SGD with momentum
  buffer[step % 10] = [step, nSma, stepSize];
  return { nSma, stepSize };
}

export function radamStep(
  param: Tensor,
  grad: Tensor,
  squares: Tensor,
  clip: Tensor | undefined,
  state: MomentState,
  buffer: RadamBuffer,
  s: RadamSettings,
): { param: Tensor; mom1: Tensor; mom2: Tensor } {
  const k1 = clip ? tf.mul(clip, 1 - s.beta1) : 1 - s.beta1;
  const k2 = clip ? tf.mul(tf.square(clip), 1 - s.beta2) : 1 - s.beta2;
  const mom2 = state.mom2 ? tf.add(tf.mul(state.mom2, s.beta2), tf.mul(squares, k2)) : tf.mul(squares, k2);
  const mom1 = state.mom1 ? tf.add(tf.mul(state.mom1, s.beta1), tf.mul(grad, k1)) : tf.mul(grad, k1);
  const { nSma, stepSize } = radamFactors(buffer, s.step + 1, s.beta1, s.beta2);
  const rate = stepSize * s.learnRate;
  let next = param;
  if (nSma >= 5) next = tf.sub(param, tf.mul(tf.div(mom1, tf.add(tf.sqrt(mom2), s.eps)), rate));
  else if (stepSize > 0) next = tf.sub(param, tf.mul(mom1, rate));
  return { param: next, mom1, mom2 };
}
