import { strict as assert } from "node:assert";
import * as tfl from "@tensorflow/tfjs-layers";
import { selectBackend } from "../../src/ml/backend.js";
import { chain } from "../../src/ml/layers/chain.js";
import { linear } from "../../src/ml/layers/linear.js";
import { withScope } from "../../src/ml/model.js";
import { Adam } from "../../src/ml/optimizers/index.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";
import { getLayersModel, tfjsWrapper } from "../../src/ml/wrappers/index.js";
import { isTsnlpError } from "../../src/util/errors.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";

/** dense relu (4 → 6) → dense (6 → 3), with seeded weights and non-zero biases. */
function mlp(seed = 1): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: 6,
        inputShape: [4],
        activation: "relu",
        kernelInitializer: tfl.initializers.glorotUniform({ seed }),
        biasInitializer: tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: seed + 1 }),
      }),
      tfl.layers.dense({ units: 3, kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 2 }), biasInitializer: "ones" }),
    ],
  });
}

const values = (t: Tensor) => Array.from(t.dataSync());

function close(actual: readonly number[], expected: readonly number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `at ${i}: ${actual[i]} vs ${expected[i]}`);
}

/** One step of mean squared error: returns the loss. */
function step(model: ReturnType<typeof tfjsWrapper<Floats2d, Floats2d>>, X: Floats2d, T: Floats2d, optimizer: ReturnType<typeof Adam>): number {
  return withScope(() => {
    const [Y, backprop] = model.beginUpdate(X);
    const diff = tf.sub(Y, T) as Floats2d;
    const loss = tf.mean(tf.square(diff)).dataSync()[0]!;
    backprop(tf.div(diff, Y.shape[0]) as Floats2d);
    model.finishUpdate(optimizer);
    return loss;
  });
}

