/**
 * Categorical cross-entropy on softmax outputs, as thinc 8.1's CategoricalCrossentropy
 * (thinc/loss.py): the gradient is (guesses - target) · mask, divided by the number of rows
 * when normalizing; the loss is the sum of the squared gradient (thinc's choice, which spaCy
 * reports). Truths may be label strings (with `names`), class indices, or a one-hot (or
 * soft) 2-d tensor. Missing labels get no gradient; "!LABEL" (with neg_prefix "!") says
 * "not LABEL" and leaves the row's other classes without gradient.
 */
import { TsnlpError } from "../../util/errors.js";
import { didYouMean, nearest } from "../../util/suggest.js";
import { type Tensor, tf } from "../tf.js";
import type { Loss } from "./loss.js";

/** One truth per row: label strings (null for none), class indices, or a tensor. */
export type CategoricalTruths = ReadonlyArray<string | null> | ReadonlyArray<number> | Int32Array | Tensor;

export interface CategoricalCrossentropyOptions {
  normalize?: boolean;
  names?: readonly string[] | null;
  missingValue?: string | number | null;
  negPrefix?: string | null;
  labelSmoothing?: number;
}

export class CategoricalCrossentropy implements Loss<Tensor, CategoricalTruths, Tensor> {
  readonly normalize: boolean;
  readonly names: readonly string[] | null;
  readonly missingValue: string | number | null;
  readonly negPrefix: string | null;
  readonly labelSmoothing: number;
  private readonly index = new Map<string, number>();

  constructor(options: CategoricalCrossentropyOptions = {}) {
    this.normalize = options.normalize ?? true;
    this.names = options.names ?? null;
    this.missingValue = options.missingValue ?? null;
    this.negPrefix = options.negPrefix ?? null;
    this.labelSmoothing = options.labelSmoothing ?? 0.0;
    for (const [i, name] of (this.names ?? []).entries()) this.index.set(name, i);
  }

  getGrad(guesses: Tensor, truths: CategoricalTruths): Tensor {
    const [rows, classes] = shape2d(guesses, "CategoricalCrossentropy");
    return tf.tidy(() => {
      const { target, mask } = this.convertTruths(truths, rows, classes);
      let difference = tf.sub(guesses, target);
      if (mask) difference = tf.mul(difference, mask);
      return this.normalize ? tf.div(difference, rows) : difference;
    });
  }

  getLoss(guesses: Tensor, truths: CategoricalTruths): number {
    return this.call(guesses, truths)[1];
  }

  /** The gradient and the loss, and a check (on the same read-back) that guesses are probabilities. */
  call(guesses: Tensor, truths: CategoricalTruths): [Tensor, number] {
    const grad = this.getGrad(guesses, truths);
    const [loss, lowest, highest] = tf.tidy(() => tf.stack([tf.sum(tf.square(grad)), tf.min(guesses), tf.max(guesses)]).dataSync());
    if (lowest! < 0 || highest! > 1) {
      grad.dispose();
      throw new TsnlpError("E_LOSS_GUESSES", `CategoricalCrossentropy needs guesses in [0, 1], but they range from ${lowest} to ${highest}.`, {
        hint: "Give the loss the output of a softmax layer, not raw scores.",
      });
    }
    return [grad, loss!];
  }

  /** @internal the target and mask for these truths (thinc's convert_truths) */
  convertTruths(truths: CategoricalTruths, rows: number, classes: number): { target: Tensor; mask?: Tensor } {
    if (truths instanceof tf.Tensor) {
      if (truths.rank === 2) return this.fromTensor(truths, rows, classes);
      return this.fromIndices(Int32Array.from(truths.dataSync()), rows, classes);
    }
    if (truths instanceof Int32Array) return this.fromIndices(truths, rows, classes);
    const list = truths as ReadonlyArray<string | number | null>;
    if (list.length > 0 && typeof list[0] === "number") return this.fromIndices(list as readonly number[], rows, classes);
    return this.fromLabels(list as ReadonlyArray<string | null>, rows, classes);
  }

  private fromTensor(truths: Tensor, rows: number, classes: number): { target: Tensor; mask?: Tensor } {
    if (truths.shape[0] !== rows || truths.shape[1] !== classes) throw mismatch([rows, classes], truths.shape);
    if (this.labelSmoothing) {
      throw new TsnlpError(
        "E_LOSS_SMOOTHING",
        "CategoricalCrossentropy applies label smoothing only to labels or class indices, not to a 2-d tensor of truths.",
        {
          hint: "Pass the truths as labels or indices, or set label_smoothing = 0.0.",
        },
      );
    }
    if (typeof this.missingValue !== "number") return { target: truths };
    // One-hot rows whose class is the missing value get no gradient (thinc's _make_mask_by_value).
    const mask = tf.expandDims(tf.cast(tf.notEqual(tf.argMax(truths, -1), this.missingValue), "float32"), 1);
    return { target: truths, mask };
  }

