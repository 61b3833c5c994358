import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import type { CategoricalCrossentropy } from "../../src/ml/losses/index.js";
import { Model, withScope } from "../../src/ml/model.js";
import { Adam, type GradientOptimizer, optimizerFromBytes, optimizerToBytes, RAdam, SGD, stableKeys } from "../../src/ml/optimizers/index.js";
import { registerTrainingFunctions } from "../../src/ml/register-training.js";
import { constant, decaying } from "../../src/ml/schedules.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/index.js";
import { isTsnlpError } from "../../src/util/errors.js";

function close(actual: ArrayLike<number>, expected: readonly number[], tol = 2e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    assert.ok(diff <= tol * Math.max(1, Math.abs(expected[i]!)), `at ${i}: ${actual[i]} vs ${expected[i]} (diff ${diff})`);
  }
}

/** Apply the optimizer to one parameter over a list of gradients; return the final values. */
function run(optimizer: GradientOptimizer, start: number[], grads: number[][], key = "0:W"): Float32Array {
  let param: Tensor = tf.keep(tf.tensor1d(start));
  for (const g of grads) {
    const next = withScope(() => tf.keep(optimizer.update(key, param, tf.tensor1d(g))));
    if (next !== param) param.dispose();
    param = next;
  }
  const values = param.dataSync() as Float32Array;
  param.dispose();
  return values;
}

const read = (tensor: Tensor | undefined) => Array.from(tensor!.dataSync());

