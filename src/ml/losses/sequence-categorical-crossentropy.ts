/**
 * Categorical cross-entropy over a list of arrays, one per doc (thinc's
 * SequenceCategoricalCrossentropy): each doc's gradient is unnormalized, then divided by the
 * number of docs when normalizing; the loss adds up every doc's squared gradient.
 */
import { TsnlpError } from "../../util/errors.js";
import { type Tensor, tf } from "../tf.js";
import { type CategoricalCrossentropyOptions, type CategoricalTruths, CategoricalCrossentropy } from "./categorical-crossentropy.js";
import type { Loss } from "./loss.js";

export class SequenceCategoricalCrossentropy implements Loss<readonly Tensor[], readonly CategoricalTruths[], Tensor[]> {
  readonly normalize: boolean;
  readonly cc: CategoricalCrossentropy;

  constructor(options: CategoricalCrossentropyOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.cc = new CategoricalCrossentropy({ ...options, normalize: false });
  }

  getGrad(guesses: readonly Tensor[], truths: readonly CategoricalTruths[]): Tensor[] {
    if (guesses.length !== truths.length) {
      throw new TsnlpError("E_LOSS_SHAPE", `SequenceCategoricalCrossentropy: ${guesses.length} arrays of guesses but ${truths.length} of truths.`, {
        hint: "Give one list of truths per doc.",
      });
    }
    const docs = guesses.length;
    return guesses.map((yh, i) => {
      const grad = this.cc.getGrad(yh, truths[i]!);
      if (!this.normalize) return grad;
      const scaled = tf.div(grad, docs);
      grad.dispose();
      return scaled;
    });
  }

  getLoss(guesses: readonly Tensor[], truths: readonly CategoricalTruths[]): number {
    const grads = this.getGrad(guesses, truths);
    const loss = sumOfSquares(grads);
    for (const grad of grads) grad.dispose();
    return loss;
  }

  call(guesses: readonly Tensor[], truths: readonly CategoricalTruths[]): [Tensor[], number] {
    const grads = this.getGrad(guesses, truths);
    return [grads, sumOfSquares(grads)];
  }
}

/** One read-back for the whole batch. */
function sumOfSquares(grads: readonly Tensor[]): number {
  if (grads.length === 0) return 0;
  return tf.tidy(() => tf.addN(grads.map((grad) => tf.sum(tf.square(grad)))).dataSync()[0]!);
}
