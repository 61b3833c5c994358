/** Plain SGD, thinc's path when beta1 and beta2 are 0: w -= lr · c·g (c: the clip factor). */
import { type Tensor, tf } from "../tf.js";

export function sgdStep(param: Tensor, grad: Tensor, clip: Tensor | undefined, learnRate: number): Tensor {
  return tf.sub(param, tf.mul(grad, clip ? tf.mul(clip, learnRate) : learnRate));
}
