/**
 * Cosine distance (thinc's CosineDistance): the loss is Σ |cos(yh, y) - 1| (÷ rows when
 * normalizing) and the gradient is -(y/(|yh||y|) - cos·yh/|yh|²) (÷ rows), with 1e-8 added to
 * both vectors so that zero vectors do not divide by zero. With ignore_zeros, rows whose
 * target is all zeros give neither loss nor gradient.
 */
import { type Tensor, tf } from "../tf.js";
import { checkSameShape } from "./l2-distance.js";
import type { Loss } from "./loss.js";

export class CosineDistance implements Loss<Tensor, Tensor, Tensor> {
  readonly normalize: boolean;
  readonly ignoreZeros: boolean;

  constructor(options: { normalize?: boolean; ignoreZeros?: boolean } = {}) {
    this.normalize = options.normalize ?? true;
    this.ignoreZeros = options.ignoreZeros ?? false;
  }

  getGrad(guesses: Tensor, truths: Tensor): Tensor {
    checkSameShape("CosineDistance", guesses, truths);
    return tf.tidy(() => {
      const { yh, y, normYh, mulNorms, cosine } = parts(guesses, truths);
      let dYh = tf.sub(tf.div(y, mulNorms), tf.mul(cosine, tf.div(yh, tf.square(normYh))));
      if (this.ignoreZeros) dYh = tf.mul(dYh, nonZeroRows(truths));
      if (this.normalize) dYh = tf.div(dYh, guesses.shape[0]!);
      return tf.neg(dYh);
    });
  }

  getLoss(guesses: Tensor, truths: Tensor): number {
    checkSameShape("CosineDistance", guesses, truths);
    return tf.tidy(() => {
      let losses = tf.abs(tf.sub(parts(guesses, truths).cosine, 1));
      if (this.ignoreZeros) losses = tf.mul(losses, nonZeroRows(truths));
      if (this.normalize) losses = tf.div(losses, guesses.shape[0]!);
      return tf.sum(losses).dataSync()[0]!;
    });
  }

  call(guesses: Tensor, truths: Tensor): [Tensor, number] {
    return [this.getGrad(guesses, truths), this.getLoss(guesses, truths)];
  }
}

function parts(guesses: Tensor, truths: Tensor) {
  const yh = tf.add(guesses, 1e-8);
  const y = tf.add(truths, 1e-8);
  const normYh = tf.norm(yh, "euclidean", 1, true);
  const mulNorms = tf.mul(normYh, tf.norm(y, "euclidean", 1, true));
  const cosine = tf.div(tf.sum(tf.mul(yh, y), 1, true), mulNorms);
  return { yh, y, normYh, mulNorms, cosine };
}

/** 1 for rows with a non-zero target, 0 for all-zero rows, as a column. */
function nonZeroRows(truths: Tensor): Tensor {
  return tf.cast(tf.notEqual(tf.sum(tf.abs(truths), 1, true), 0), "float32");
}
