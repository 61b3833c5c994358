/**
 * One Adam step on one parameter, after thinc's Optimizer._adam and ops.adam
 * (thinc/optimizers.py, thinc/backends/ops.py in v8.1.7):
 *   m1 = b1·m1 + (1-b1)·g,  m2 = b2·m2 + (1-b2)·g²
 *   w -= lr·√(1-b2ᵗ)/(1-b1ᵗ) · m1 / (√m2 + eps)
 * with t the parameter's own step count. The clip factor c (see clip.ts) is folded into the
 * moment updates as (1-b1)·c and (1-b2)·c², so a clipped step costs no extra full-size op.
 */
import { type Tensor, tf } from "../tf.js";

export interface AdamSettings {
  learnRate: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** This parameter's update count, 1 on its first update. */
  step: number;
}

export interface MomentState {
  mom1?: Tensor;
  mom2?: Tensor;
}

/** Returns the new parameter and moments; the caller keeps and disposes them. */
export function adamStep(
  param: Tensor,
  grad: Tensor,
  squares: Tensor,
  clip: Tensor | undefined,
  state: MomentState,
  s: AdamSettings,
): { param: Tensor; mom1: Tensor; mom2: Tensor } {
  const k1 = clip ? tf.mul(clip, 1 - s.beta1) : 1 - s.beta1;
  const k2 = clip ? tf.mul(tf.square(clip), 1 - s.beta2) : 1 - s.beta2;
  // Zero moments on a parameter's first step: skip multiplying zeros.
  const mom1 = state.mom1 ? tf.add(tf.mul(state.mom1, s.beta1), tf.mul(grad, k1)) : tf.mul(grad, k1);
  const mom2 = state.mom2 ? tf.add(tf.mul(state.mom2, s.beta2), tf.mul(squares, k2)) : tf.mul(squares, k2);
  const fix1 = 1.0 - s.beta1 ** s.step;
  const fix2 = 1.0 - s.beta2 ** s.step;
  const lr = (s.learnRate * fix2 ** 0.5) / fix1;
  const next = tf.sub(param, tf.mul(tf.div(mom1, tf.add(tf.sqrt(mom2), s.eps)), lr));
  return { param: next, mom1, mom2 };
}