  private fromIndices(truths: ArrayLike<number>, rows: number, classes: number): { target: Tensor; mask?: Tensor } {
    if (truths.length !== rows) throw mismatch([rows, classes], [truths.length]);
    const indices = new Int32Array(rows);
    const missing: number[] = [];
    for (let i = 0; i < rows; i++) {
      const value = truths[i]!;
      if (value === this.missingValue) {
        missing.push(i);
        continue;
      }
      if (!Number.isInteger(value) || value < 0 || value >= classes) {
        throw new TsnlpError("E_LOSS_TRUTH", `CategoricalCrossentropy: truth ${value} at row ${i} is no class index (there are ${classes} classes).`, {
          hint: "Give class indices from 0 to the number of classes minus 1, or set missing_value for the value that marks a missing label.",
        });
      }
      indices[i] = value;
    }
    return this.build(indices, missing, new Map(), classes);
  }

  private fromLabels(truths: ReadonlyArray<string | null>, rows: number, classes: number): { target: Tensor; mask?: Tensor } {
    if (truths.length !== rows) throw mismatch([rows, classes], [truths.length]);
    if (this.names === null) {
      throw new TsnlpError("E_LOSS_NAMES", "CategoricalCrossentropy cannot take label strings without the class names.", {
        hint: "Give the loss its names (names = [...]) or pass class indices.",
      });
    }
    const indices = new Int32Array(rows);
    const missing: number[] = [];
    const negatives = new Map<number, number>();
    for (let i = 0; i < rows; i++) {
      const value = truths[i]!;
      if (value === this.missingValue) {
        missing.push(i);
        continue;
      }
      if (value && this.negPrefix && value.startsWith(this.negPrefix)) {
        negatives.set(i, this.classOf(value.slice(this.negPrefix.length), i));
        continue;
      }
      indices[i] = this.classOf(value, i);
    }
    return this.build(indices, missing, negatives, classes);
  }

  private classOf(label: string | null, row: number): number {
    const index = label === null ? undefined : this.index.get(label);
    if (index !== undefined) return index;
    const close = label === null ? [] : nearest(label, this.index.keys(), 3);
    throw new TsnlpError(
      "E_LOSS_LABEL",
      `CategoricalCrossentropy: label ${JSON.stringify(label)} at row ${row} is not one of its ${this.names!.length} names.${label === null ? "" : didYouMean(label, close)}`,
      {
        hint: "Add the label to the component's labels (e.g. with 'tsnlp init labels'), or set missing_value for the value that marks a missing label.",
      },
    );
  }

  /** One-hot (or smoothed) rows; a negative row is all-masked except a 0 target at its class. */
  private build(indices: Int32Array, missing: number[], negatives: Map<number, number>, classes: number): { target: Tensor; mask?: Tensor } {
    const rows = indices.length;
    const [gold, other] = smoothing(this.labelSmoothing, classes);
    const target = new Float32Array(rows * classes).fill(other);
    for (let i = 0; i < rows; i++) target[i * classes + indices[i]!] = gold;
    let mask: Float32Array | undefined;
    if (missing.length > 0 || negatives.size > 0) {
      mask = new Float32Array(rows * classes).fill(1);
      for (const row of missing) mask.fill(0, row * classes, (row + 1) * classes);
      for (const [row, negative] of negatives) {
        // thinc: truths *= negatives_mask, then exactly -1 becomes 0. With label smoothing the
        // negative class holds -(1 - smoothing), which thinc then rejects as out of [0, 1].
        if (gold !== 1) {
          throw new TsnlpError("E_LOSS_SMOOTHING", "CategoricalCrossentropy cannot combine label smoothing with negative labels.", {
            hint: "Set label_smoothing = 0.0 or drop the negative labels (neg_prefix).",
          });
        }
        target.fill(0, row * classes, (row + 1) * classes);
        mask.fill(0, row * classes, (row + 1) * classes);
        mask[row * classes + negative] = 1;
      }
      for (const row of missing) target.fill(0, row * classes, (row + 1) * classes);
    }
    return { target: tf.tensor2d(target, [rows, classes]), mask: mask && tf.tensor2d(mask, [rows, classes]) };
  }
}

/** thinc's to_categorical: the gold probability and every other class's. */
function smoothing(labelSmoothing: number, classes: number): [number, number] {
  if (labelSmoothing === 0) return [1, 0];
  const max = (classes - 1) / classes;
  if (labelSmoothing < 0 || classes < 2 || labelSmoothing >= max) {
    throw new TsnlpError("E_LOSS_SMOOTHING", `label_smoothing = ${labelSmoothing} does not fit ${classes} classes: it must be at least 0 and below ${max}.`, {
      hint: "Use a small value such as 0.1 (label smoothing needs at least 2 classes).",
    });
  }
  return [1 - labelSmoothing, labelSmoothing / (classes - 1)];
}

export function shape2d(guesses: Tensor, loss: string): [number, number] {
  if (guesses.rank !== 2) {
    throw new TsnlpError("E_LOSS_SHAPE", `${loss} takes guesses as a 2-d tensor (rows × classes), not shape [${guesses.shape.join(", ")}].`);
  }
  return [guesses.shape[0]!, guesses.shape[1]!];
}

function mismatch(expected: readonly number[], actual: readonly number[]): TsnlpError {
  return new TsnlpError(
    "E_LOSS_SHAPE",
    `CategoricalCrossentropy: guesses have shape [${expected.join(", ")}] but the truths have shape [${actual.join(", ")}].`,
    {
      hint: "Give one truth per row of guesses.",
    },
  );
}
