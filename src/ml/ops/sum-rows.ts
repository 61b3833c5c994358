import { type Tensor1D, type Tensor2D, tf } from "../tf.js";

/**
 * The sum over the rows of a matrix (tf.sum(X, 0)), as a (1 x N) ones-row matMul: on wasm this
 * runs 10 to 30 times faster than the reduction (0.04 ms against 0.5-1.3 ms for 1024 x 96-288).
 * Bias and LayerNorm gradients take one per layer per step.
 */
export function sumRows(X: Tensor2D): Tensor1D {
  // wasm's matMul over an empty inner dimension returns uninitialised memory, not zeros.
  if (X.shape[0] === 0) return tf.zeros([X.shape[1]]);
  return tf.reshape(tf.matMul(tf.ones([1, X.shape[0]]), X), [X.shape[1]]);
}
