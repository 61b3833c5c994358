import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { Model, withScope } from "../../src/ml/model.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";
import { affine, sgd } from "../helpers/layers.js";

// affine (test/helpers/layers.ts) is written the way user code writes a Thinc layer.

describe("Model", () => {
  before(async () => {
    await selectBackend();
  });

  it("keeps dims tri-state and says clearly what is missing", () => {
    const model = new Model<Floats2d, Floats2d>("m", (_m, X) => [X, (dY) => dY], { dims: { nO: null, nI: 4 } });
    assert.equal(model.hasDim("nI"), true);
    assert.equal(model.hasDim("nO"), null);
    assert.equal(model.hasDim("nP"), false);
    assert.throws(() => model.getDim("nO"), /dimension 'nO' of model 'm': it has not been set/);
    assert.throws(() => model.getDim("nP"), /Model 'm' has no dimension 'nP'/);
    model.setDim("nO", 3);
    assert.throws(() => model.setDim("nO", 5), /has dimension 'nO' = 3; it cannot become 5/);
    model.setDim("nO", 5, { force: true });
    assert.equal(model.getDim("nO"), 5);
  });

  it("backprop adds gradients that match finite differences, and finishUpdate applies them", () => {
    const model = affine(3, 4).initialize();
    const X = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 2)) as Floats2d;
    const checked = checkParamGradients(model, (isTrain) => {
      const [Y, backprop] = model.call(X, isTrain);
      return [[Y], ([dY]) => backprop(dY as Floats2d)];
    });
    assert.ok(checked >= 8);
    checkInputGradient((input, isTrain) => {
      const [Y, backprop] = model.call(input as Floats2d, isTrain);
      return [[Y], ([dY]) => backprop(dY as Floats2d)];
    }, X);
    const before = model.getParam("W").dataSync().slice();
    withScope(() => {
      const [, backprop] = model.beginUpdate(X);
      backprop(tf.ones([5, 3]));
      model.finishUpdate(sgd(0.1));
    });
    assert.notDeepEqual(model.getParam("W").dataSync(), before);
    assert.equal(model.hasGrad("W"), false, "finishUpdate clears gradients");
    X.dispose();
    model.dispose();
  });

  it("holds the tensor count flat across updates", () => {
    const model = affine(3, 4).initialize();
    const X = tf.keep(tf.randomNormal([5, 4])) as Floats2d;
    const step = () =>
      withScope(() => {
        const [Y, backprop] = model.beginUpdate(X);
        backprop(tf.mul(Y, 0.01) as Floats2d);
        model.finishUpdate(sgd(0.01));
      });
    step();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    assert.equal(tf.memory().numTensors, count);
    X.dispose();
    model.dispose();
  });

  it("round-trips through toBytes / fromBytes with identical predictions", () => {
    const model = affine(3, 4).initialize();
    const fresh = affine(3, 4).initialize();
    const X = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 9)) as Floats2d;
    fresh.fromBytes(model.toBytes());
    assert.deepEqual(withScope(() => fresh.predict(X).dataSync()), withScope(() => model.predict(X).dataSync()));
    assert.throws(() => affine(2, 4).initialize().fromBytes(model.toBytes()), /affine/);
    X.dispose();
    model.dispose();
    fresh.dispose();
  });

  it("copies deeply, walks each node once, swaps params temporarily and sets dropout", () => {
    const shared = affine(2, 2).initialize();
    const parent = new Model<Floats2d, Floats2d>("parent", (_m, X) => [X, (dY) => dY], {
      layers: [shared, shared, new Model<Floats2d, Floats2d>("dropout", (_m, X) => [X, (d) => d])],
    });
    assert.deepEqual(
      [...parent.walk()].map((node) => node.name),
      ["parent", "affine", "dropout"],
    );
    const copy = parent.copy();
    assert.notEqual(copy.layers[0]!.id, shared.id);
    assert.equal(copy.layers[0], copy.layers[1], "shared sublayers stay shared");
    assert.deepEqual(copy.layers[0]!.getParam("W").dataSync(), shared.getParam("W").dataSync());
    const zeros = tf.keep(tf.zeros([2, 2]));
    const inside = shared.useParams(new Map<string, Tensor>([[`${shared.id}:W`, zeros]]), () => shared.getParam("W").dataSync()[0]);
    assert.equal(inside, 0);
    assert.notEqual(shared.getParam("W"), zeros);
    parent.setDropoutRate(0.3);
    assert.equal(parent.getNode("dropout")?.attrs.dropout_rate, 0.3);
    zeros.dispose();
    parent.dispose();
    copy.dispose();
  });
});