describe("optimizers", () => {
  before(async () => {
    await selectBackend();
  });

  describe("Adam", () => {
    // Thinc's Adam with t the parameter's step count (thinc/optimizers.py, ops.adam):
    //   m1 = b1 m1 + (1-b1) g;  m2 = b2 m2 + (1-b2) g²;  lr_t = lr √(1-b2ᵗ) / (1-b1ᵗ)
    //   w -= lr_t · m1 / (√m2 + eps)
    // lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, grad_clip = 1 (no gradient below reaches norm 1 unless said).
    const settings = { learnRate: 0.1, useAverages: false, L2: 0 };

    it("takes one step as thinc does", () => {
      // g = [0.1, 0.2, -0.3]: m1 = 0.1 g = [0.01, 0.02, -0.03]; m2 = 0.001 g² = [1e-5, 4e-5, 9e-5];
      // lr_t = 0.1 √0.001 / 0.1 = 0.0316227766; m1/(√m2+eps) = ±(1 - 3.2e-6, 1 - 1.6e-6, 1 - 1.05e-6), so
      // w = [1 - 0.0316227766·0.99999684, -2 - 0.0316227766·0.99999842, 0.5 + 0.0316227766·0.99999895]
      const optimizer = Adam(settings);
      close(run(optimizer, [1, -2, 0.5], [[0.1, 0.2, -0.3]]), [0.900000316226766, -2.099999841886367, 0.5999998945908558]);
      assert.equal(optimizer.steps("0:W"), 1);
      const state = optimizer.state.get("0:W")!;
      close(read(state.mom1), [0.01, 0.02, -0.03]);
      close(read(state.mom2), [1e-5, 4e-5, 9e-5]);
      optimizer.dispose();
    });

    it("takes several steps as thinc does", () => {
      // Step 2: g = [-0.05, 0.4, 0.1]; m1 = 0.9·[0.01, 0.02, -0.03] + 0.1 g = [0.004, 0.058, -0.017];
      // m2 = 0.999·m2 + 0.001 g² = [1.249e-5, 1.9996e-4, 9.991e-5]; lr_t = 0.1 √(1-0.999²)/(1-0.9²) = 0.0235316725.
      // Step 3: g = [0.3, -0.1, 0.2]; m1 = [0.0336, 0.0422, 0.0047]; m2 = [1.0247751e-4, 2.0976004e-4, 1.3981009e-4];
      // lr_t = 0.1 √(1-0.999³)/(1-0.9³) = 0.0202010597.
      const optimizer = Adam(settings);
      const w = run(
        optimizer,
        [1, -2, 0.5],
        [
          [0.1, 0.2, -0.3],
          [-0.05, 0.4, 0.1],
          [0.3, -0.1, 0.2],
        ],
      );
      close(w, [0.8063166973397451, -2.255378608845075, 0.6319919550536626]);
      const state = optimizer.state.get("0:W")!;
      close(read(state.mom1), [0.0336, 0.0422, 0.0047], 1e-6);
      close(read(state.mom2), [1.0247751e-4, 2.0976004e-4, 1.3981009e-4], 1e-6);
      optimizer.dispose();
    });

    it("clips each parameter's gradient to grad_clip before the moments", () => {
      // g = [3, 4, 0] has norm 5 ≥ 1, so it becomes [0.6, 0.8, 0]: m1 = [0.06, 0.08, 0], m2 = [3.6e-4, 6.4e-4, 0].
      // Step 2 takes g = [0.1, 0.2, -0.3] (norm 0.37, unclipped): m1 = [0.064, 0.092, -0.03].
      const optimizer = Adam(settings);
      const w = run(
        optimizer,
        [1, -2, 0.5],
        [
          [3, 4, 0],
          [0.1, 0.2, -0.3],
        ],
      );
      close(w, [0.8216673586216668, -2.1830596819721455, 0.5744136039178724]);
      close(read(optimizer.state.get("0:W")!.mom1), [0.064, 0.092, -0.03]);
      optimizer.dispose();
    });

    it("applies decoupled L2 after the step and keeps thinc's averages", () => {
      // After each Adam step w -= lr·L2·w (lr = 0.1, L2 = 0.01): step 1 gives 0.900000316·0.999 = 0.899100316, ...
      // Averages start at 0 with decay d = min((1+t)/(10+t), 0.9999): t = 1: d = 2/11, avg = (9/11)·w1;
      // t = 2: d = 3/12, avg = avg - 0.75 (avg - w2).
      const optimizer = Adam({ learnRate: 0.1, L2: 0.01, useAverages: true });
      const w = run(
        optimizer,
        [1, -2, 0.5],
        [
          [0.1, 0.2, -0.3],
          [-0.05, 0.4, 0.1],
        ],
      );
      close(w, [0.8715942206186215, -2.192223558394833, 0.6387822901400164]);
      close(read(optimizer.averages.get("0:W")), [0.8376025482638492, -2.07328354557795, 0.6016912415201574]);
      optimizer.dispose();
    });

    it("counts steps per parameter, so a late parameter gets a first step's bias correction", () => {
      const optimizer = Adam(settings);
      run(
        optimizer,
        [0, 0],
        [
          [0.1, 0.1],
          [0.1, 0.1],
          [0.1, 0.1],
          [0.1, 0.1],
        ],
        "1:W",
      );
      // On its first update, a parameter moves by lr·√0.001/0.1 · (1 - ~1e-6) whatever the other keys did.
      close(run(optimizer, [1, -2, 0.5], [[0.1, 0.2, -0.3]], "2:W"), [0.900000316226766, -2.099999841886367, 0.5999998945908558]);
      assert.equal(optimizer.steps("1:W"), 4);
      assert.equal(optimizer.steps("2:W"), 1);
      optimizer.dispose();
    });
  });

  describe("SGD", () => {
    it("clips a gradient whose norm reaches grad_clip, and leaves a smaller one alone", () => {
      // g = [3, 4] (norm 5) → [0.6, 0.8]; w = [1, 1] - 0.5·[0.6, 0.8] = [0.7, 0.6].
      close(run(SGD({ learnRate: 0.5, useAverages: false }), [1, 1], [[3, 4]]), [0.7, 0.6]);
      // g = [0.3, 0.4] (norm 0.5 < 1) is unchanged: w = [1, 1] - 0.5·[0.3, 0.4] = [0.85, 0.8].
      close(run(SGD({ learnRate: 0.5, useAverages: false }), [1, 1], [[0.3, 0.4]]), [0.85, 0.8]);
      // grad_clip = 0 disables clipping: w = [1, 1] - 0.5·[3, 4] = [-0.5, -1].
      close(run(SGD({ learnRate: 0.5, gradClip: 0, useAverages: false }), [1, 1], [[3, 4]]), [-0.5, -1]);
    });

    it("applies L2 as weight decay after the step, or adds it to the gradient", () => {
      // Decoupled: w = [1, 2] - 0.1·[0.1, 0.1] = [0.99, 1.99], then w -= 0.1·0.01·w: [0.98901, 1.98801].
      close(run(SGD({ learnRate: 0.1, L2: 0.01, useAverages: false }), [1, 2], [[0.1, 0.1]]), [0.98901, 1.98801]);
      // Coupled: g = [0.1, 0.1] + 0.01·[1, 2] = [0.11, 0.12]; w = [1, 2] - 0.1 g = [0.989, 1.988].
      close(run(SGD({ learnRate: 0.1, L2: 0.01, L2IsWeightDecay: false, useAverages: false }), [1, 2], [[0.1, 0.1]]), [0.989, 1.988]);
    });

    it("keeps averages with thinc's formula", () => {
      // w: 1 → 0.9 → 0.8. avg1 = (1 - 2/11)·0.9 = 0.7363636; avg2 = avg1 - (1 - 3/12)(avg1 - 0.8) = 0.7840909.
      const optimizer = SGD({ learnRate: 0.1, gradClip: 0 });
      close(run(optimizer, [1], [[1], [1]]), [0.8]);
      close(read(optimizer.averages.get("0:W")), [0.7840909090909091]);
      optimizer.dispose();
    });
  });

  describe("RAdam", () => {
    it("degenerates to SGD with momentum in its first steps, as thinc's port does", () => {
      // thinc uses step = update count + 1 = 2: N_sma = 1999 - 4·0.999²/(1-0.999²) = 1.9995 < 5,
      // so step_size = 1/(1 - 0.9²) = 5.2631579 and w -= step_size·lr·m1, m1 = 0.1 g.
      const w = run(RAdam({ learnRate: 0.1, useAverages: false }), [1, -2, 0.5], [[0.1, 0.2, -0.3]]);
      close(w, [0.9947368421052631, -2.0105263157894737, 0.5157894736842106]);
    });
  });

  describe("schedules", () => {
    it("takes a schedule's first value at once and one more per stepSchedules, keeping the last", () => {
      const optimizer = SGD({ learnRate: [0.1, 0.2], useAverages: false });
      assert.equal(optimizer.learnRate, 0.1);
      optimizer.stepSchedules();
      assert.equal(optimizer.learnRate, 0.2);
      optimizer.stepSchedules();
      assert.equal(optimizer.learnRate, 0.2);
    });

    it("takes Schedule objects and functions of the step for any hyperparameter", () => {
      const optimizer = Adam({ learnRate: decaying(0.001, 1e-4), L2: (step) => 0.01 * (step + 1), beta1: constant(0.8) });
      assert.equal(optimizer.learnRate, 0.001);
      assert.equal(optimizer.get("L2"), 0.01);
      optimizer.stepSchedules();
      assert.equal(optimizer.learnRate, 0.001 * (1 / (1 + 1e-4)));
      assert.equal(optimizer.get("L2"), 0.02);
      assert.equal(optimizer.get("beta1"), 0.8);
    });

    it("uses the scheduled value in the update", () => {
      // Step 1 with lr 0.5: [1] - 0.5 = [0.5]; step 2 with lr 0.25: [0.5] - 0.25 = [0.25].
      const optimizer = SGD({ learnRate: [0.5, 0.25], gradClip: 0, useAverages: false });
      let param: Tensor = tf.keep(tf.tensor1d([1]));
      for (let i = 0; i < 2; i++) {
        const next = withScope(() => tf.keep(optimizer.update("k", param, tf.tensor1d([1]))));
        param.dispose();
        param = next;
        optimizer.stepSchedules();
      }
      close(param.dataSync(), [0.25]);
      param.dispose();
    });

    it("says clearly when a hyperparameter is not a number or schedule", () => {
      assert.throws(
        () => Adam({ learnRate: "fast" as unknown as number }),
        (error: unknown) => isTsnlpError(error) && error.code === "E_OPTIMIZER_HYPERPARAMETER" && /learn_rate/.test(error.message),
      );
      assert.throws(
        () => Adam({ learnRate: [] }),
        (error: unknown) => isTsnlpError(error) && /gave no number/.test(error.message),
      );
    });
  });

  describe("with a model", () => {
    function tiny(): Model<Tensor, Tensor> {
      return new Model<Tensor, Tensor>(
        "tiny",
        (model, X) => {
          const W = model.getParam("W");
          const Y = tf.add(tf.matMul(X, W), model.getParam("b"));
          return [
            Y,
            (dY) => {
              model.incGrad("W", tf.matMul(tf.transpose(X), dY));
              model.incGrad("b", tf.sum(dY, 0));
              return tf.matMul(dY, tf.transpose(W));
            },
          ];
        },
        { params: { W: tf.randomNormal([4, 3], 0, 0.5, "float32", 7), b: tf.zeros([3]) } },
      );
    }

    function step(model: Model<Tensor, Tensor>, optimizer: GradientOptimizer, seed: number): void {
      withScope(() => {
        const X = tf.randomNormal([5, 4], 0, 1, "float32", seed);
        const [Y, backprop] = model.beginUpdate(X);
        backprop(tf.sub(Y, 1));
        model.finishUpdate(optimizer);
        optimizer.stepSchedules();
      });
    }

    it("keeps the tensor count flat across 100 steps", () => {
      const model = tiny();
      const optimizer = Adam({ learnRate: decaying(0.01, 1e-3), L2: 0.01, useAverages: true });
      step(model, optimizer, 0);
      const before = tf.memory().numTensors;
      for (let i = 1; i <= 100; i++) step(model, optimizer, i);
      assert.equal(tf.memory().numTensors, before);
      optimizer.dispose();
      model.dispose();
    });

    it("gives averages that model.useParams swaps in", () => {
      const model = tiny();
      const optimizer = Adam({ learnRate: 0.01 });
      step(model, optimizer, 1);
      const W = model.getNode("tiny")!;
      const average = optimizer.averages.get(`${W.id}:W`)!;
      assert.ok(average);
      const inside = model.useParams(optimizer.averages, () => read(model.getParam("W")));
      assert.deepEqual(inside, read(average));
      assert.notDeepEqual(read(model.getParam("W")), inside);
      optimizer.dispose();
      model.dispose();
    });

    it("saves and restores its state so that training resumes exactly", async () => {
      const a = tiny();
      const b = a.copy();
      const first = Adam({ learnRate: decaying(0.01, 0.1), L2: 0.01 });
      for (let i = 0; i < 3; i++) step(a, first, i);
      const bytes = await optimizerToBytes(first, stableKeys(a));
      // b has the same weights as a had at the start: bring them level, then restore the optimizer.
      for (const name of ["W", "b"]) b.setParam(name, a.getParam(name).clone());
      const second = optimizerFromBytes(Adam({ learnRate: decaying(0.01, 0.1), L2: 0.01 }), bytes, stableKeys(b));
      assert.equal(second.learnRate, first.learnRate);
      assert.equal(second.steps(`${b.id}:W`), 3);
      step(a, first, 10);
      step(b, second, 10);
      close(read(b.getParam("W")), read(a.getParam("W")), 1e-7);
      close(read(second.averages.get(`${b.id}:W`)), read(first.averages.get(`${a.id}:W`)), 1e-7);
      assert.equal(second.learnRate, first.learnRate);
      for (const x of [first, second]) x.dispose();
      for (const x of [a, b]) x.dispose();
    });

    it("refuses bytes that are not a saved optimizer", () => {
      assert.throws(
        () => optimizerFromBytes(Adam(), new Uint8Array([0xc1])),
        (error: unknown) => isTsnlpError(error) && error.code === "E_OPTIMIZER_STATE",
      );
    });
  });
});

