/**
 * Per-parameter gradient clipping (thinc's ops.clip_gradient): when the gradient's L2 norm
 * reaches `threshold`, scale it down to that norm. The factor stays on the backend, so no
 * step waits on a read-back; callers fold it into their first multiplication.
 */
import { type Tensor, tf } from "../tf.js";

/**
 * The factor min(1, threshold / norm) as a scalar tensor, computed as
 * sqrt(min(1, threshold² / Σg²)); Σg² = 0 gives 1. `squares` is g², which Adam needs anyway.
 */
export function clipFactor(squares: Tensor, threshold: number): Tensor {
  return tf.sqrt(tf.minimum(tf.div(threshold * threshold, tf.sum(squares)), 1));
}