describe("tfjsWrapper", () => {
  before(async () => {
    await selectBackend();
  });

  it("runs the layers model: same output as predict, dims and stable param names", () => {
    const net = mlp();
    const model = tfjsWrapper(net);
    assert.equal(model.getDim("nI"), 4);
    assert.equal(model.getDim("nO"), 3);
    assert.deepEqual(model.paramNames, ["0.kernel", "0.bias", "1.kernel", "1.bias"]);
    assert.equal(getLayersModel(model), net);
    withScope(() => {
      const X = tf.randomNormal([5, 4], 0, 1, "float32", 3) as Floats2d;
      close(values(model.predict(X)), values(net.predict(X) as Tensor));
      const [Y] = model.beginUpdate(X);
      close(values(Y), values(net.predict(X) as Tensor));
    });
    model.dispose();
    net.dispose();
  });

  it("backprop matches finite differences for the weights and the input", () => {
    const net = mlp(5);
    const model = tfjsWrapper(net);
    const X = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 7)) as Floats2d;
    const run = (isTrain: boolean): [Tensor[], (dY: Tensor[]) => void] => {
      const [Y, backprop] = model.call(X, isTrain);
      return [[Y], ([dY]) => backprop(dY as Floats2d)];
    };
    const checked = checkParamGradients(model, run, { samples: 8 });
    assert.ok(checked >= 24, `checked ${checked}`);
    checkInputGradient((input, isTrain) => {
      const [Y, backprop] = model.call(input as Floats2d, isTrain);
      return [[Y], ([dY]) => backprop(dY as Floats2d)];
    }, X);
    X.dispose();
    model.dispose();
    net.dispose();
  });

  it("trains with tsnlp's Adam, updating the layers model's own weights", () => {
    const net = mlp(11);
    const model = tfjsWrapper(net);
    const X = tf.keep(tf.randomNormal([32, 4], 0, 1, "float32", 13)) as Floats2d;
    const T = tf.keep(tf.tidy(() => tf.matMul(X, tf.randomNormal([4, 3], 0, 1, "float32", 17)))) as Floats2d;
    const optimizer = Adam({ learnRate: 0.02, useAverages: false });
    const first = step(model, X, T, optimizer);
    let last = first;
    for (let i = 0; i < 150; i++) last = step(model, X, T, optimizer);
    assert.ok(last < first * 0.3, `loss ${first} -> ${last}`);
    // The layers model runs with the updated weights once the wrapper has synced them.
    withScope(() => {
      const ours = values(model.predict(X));
      close(values(net.predict(X) as Tensor), ours);
      close(values(net.getWeights()[0]!), values(model.getParam("0.kernel")));
    });
    optimizer.dispose();
    X.dispose();
    T.dispose();
    model.dispose();
    net.dispose();
  });

  it("holds the tensor count flat across 100 updates", () => {
    const net = mlp(19);
    const model = tfjsWrapper(net);
    const X = tf.keep(tf.randomNormal([8, 4], 0, 1, "float32", 23)) as Floats2d;
    const T = tf.keep(tf.randomNormal([8, 3], 0, 1, "float32", 29)) as Floats2d;
    const optimizer = Adam({ learnRate: 0.001 });
    step(model, X, T, optimizer);
    const count = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step(model, X, T, optimizer);
    assert.equal(tf.memory().numTensors, count);
    // Averaged params swapped in for prediction, then the trained ones again: still flat.
    withScope(() => model.useParams(optimizer.averages, () => model.predict(X)));
    withScope(() => model.predict(X));
    assert.equal(tf.memory().numTensors, count);
    optimizer.dispose();
    X.dispose();
    T.dispose();
    model.dispose();
    net.dispose();
  });

  it("chains with tsnlp layers, which infer their sizes from it", () => {
    const net = mlp(31);
    const model = chain(tfjsWrapper(net), linear({ nO: 2 }));
    const X = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 37)) as Floats2d;
    model.initialize(X);
    assert.equal(model.layers[1]!.getDim("nI"), 3);
    const checked = checkParamGradients(model, (isTrain) => {
      const [Y, backprop] = model.call(X, isTrain);
      return [[Y], ([dY]) => backprop(dY as Floats2d)];
    });
    assert.ok(checked >= 25, `checked ${checked}`);
    const optimizer = Adam({ learnRate: 0.01 });
    const T = tf.keep(tf.zeros([5, 2])) as Floats2d;
    const before = values(net.getWeights()[0]!);
    withScope(() => {
      const [Y, backprop] = model.beginUpdate(X);
      assert.deepEqual(Y.shape, [5, 2]);
      const dX = backprop(tf.sub(Y, T) as Floats2d);
      assert.deepEqual(dX.shape, [5, 4]);
      model.finishUpdate(optimizer);
      model.predict(X);
    });
    assert.notDeepEqual(values(net.getWeights()[0]!), before);
    optimizer.dispose();
    X.dispose();
    T.dispose();
    model.dispose();
    net.dispose();
  });

  it("round-trips through toBytes / fromBytes into a freshly built layers model", () => {
    const trained = tfjsWrapper(mlp(41));
    const fresh = tfjsWrapper(mlp(43));
    withScope(() => {
      const X = tf.randomNormal([5, 4], 0, 1, "float32", 47) as Floats2d;
      assert.notDeepEqual(values(fresh.predict(X)), values(trained.predict(X)));
      fresh.fromBytes(trained.toBytes());
      close(values(fresh.predict(X)), values(trained.predict(X)), 0);
      close(values(getLayersModel(fresh).predict(X) as Tensor), values(trained.predict(X)), 0);
    });
    const copy = trained.copy();
    withScope(() => {
      const X = tf.randomNormal([5, 4], 0, 1, "float32", 53) as Floats2d;
      close(values(copy.predict(X)), values(trained.predict(X)), 0);
    });
    for (const m of [trained, fresh, copy]) m.dispose();
    getLayersModel(trained).dispose();
    getLayersModel(fresh).dispose();
  });

  it("backprops through the same dropout mask the forward pass used", () => {
    const net = tfl.sequential({ layers: [tfl.layers.dropout({ rate: 0.5, inputShape: [64] })] });
    const model = tfjsWrapper(net);
    withScope(() => {
      const X = tf.add(tf.randomUniform([4, 64], 0, 1, "float32", 59), 1) as Floats2d;
      const [Y, backprop] = model.beginUpdate(X);
      const dX = backprop(tf.onesLike(Y) as Floats2d);
      const kept = values(Y).map((y) => y !== 0);
      assert.ok(kept.some((k) => k) && kept.some((k) => !k), "dropout drops some and keeps some");
      assert.deepEqual(
        values(dX).map((d) => d !== 0),
        kept,
      );
      close(values(model.predict(X)), values(X));
    });
    model.dispose();
    net.dispose();
  });

  it("updates batch normalization's moving averages once per step, and saves them", () => {
    const net = tfl.sequential({ layers: [tfl.layers.batchNormalization({ inputShape: [3], momentum: 0.5 })] });
    const model = tfjsWrapper(net);
    assert.deepEqual(model.paramNames, ["0.gamma", "0.beta", "0.moving_mean", "0.moving_variance"]);
    const X = tf.keep(tf.tensor2d([1, 2, 3, 3, 6, 9], [2, 3])) as Floats2d;
    const optimizer = Adam({ learnRate: 0.01 });
    withScope(() => {
      const [Y, backprop] = model.beginUpdate(X);
      backprop(tf.mul(Y, 0.1) as Floats2d);
      assert.equal(model.hasGrad("0.moving_mean"), false);
      assert.equal(model.hasGrad("0.gamma"), true);
      model.finishUpdate(optimizer);
    });
    // moving = moving - (moving - batch mean) * (1 - momentum) = 0.5 * [2, 4, 6]
    close(values(model.getParam("0.moving_mean")), [1, 2, 3]);
    const fresh = tfjsWrapper(tfl.sequential({ layers: [tfl.layers.batchNormalization({ inputShape: [3], momentum: 0.5 })] }));
    fresh.fromBytes(model.toBytes());
    withScope(() => close(values(fresh.predict(X)), values(model.predict(X)), 0));
    close(values(getLayersModel(fresh).getWeights()[2]!), [1, 2, 3]);
    optimizer.dispose();
    X.dispose();
    for (const m of [model, fresh]) {
      m.dispose();
      getLayersModel(m).dispose();
    }
  });

  it("says which gradient kernel the backend lacks", function () {
    if (tf.getBackend() !== "wasm") {
      console.log(`      (skipped: the ${tf.getBackend()} backend has the gradient kernel that wasm lacks)`);
      this.skip();
    }
    const net = tfl.sequential({ layers: [tfl.layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 3 }), tfl.layers.flatten()] });
    const model = tfjsWrapper<Tensor, Floats2d>(net);
    withScope(() => {
      const ids = tf.tensor2d([[1, 2, 3]], [1, 3], "int32");
      const [Y, backprop] = model.beginUpdate(ids);
      assert.deepEqual(Y.shape, [1, 12]);
      assert.throws(
        () => backprop(tf.onesLike(Y) as Floats2d),
        (error: unknown) => isTsnlpError(error) && error.code === "E_TFJS_KERNEL" && /UnsortedSegmentSum/.test(error.message) && /wasm/.test(error.message),
      );
    });
    model.dispose();
    net.dispose();
  });

  it("takes lists through convertInputs / convertOutputs, and rejects them without", () => {
    const net = mlp(61);
    const lengths = (Xs: Floats2d[]) => Xs.map((x) => x.shape[0]);
    const model = tfjsWrapper<Floats2d[], Floats2d[]>(net, {
      convertInputs: (_model, Xs) => [tf.concat(Xs, 0), (dX) => tf.split(dX, lengths(Xs), 0) as Floats2d[]],
      convertOutputs: (_model, [Xs, Y]) => [tf.split(Y, lengths(Xs), 0) as Floats2d[], (dYs) => tf.concat(dYs, 0)],
    });
    withScope(() => {
      const Xs = [tf.randomNormal([2, 4]), tf.randomNormal([3, 4])] as Floats2d[];
      const [Ys, backprop] = model.beginUpdate(Xs);
      assert.deepEqual(
        Ys.map((y) => y.shape),
        [
          [2, 3],
          [3, 3],
        ],
      );
      close(values(tf.concat(Ys, 0)), values(net.predict(tf.concat(Xs, 0)) as Tensor));
      const dXs = backprop(Ys.map((y) => tf.onesLike(y)));
      assert.deepEqual(
        dXs.map((d) => d.shape),
        [
          [2, 4],
          [3, 4],
        ],
      );
      assert.ok(model.hasGrad("0.kernel"));
      const plain = tfjsWrapper<unknown, Floats2d>(net);
      assert.throws(
        () => plain.predict([1, 2]),
        (error: unknown) => isTsnlpError(error) && error.code === "E_LAYER_INPUT" && /convertInputs/.test(error.hint ?? ""),
      );
    });
    model.dispose();
    net.dispose();
    assert.throws(
      () => tfjsWrapper(tfl.sequential()),
      (error: unknown) => isTsnlpError(error) && error.code === "E_LAYER_ARGS" && /built/.test(error.message),
    );
  });
});