describe("registerTrainingFunctions", () => {
  it("builds the declared optimizers, schedules, losses and initializers from filled config args", async () => {
    await selectBackend();
    const registry = new Registry();
    registerBuiltins(registry);
    registerTrainingFunctions(registry);
    // `built` holds values that other registered functions made (the schema checks their origin).
    const build = (table: "optimizers" | "schedules" | "losses" | "initializers", name: string, args: Record<string, unknown>, built = {}) => {
      const decl = registry.get(table, name);
      return decl.build!({ ...(decl.args.parse(args) as Record<string, unknown>), ...built }, []);
    };
    const schedule = build("schedules", "warmup_linear.v1", { initial_rate: 1, warmup_steps: 2, total_steps: 5 }) as Iterator<number>;
    const adam = build("optimizers", "Adam.v1", { L2: 0.01, use_averages: false }, { learn_rate: schedule }) as GradientOptimizer;
    assert.equal(adam.learnRate, 0);
    adam.stepSchedules();
    assert.equal(adam.learnRate, 0.5);
    assert.equal(adam.get("beta2"), 0.999);
    assert.equal(adam.useAverages, false);
    const sgd = build("optimizers", "SGD.v1", { learn_rate: [0.1, 0.2] }) as GradientOptimizer;
    assert.equal(sgd.get("beta1"), 0);
    const loss = build("losses", "CategoricalCrossentropy.v3", { names: ["A", "B"], label_smoothing: 0.1 }) as CategoricalCrossentropy;
    assert.equal(loss.labelSmoothing, 0.1);
    const init = build("initializers", "glorot_uniform_init.v1", {}) as (shape: number[]) => Tensor;
    const W = init([2, 3]);
    assert.deepEqual(W.shape, [2, 3]);
    W.dispose();
  });
});
