import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { CategoricalCrossentropy, CosineDistance, L2Distance, SequenceCategoricalCrossentropy } from "../../src/ml/losses/index.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { isTsnlpError } from "../../src/util/errors.js";

function close(actual: Tensor | number, expected: number[][] | number, tol = 1e-6): void {
  if (typeof actual === "number" || typeof expected === "number") {
    assert.ok(Math.abs((actual as number) - (expected as number)) <= tol, `${actual} vs ${expected}`);
    return;
  }
  const values = actual.arraySync() as number[][];
  assert.deepEqual(actual.shape, [expected.length, expected[0]!.length]);
  expected.forEach((row, i) => {
    row.forEach((value, j) => {
      assert.ok(Math.abs(values[i]![j]! - value) <= tol, `[${i}][${j}]: ${values[i]![j]} vs ${value}`);
    });
  });
}

const code = (name: string) => (error: unknown) => isTsnlpError(error) && error.code === name;

describe("losses", () => {
  before(async () => {
    await selectBackend();
  });

  describe("CategoricalCrossentropy", () => {
    const names = ["A", "B", "C"];
    const guesses = () =>
      tf.tensor2d([
        [0.7, 0.2, 0.1],
        [0.1, 0.6, 0.3],
      ]);
    // Truths A, B: (guesses - one-hot) / 2 rows = [[-0.3, 0.2, 0.1], [0.1, -0.4, 0.3]] / 2;
    // loss = Σ grad² = 0.0225 + 0.01 + 0.0025 + 0.0025 + 0.04 + 0.0225 = 0.1.
    const expected = [
      [-0.15, 0.1, 0.05],
      [0.05, -0.2, 0.15],
    ];

    it("takes labels, indices or one-hot tensors", () => {
      const loss = new CategoricalCrossentropy({ names });
      for (const truths of [["A", "B"], [0, 1], Int32Array.from([0, 1]), tf.tensor1d([0, 1], "int32"), tf.cast(tf.oneHot([0, 1], 3), "float32")]) {
        const [grad, value] = loss.call(guesses(), truths);
        close(grad, expected);
        close(value, 0.1);
      }
      close(loss.getLoss(guesses(), ["A", "B"]), 0.1);
      close(new CategoricalCrossentropy({ normalize: false }).getGrad(guesses(), [0, 1]), [
        [-0.3, 0.2, 0.1],
        [0.1, -0.4, 0.3],
      ]);
    });

    it("gives missing labels no gradient", () => {
      // Row 2 is missing: its gradient is 0 (still divided by 2 rows); loss 0.0225 + 0.01 + 0.0025 = 0.035.
      const rowOne = [expected[0]!, [0, 0, 0]];
      const [grad, value] = new CategoricalCrossentropy({ names }).call(guesses(), ["A", null]);
      close(grad, rowOne);
      close(value, 0.035);
      close(new CategoricalCrossentropy({ missingValue: -1 }).getGrad(guesses(), [0, -1]), rowOne);
      close(new CategoricalCrossentropy({ names, missingValue: "" }).getGrad(guesses(), ["A", ""]), rowOne);
      // One-hot truths: a row whose argmax is the missing value is masked.
      close(new CategoricalCrossentropy({ missingValue: 1 }).getGrad(guesses(), tf.cast(tf.oneHot([0, 1], 3), "float32")), rowOne);
    });

    it("reads negative labels: only the negated class gets a gradient, towards 0", () => {
      // "!B" on row 2: target 0 for B, every other class masked: [0, 0.6, 0] / 2. Loss 0.035 + 0.09 = 0.125.
      const [grad, value] = new CategoricalCrossentropy({ names, negPrefix: "!" }).call(guesses(), ["A", "!B"]);
      close(grad, [expected[0]!, [0, 0.3, 0]]);
      close(value, 0.125);
    });

    it("smooths labels as thinc's to_categorical does", () => {
      // 0.1 over 3 classes: gold 0.9, others 0.05. Row 1: [0.7-0.9, 0.2-0.05, 0.1-0.05] / 2; row 2 likewise.
      close(new CategoricalCrossentropy({ names, labelSmoothing: 0.1 }).getGrad(guesses(), ["A", "B"]), [
        [-0.1, 0.075, 0.025],
        [0.025, -0.15, 0.125],
      ]);
      assert.throws(() => new CategoricalCrossentropy({ names, labelSmoothing: 0.7 }).getGrad(guesses(), ["A", "B"]), code("E_LOSS_SMOOTHING"));
      assert.throws(
        () => new CategoricalCrossentropy({ labelSmoothing: 0.1 }).getGrad(guesses(), tf.cast(tf.oneHot([0, 1], 3), "float32")),
        code("E_LOSS_SMOOTHING"),
      );
    });

    it("says what is wrong with labels and guesses", () => {
      assert.throws(
        () => new CategoricalCrossentropy({ names }).getGrad(guesses(), ["A", "b"]),
        (error: unknown) => code("E_LOSS_LABEL")(error) && /"b" at row 1/.test((error as Error).message),
      );
      assert.throws(() => new CategoricalCrossentropy().getGrad(guesses(), ["A", "B"]), code("E_LOSS_NAMES"));
      assert.throws(() => new CategoricalCrossentropy().getGrad(guesses(), [0, 3]), code("E_LOSS_TRUTH"));
      assert.throws(() => new CategoricalCrossentropy().getGrad(guesses(), [0]), code("E_LOSS_SHAPE"));
      assert.throws(() => new CategoricalCrossentropy().call(tf.tensor2d([[2, -1]]), [0]), code("E_LOSS_GUESSES"));
    });
  });

  it("SequenceCategoricalCrossentropy divides by the number of docs", () => {
    // Two docs of one row each, normalize: each doc's unnormalized gradient / 2 docs; loss 0.1 as above.
    const loss = new SequenceCategoricalCrossentropy({ names: ["A", "B", "C"] });
    const [grads, value] = loss.call([tf.tensor2d([[0.7, 0.2, 0.1]]), tf.tensor2d([[0.1, 0.6, 0.3]])], [["A"], [1]]);
    close(grads[0]!, [[-0.15, 0.1, 0.05]]);
    close(grads[1]!, [[0.05, -0.2, 0.15]]);
    close(value, 0.1);
    assert.throws(() => loss.getGrad([tf.tensor2d([[1, 0, 0]])], []), code("E_LOSS_SHAPE"));
  });

  it("L2Distance gives (guesses - truths) / rows and Σ grad²", () => {
    // [[1, 2], [3, 4]] - [[0, 2], [3, 6]] = [[1, 0], [0, -2]], / 2 rows; loss 0.25 + 1 = 1.25.
    const [grad, value] = new L2Distance().call(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([
        [0, 2],
        [3, 6],
      ]),
    );
    close(grad, [
      [0.5, 0],
      [0, -1],
    ]);
    close(value, 1.25);
    assert.throws(() => new L2Distance().getGrad(tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 2, 3]])), code("E_LOSS_SHAPE"));
  });

  describe("CosineDistance", () => {
    // Row 1: yh = [1, 0], y = [0, 1]: cos = 0, loss |0 - 1| = 1, grad -(y/(|yh||y|) - cos·yh/|yh|²) = [0, -1].
    // Row 2: yh = y = [3, 4]: cos = 1, loss 0, grad -(y/25 - yh/25) = 0. Normalized by 2 rows.
    it("gives thinc's gradient and loss", () => {
      const guesses = tf.tensor2d([
        [1, 0],
        [3, 4],
      ]);
      const truths = tf.tensor2d([
        [0, 1],
        [3, 4],
      ]);
      const [grad, value] = new CosineDistance().call(guesses, truths);
      close(grad, [
        [0, -0.5],
        [0, 0],
      ]);
      close(value, 0.5);
      close(new CosineDistance({ normalize: false }).getLoss(guesses, truths), 1);
    });

    it("ignores rows with an all-zero target when asked", () => {
      // Row 2's target is zero: y = [1e-8, 1e-8], so cos = 1/√2 and it adds |0.7071 - 1| unless ignored.
      const guesses = tf.tensor2d([
        [1, 0],
        [1, 0],
      ]);
      const truths = tf.tensor2d([
        [0, 1],
        [0, 0],
      ]);
      close(new CosineDistance({ ignoreZeros: true }).getLoss(guesses, truths), 0.5);
      close(new CosineDistance().getLoss(guesses, truths), (1 + (1 - Math.SQRT1_2)) / 2);
      close(new CosineDistance({ ignoreZeros: true }).getGrad(guesses, truths), [
        [0, -0.5],
        [0, 0],
      ]);
    });
  });
});
