/**
 * Maxout over the last axis (Thinc's ops.maxout / backprop_maxout). `which` stays on the
 * backend as an int32 tensor. On wasm and cpu both directions are single-pass host kernels
 * (kernels/maxout.ts); elsewhere the backprop spreads dY with a one-hot mask, so no gather or
 * scatter is needed.
 */
import { backpropMaxoutHost, maxoutHost } from "../kernels/maxout.js";
import { hostKernelsActive } from "../kernels/host-kernel.js";
import { type Tensor2D, type Tensor3D, tf } from "../tf.js";
import type { Floats2d, Floats3d } from "../types.js";

/** (N, nO, nP) -> the best piece (N, nO) and its index (N, nO, int32; the first on ties, as argmax). */
export function maxout(Z: Floats3d): [Floats2d, Tensor2D] {
  if (hostKernelsActive()) return maxoutHost(Z, Z.shape[2]);
  return [tf.max(Z, 2) as Floats2d, tf.argMax(Z, 2) as Tensor2D];
}

/** The gradient of maxout: dY[n, o] at piece which[n, o], zero at the other pieces. */
export function backpropMaxout(dY: Floats2d, which: Tensor2D, nP: number): Floats3d {
  if (hostKernelsActive()) return tf.reshape(backpropMaxoutHost(dY, which, nP)[0], [dY.shape[0], dY.shape[1], nP]) as Floats3d;
  return backpropMaxoutComposite(dY, which, nP);
}

/** backpropMaxout with tfjs ops only (any backend). */
export function backpropMaxoutComposite(dY: Floats2d, which: Tensor2D, nP: number): Floats3d {
  // With one piece the max is the identity (and oneHot refuses a depth below 2).
  if (nP === 1) return tf.expandDims(dY, 2) as Floats3d;
  // tfjs-backend-wasm 4.22's OneHot ignores the dtype argument (it writes int32 bits into a
  // float32 tensor), so ask for int32 and cast.
  const mask = tf.cast(tf.oneHot(which, nP), "float32") as Tensor3D;
  return tf.mul(mask, tf.expandDims(dY, 2)) as Floats3d;
}
