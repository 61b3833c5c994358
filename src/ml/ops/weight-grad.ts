import { type Tensor2D, tf } from "../tf.js";

/**
 * Xᵀ · dY, the weight gradient of an affine layer, with an explicit transpose (wasm runs
 * matMul with transposeA about ten times slower). A batch without rows gives zeros: wasm's
 * matMul over an empty inner dimension returns uninitialised memory, not zeros.
 */
export function weightGrad(X: Tensor2D, dY: Tensor2D): Tensor2D {
  if (X.shape[0] === 0) return tf.zeros([X.shape[1], dY.shape[1]]);
  return tf.matMul(tf.transpose(X), dY);
}
