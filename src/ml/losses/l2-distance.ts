/** Squared L2 distance (thinc's L2Distance): gradient guesses - truths (÷ rows when normalizing), loss Σ grad². */
import { TsnlpError } from "../../util/errors.js";
import { type Tensor, tf } from "../tf.js";
import type { Loss } from "./loss.js";

export class L2Distance implements Loss<Tensor, Tensor, Tensor> {
  readonly normalize: boolean;

  constructor(options: { normalize?: boolean } = {}) {
    this.normalize = options.normalize ?? true;
  }

  getGrad(guesses: Tensor, truths: Tensor): Tensor {
    checkSameShape("L2Distance", guesses, truths);
    return tf.tidy(() => {
      const difference = tf.sub(guesses, truths);
      return this.normalize ? tf.div(difference, guesses.shape[0]!) : difference;
    });
  }

  getLoss(guesses: Tensor, truths: Tensor): number {
    const [grad, loss] = this.call(guesses, truths);
    grad.dispose();
    return loss;
  }

  call(guesses: Tensor, truths: Tensor): [Tensor, number] {
    const grad = this.getGrad(guesses, truths);
    return [grad, tf.tidy(() => tf.sum(tf.square(grad)).dataSync()[0]!)];
  }
}

export function checkSameShape(loss: string, guesses: Tensor, truths: Tensor): void {
  if (guesses.rank === truths.rank && guesses.shape.every((size, i) => size === truths.shape[i])) return;
  throw new TsnlpError("E_LOSS_SHAPE", `${loss}: guesses have shape [${guesses.shape.join(", ")}] but truths have shape [${truths.shape.join(", ")}].`, {
    hint: "Give one target vector per row of guesses, of the same width.",
  });
}
