/**
 * Dropout (Thinc's Dropout.v1, thinc/layers/dropout.py): while training, zero each entry with
 * probability attrs.dropout_rate and scale the rest by 1 / (1 - rate), so the expected output
 * equals the input. Works on arrays, lists of arrays, Ragged and Padded.
 */
import { Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import { Padded, Ragged } from "../types.js";
import { nextSeed } from "../../util/random.js";

export type DropoutInput = Tensor | Tensor[] | Ragged | Padded;

export interface DropoutOptions {
  rate?: number;
}

export function dropout<T extends DropoutInput = Tensor>(opts: DropoutOptions = {}): Model<T, T> {
  return new Model<T, T>("dropout", forward as unknown as (m: Model<T, T>, X: T, isTrain: boolean) => [T, (dY: T) => T], {
    attrs: { dropout_rate: opts.rate ?? 0, is_enabled: true },
  });
}

/** Thinc's get_dropout_mask: (u >= rate) / (1 - rate), all zeros at rate >= 1. */
export function dropoutMask(shape: number[], rate: number): Tensor {
  if (rate >= 1) return tf.zeros(shape);
  return tf.tidy(() => tf.mul(tf.cast(tf.greaterEqual(tf.randomUniform(shape, 0, 1, "float32", nextSeed()), rate), "float32"), 1 / (1 - rate)));
}

function forward(model: Model<DropoutInput, DropoutInput>, X: DropoutInput, isTrain: boolean): [DropoutInput, (dY: DropoutInput) => DropoutInput] {
  const rate = Number(model.attrs.dropout_rate ?? 0);
  if (!isTrain || rate <= 0 || model.attrs.is_enabled === false) return [X, (dY) => dY];
  if (X instanceof Ragged) {
    const data = X.data as Tensor;
    const mask = dropoutMask(data.shape, rate);
    return [
      new Ragged(tf.mul(data, mask) as typeof X.data, X.lengths),
      (dY) => new Ragged(tf.mul((dY as Ragged).data as Tensor, mask) as typeof X.data, (dY as Ragged).lengths),
    ];
  }
  if (X instanceof Padded) {
    const mask = dropoutMask(X.data.shape, rate);
    return [
      new Padded(tf.mul(X.data, mask) as typeof X.data, X.sizeAtT, X.lengths, X.indices),
      (dY) => {
        const d = dY as Padded;
        return new Padded(tf.mul(d.data, mask) as typeof X.data, d.sizeAtT, d.lengths, d.indices);
      },
    ];
  }
  if (Array.isArray(X)) {
    const masks = X.map((x) => dropoutMask(x.shape, rate));
    return [X.map((x, i) => tf.mul(x, masks[i]!)), (dY) => (dY as Tensor[]).map((d, i) => tf.mul(d, masks[i]!))];
  }
  const mask = dropoutMask(X.shape, rate);
  return [tf.mul(X, mask), (dY) => tf.mul(dY as Tensor, mask)];
}
