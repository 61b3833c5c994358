import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { clippedLinear, hardSigmoid, hardTanh, reluK } from "../../src/ml/layers/clipped-linear.js";
import { dish } from "../../src/ml/layers/dish.js";
import { dropout } from "../../src/ml/layers/dropout.js";
import { extractSpans } from "../../src/ml/layers/extract-spans.js";
import { gelu } from "../../src/ml/layers/gelu.js";
import { hardSwish } from "../../src/ml/layers/hard-swish.js";
import { hardSwishMobilenet } from "../../src/ml/layers/hard-swish-mobilenet.js";
import { layerNorm } from "../../src/ml/layers/layer-norm.js";
import { linear } from "../../src/ml/layers/linear.js";
import { logistic, sigmoidActivation } from "../../src/ml/layers/logistic.js";
import { mish } from "../../src/ml/layers/mish.js";
import { multiSoftmax } from "../../src/ml/layers/multi-softmax.js";
import { parametricAttention } from "../../src/ml/layers/parametric-attention.js";
import { backpropPrecomputed, precomputableAffine } from "../../src/ml/layers/precomputable-affine.js";
import { relu } from "../../src/ml/layers/relu.js";
import { sigmoid } from "../../src/ml/layers/sigmoid.js";
import { softmax, softmaxActivation } from "../../src/ml/layers/softmax.js";
import { murmurhash3Uint64, type SparseLinearInput, sparseLinear } from "../../src/ml/layers/sparse-linear.js";
import { swish } from "../../src/ml/layers/swish.js";
import { type AnyModel, type Model, type Optimizer, withScope } from "../../src/ml/model.js";
import { registerDenseLayers } from "../../src/ml/register-dense.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, type Floats3d, Ints2d, Ragged, Uint64s2d } from "../../src/ml/types.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { TsnlpError } from "../../src/util/errors.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";

const sgd: Optimizer = { update: (_key, param, grad) => tf.sub(param, tf.mul(grad, 0.01)) };

/** Replace every allocated param with small random values, so zero-initialised layers have gradients worth checking. */
function randomizeParams(model: AnyModel, seed = 5): void {
  let s = seed;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      if (node.hasParam(name) !== true) continue;
      const shape = node.getParam(name).shape;
      node.setParam(
        name,
        tf.tidy(() => tf.randomNormal(shape, 0, 0.5, "float32", s++)),
      );
    }
  }
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!)), `[${i}]: ${a[i]} vs ${b[i]}`);
}

type Dense = Model<Floats2d, Floats2d>;

interface Case {
  name: string;
  make: () => Dense;
  nO: number;
  /** Softmax-style: backprop takes dY as the logits' gradient, so finite differences do not apply. */
  passThrough?: boolean;
}

const NI = 5;
const cases: Case[] = [
  { name: "Linear", make: () => linear({ nO: 4 }), nO: 4 },
  { name: "Relu", make: () => relu({ nO: 4 }), nO: 4 },
  { name: "Relu + normalize + dropout", make: () => relu({ nO: 4, normalize: true, dropout: 0 }), nO: 4 },
  { name: "Mish", make: () => mish({ nO: 4 }), nO: 4 },
  { name: "Swish", make: () => swish({ nO: 4 }), nO: 4 },
  { name: "Gelu", make: () => gelu({ nO: 4 }), nO: 4 },
  { name: "Dish", make: () => dish({ nO: 4 }), nO: 4 },
  { name: "HardSwish", make: () => hardSwish({ nO: 4 }), nO: 4 },
  { name: "HardSwishMobilenet", make: () => hardSwishMobilenet({ nO: 4 }), nO: 4 },
  { name: "ClippedLinear", make: () => clippedLinear({ nO: 4, slope: 2, offset: 0.1, minVal: -1, maxVal: 1.5 }), nO: 4 },
  { name: "HardSigmoid", make: () => hardSigmoid({ nO: 4 }), nO: 4 },
  { name: "HardTanh", make: () => hardTanh({ nO: 4 }), nO: 4 },
  { name: "ReluK", make: () => reluK({ nO: 4, k: 1 }), nO: 4 },
  { name: "Sigmoid", make: () => sigmoid({ nO: 4 }), nO: 4 },
  { name: "LayerNorm", make: () => layerNorm(), nO: NI },
  { name: "Logistic", make: () => logistic(), nO: NI },
  { name: "sigmoid_activation", make: () => sigmoidActivation<Floats2d>(), nO: NI },
  { name: "softmax_activation", make: () => softmaxActivation(), nO: NI },
  { name: "Softmax", make: () => softmax({ nO: 4 }), nO: 4, passThrough: true },
  { name: "Softmax.v2 temperature 2", make: () => softmax({ nO: 4, temperature: 2 }), nO: 4, passThrough: true },
  { name: "MultiSoftmax", make: () => multiSoftmax({ nOs: [2, 3] }), nO: 5, passThrough: true },
];

describe("dense layers", () => {
  let X: Floats2d;
  before(async () => {
    await selectBackend();
    X = tf.keep(tf.randomNormal([6, NI], 0, 1, "float32", 1)) as Floats2d;
  });
  after(() => X.dispose());

  for (const c of cases) {
    describe(c.name, () => {
      it("initializes on sample data and gives the right shapes", () => {
        const model = c.make().initialize(X);
        withScope(() => {
          const [Y, backprop] = model.beginUpdate(X);
          assert.deepEqual(Y.shape, [6, c.nO]);
          assert.deepEqual(backprop(tf.onesLike(Y) as Floats2d).shape, [6, NI]);
        });
        if (model.hasDim("nI") !== false) assert.equal(model.getDim("nI"), NI);
        model.dispose();
      });

      // Softmax layers pass dY through as the gradient of softmax + cross-entropy (as Thinc
      // does), which is not the derivative of the layer alone; a separate test checks that.
      const gradientTest = c.passThrough ? () => undefined : it;
      gradientTest("has gradients that match finite differences (params and input)", () => {
        const model = c.make().initialize(X);
        randomizeParams(model);
        const run = (input: Tensor, isTrain: boolean): [Tensor[], (dY: Tensor[]) => Tensor] => {
          const [Y, backprop] = model.call(input as Floats2d, isTrain);
          return [[Y], ([dY]) => backprop(dY as Floats2d)];
        };
        checkParamGradients(model, (isTrain) => {
          const [Ys, backprop] = run(X, isTrain);
          return [Ys, (dY) => void backprop(dY)];
        });
        checkInputGradient(run, X);
        model.dispose();
      });

      it("treats rows independently (batched == one row at a time)", () => {
        const model = c.make().initialize(X);
        randomizeParams(model);
        withScope(() => {
          const all = model.predict(X).dataSync();
          const rows = tf.split(X, 6, 0).flatMap((row) => [...model.predict(row as Floats2d).dataSync()]);
          close(rows, all);
        });
        model.dispose();
      });

      it("keeps the tensor count flat over 100 updates", () => {
        const model = c.make().initialize(X);
        const step = () =>
          withScope(() => {
            const [Y, backprop] = model.beginUpdate(X);
            backprop(tf.mul(Y, 0.01) as Floats2d);
            model.finishUpdate(sgd);
          });
        step();
        const count = tf.memory().numTensors;
        for (let i = 0; i < 100; i++) step();
        assert.equal(tf.memory().numTensors, count);
        model.dispose();
      });
    });
  }

  it("Softmax passes dY through as the logits' gradient, divided by the temperature (as Thinc)", () => {
    for (const temperature of [1, 2]) {
      const model = softmax({ nO: 3, temperature }).initialize(X);
      randomizeParams(model);
      const W = model.getParam("W");
      const dY = tf.keep(tf.randomNormal([6, 3], 0, 1, "float32", 9)) as Floats2d;
      withScope(() => {
        const [Y, backprop] = model.beginUpdate(X);
        close(tf.sum(Y, 1).dataSync(), [1, 1, 1, 1, 1, 1]);
        const dX = backprop(dY);
        const dZ = tf.div(dY, temperature);
        close(model.getGrad("W")!.dataSync(), tf.matMul(tf.transpose(X), dZ).dataSync());
        close(model.getGrad("b")!.dataSync(), tf.sum(dZ, 0).dataSync());
        close(dX.dataSync(), tf.matMul(dZ, tf.transpose(W)).dataSync());
      });
      dY.dispose();
      model.dispose();
    }
  });

  it("Softmax.v2 with normalize_outputs false predicts logits and refuses backprop", () => {
    const model = softmax({ nO: 3, normalizeOutputs: false }).initialize(X);
    randomizeParams(model);
    withScope(() => {
      const [Z, backprop] = model.call(X, false);
      close(Z.dataSync(), tf.add(tf.matMul(X, model.getParam("W") as Floats2d), model.getParam("b")).dataSync());
      assert.throws(() => backprop(Z), TsnlpError);
      const [Y] = model.call(X, true);
      close(tf.sum(Y, 1).dataSync(), [1, 1, 1, 1, 1, 1]);
    });
    assert.throws(() => softmax({ temperature: 0 }), /temperature must be above zero/);
    model.dispose();
  });

  it("MultiSoftmax normalizes each group of columns", () => {
    const model = multiSoftmax({ nOs: [2, 3] }).initialize(X);
    randomizeParams(model);
    withScope(() => {
      const Y = model.predict(X);
      const [a, b] = tf.split(Y, [2, 3], 1);
      close(tf.sum(a!, 1).dataSync(), [1, 1, 1, 1, 1, 1]);
      close(tf.sum(b!, 1).dataSync(), [1, 1, 1, 1, 1, 1]);
    });
    model.dispose();
  });

  it("infers nO from Y and rejects inputs of the wrong width", () => {
    const model = relu().initialize(X, tf.zeros([6, 7]) as Floats2d);
    assert.equal(model.getDim("nO"), 7);
    withScope(() => assert.throws(() => model.predict(tf.zeros([2, 3]) as Floats2d), /expects 5 input features per row, but got 3/));
    model.dispose();
  });
});

describe("Dropout", () => {
  before(async () => {
    await selectBackend();
  });

  it("is the identity at rate 0 and at prediction time", () => {
    withScope(() => {
      const X = tf.randomNormal([10, 10]);
      const [Y, backprop] = dropout({ rate: 0 }).call(X, true);
      assert.equal(Y, X);
      assert.equal(backprop(X), X);
      assert.equal(dropout({ rate: 0.5 }).predict(X), X);
    });
  });

  it("zeroes about rate of the entries and scales the rest by 1 / (1 - rate)", () => {
    withScope(() => {
      const X = tf.ones([200, 100]);
      const model = dropout({ rate: 0.3 });
      const [Y, backprop] = model.call(X, true);
      const values = Y.dataSync();
      const zeros = values.filter((v) => v === 0).length / values.length;
      assert.ok(Math.abs(zeros - 0.3) < 0.02, `zeroed ${zeros}`);
      assert.ok(values.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-5));
      // backprop applies the same mask
      const dX = backprop(tf.ones([200, 100])).dataSync();
      close(dX, values);
      model.setDropoutRate(0);
      assert.equal(model.attrs.dropout_rate, 0);
    });
  });

  it("works on Ragged and lists", () => {
    withScope(() => {
      const model = dropout<Ragged>({ rate: 0.5 });
      const Xr = new Ragged(tf.ones([4, 3]) as Floats2d, Int32Array.from([1, 3]));
      const [Yr] = model.call(Xr, true);
      assert.ok(Yr instanceof Ragged);
      assert.deepEqual([...Yr.lengths], [1, 3]);
      const list = dropout<Tensor[]>({ rate: 0.5 }).call([tf.ones([2, 2]), tf.ones([3, 2])], true)[0];
      assert.deepEqual(
        list.map((t) => t.shape),
        [
          [2, 2],
          [3, 2],
        ],
      );
    });
  });
});

describe("ParametricAttention", () => {
  before(async () => {
    await selectBackend();
  });

  it("weights rows by a softmax within each sequence, with correct gradients", () => {
    const lengths = Int32Array.from([2, 0, 3]);
    const data = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 3)) as Floats2d;
    const model = parametricAttention().initialize(new Ragged(data, lengths));
    randomizeParams(model);
    assert.equal(model.getDim("nO"), 4);
    withScope(() => {
      const Q = model.getParam("Q");
      const logits = tf.matMul(data, tf.reshape(Q, [4, 1]));
      const a = tf.softmax(tf.reshape(tf.slice(logits, [0, 0], [2, 1]), [2]));
      const expected = tf.mul(tf.slice(data, [0, 0], [2, 4]), tf.reshape(a, [2, 1]));
      const Y = model.predict(new Ragged(data, lengths));
      assert.deepEqual([...Y.lengths], [2, 0, 3]);
      close(tf.slice(Y.data, [0, 0], [2, 4]).dataSync(), expected.dataSync());
    });
    const run = (input: Tensor, isTrain: boolean): [Tensor[], (dY: Tensor[]) => Tensor] => {
      const [Y, backprop] = model.call(new Ragged(input as Floats2d, lengths), isTrain);
      return [[Y.data], ([dY]) => backprop(new Ragged(dY as Floats2d, lengths)).data];
    };
    checkParamGradients(model, (isTrain) => {
      const [Ys, backprop] = run(data, isTrain);
      return [Ys, (dY) => void backprop(dY)];
    });
    checkInputGradient(run, data);
    data.dispose();
    model.dispose();
  });
});

describe("SparseLinear", () => {
  before(async () => {
    await selectBackend();
  });

  it("hashes keys as Thinc does (MurmurHash3_x86_32 of the 8 bytes)", () => {
    // Reference: the byte-wise MurmurHash3_x86_32 of struct.pack("<Q", key), seeds 0 and 1.
    const cases: Array<[bigint, number, number]> = [
      [0n, 1669671676, 3935659133],
      [1n, 1392991556, 3741873941],
      [0xffffffff00000001n, 4121002018, 1163519473],
      [123456789012345n, 3825968124, 2106861641],
    ];
    for (const [key, h0, h1] of cases) {
      const lo = Number(key & 0xffffffffn);
      const hi = Number(key >> 32n);
      assert.equal(murmurhash3Uint64(lo, hi, 0), h0);
      assert.equal(murmurhash3Uint64(lo, hi, 1), h1);
    }
  });

  for (const v1Indexing of [false, true]) {
    it(`scores b + sum of value * hashed weights (${v1Indexing ? "v1" : "v2"} indexing), with correct gradients`, () => {
      const length = 64;
      const nO = 3;
      const model = sparseLinear({ nO, length, v1Indexing }).initialize();
      randomizeParams(model);
      const keys = Uint64s2d.fromBigInts(BigUint64Array.from([1n, 2n, 3n, 0xffffffff00000001n, 5n]), 5, 1);
      const X: SparseLinearInput = [keys, Float32Array.from([1, 0.5, -2, 1.5, 3]), Int32Array.from([2, 0, 3, 0])];
      const W = model.getParam("W").dataSync();
      const b = model.getParam("b").dataSync();
      const expected = new Float32Array(4 * nO);
      let key = 0;
      X[2].forEach((n, row) => {
        for (let c = 0; c < nO; c++) expected[row * nO + c] = b[c]!;
        for (let i = 0; i < n; i++, key++) {
          for (let seed = 0; seed < 2; seed++) {
            const h = murmurhash3Uint64(keys.words[2 * key]!, keys.words[2 * key + 1]!, seed);
            const slot = v1Indexing ? h & (length - 1) : h % length;
            for (let c = 0; c < nO; c++) expected[row * nO + c]! += W[v1Indexing ? slot + c : c * length + slot]! * X[1][key]!;
          }
        }
      });
      withScope(() => close(model.predict(X).dataSync(), expected, 1e-5));
      checkParamGradients(model, (isTrain) => {
        const [Y, backprop] = model.call(X, isTrain);
        return [[Y], ([dY]) => void backprop(dY as Floats2d)];
      });
      assert.throws(() => model.predict([keys, new Float32Array(2), Int32Array.from([5])]), /5 keys and 2 values/);
      model.dispose();
    });
  }
});

describe("PrecomputableAffine", () => {
  before(async () => {
    await selectBackend();
  });

  it("precomputes (nF, nO, nP) per token with the padding in row 0, and backprops states", () => {
    const [nF, nO, nP, nI] = [3, 4, 2, 5];
    const X = tf.keep(tf.randomNormal([6, nI], 0, 1, "float32", 4)) as Floats2d;
    const model = precomputableAffine({ nO, nF, nP }).initialize(X);
    assert.equal(model.getDim("nI"), nI);
    assert.deepEqual(model.getParam("W").shape, [nI, nF, nO, nP]);
    withScope(() => {
      const Yf = model.predict(X);
      assert.deepEqual(Yf.shape, [7, nF, nO, nP]);
      close(tf.slice(Yf, [0, 0, 0, 0], [1, nF, nO, nP]).dataSync(), model.getParam("pad").dataSync());
    });
    randomizeParams(model);
    // States: feature ids per slot, -1 where missing.
    const ids = new Ints2d(Int32Array.from([0, 1, 2, 5, -1, 3, -1, -1, 4, 2, 2, 0]), 4, nF);
    /** The parser's use of the layer: sum the slots' rows (padding for -1) and add b. */
    const run = (input: Tensor, isTrain: boolean): [Tensor[], (dY: Tensor[]) => Tensor] => {
      const [Yf, backprop] = model.call(input as Floats2d, isTrain);
      const rows = Int32Array.from(ids.data, (id, k) => (id + 1) * nF + (k % nF));
      const states = tf.add(
        tf.sum(tf.reshape(tf.gather(tf.reshape(Yf, [-1, nO * nP]), tf.tensor1d(rows, "int32")), [4, nF, nO * nP]), 1),
        tf.reshape(model.getParam("b"), [1, nO * nP]),
      );
      return [
        [states],
        ([dY]) => {
          const dXf = backpropPrecomputed(backprop, tf.reshape(dY!, [4, nO, nP]) as Floats3d, ids);
          // Scatter the gathered features' gradient back onto the tokens, skipping missing ones.
          const data = dXf.dataSync();
          const dX = new Float32Array(6 * nI);
          ids.data.forEach((id, k) => {
            if (id >= 0) for (let i = 0; i < nI; i++) dX[id * nI + i]! += data[k * nI + i]!;
          });
          return tf.tensor2d(dX, [6, nI]);
        },
      ];
    };
    checkParamGradients(model, (isTrain) => {
      const [Ys, backprop] = run(X, isTrain);
      return [Ys, (dY) => void backprop(dY)];
    });
    checkInputGradient(run, X);
    X.dispose();
    model.dispose();
  });

  it("initializes to roughly whitened maxout outputs", () => {
    const model = precomputableAffine({ nO: 8, nI: 16, nF: 4, nP: 2 }).initialize();
    assert.deepEqual(model.getParam("b").shape, [8, 2]);
    assert.deepEqual(model.getParam("pad").shape, [1, 4, 8, 2]);
    model.dispose();
  });
});

describe("extract_spans", () => {
  before(async () => {
    await selectBackend();
  });

  it("takes the rows inside each span and scatter-adds the gradient back", () => {
    withScope(() => {
      const X = new Ragged(tf.tensor2d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 1]) as Floats2d, Int32Array.from([4, 6]));
      const spans = new Ragged(new Ints2d(Int32Array.from([1, 3, 0, 2, 1, 4]), 3, 2), Int32Array.from([1, 2]));
      const [Y, backprop] = extractSpans().call([X, spans], true);
      assert.deepEqual([...Y.lengths], [2, 2, 3]);
      assert.deepEqual([...Y.data.dataSync()], [1, 2, 4, 5, 5, 6, 7]);
      const [dX, dSpans] = backprop(new Ragged(tf.ones([7, 1]) as Floats2d, Y.lengths));
      assert.equal(dSpans, spans);
      assert.deepEqual([...dX.data.dataSync()], [0, 1, 1, 0, 1, 2, 1, 1, 0, 0]);
      assert.throws(() => extractSpans().predict([X, new Ragged(new Ints2d(Int32Array.from([2, 7]), 1, 2), Int32Array.from([1, 0]))]), /does not fit/);
    });
  });
});

describe("registerDenseLayers", () => {
  before(async () => {
    await selectBackend();
  });

  it("implements every declared dense layer with the declared argument names", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerDenseLayers(registry);
    const build = (name: string, args: Record<string, unknown> = {}) => registry.get("layers", name).build!(args, []) as AnyModel;
    const names = [
      "Linear.v1",
      "Relu.v1",
      "Mish.v1",
      "Swish.v1",
      "Gelu.v1",
      "Dish.v1",
      "HardSwish.v1",
      "HardSwishMobilenet.v1",
      "HardSigmoid.v1",
      "HardTanh.v1",
      "ReluK.v1",
      "ClippedLinear.v1",
      "Sigmoid.v1",
      "Softmax.v1",
      "Softmax.v2",
      "LayerNorm.v1",
      "Logistic.v1",
      "sigmoid_activation.v1",
      "softmax_activation.v1",
      "Dropout.v1",
      "ParametricAttention.v1",
      "SparseLinear.v1",
      "SparseLinear.v2",
      "spacy.extract_spans.v1",
    ];
    for (const name of names) assert.ok(build(name, { nO: 3 }), name);
    const relu = build("Relu.v1", { nO: 3, nI: 2, normalize: true, dropout: 0.1 });
    assert.deepEqual(
      [...relu.walk()].map((node) => node.name),
      ["relu>>layernorm>>dropout", "relu", "layernorm", "dropout"],
    );
    assert.equal(build("Softmax.v2", { nO: 3, normalize_outputs: false, temperature: 2 }).attrs.softmax_temperature, 2);
    assert.deepEqual(build("MultiSoftmax.v1", { nOs: [2, 3] }).getDim("nO"), 5);
    assert.equal(build("spacy.PrecomputableAffine.v1", { nO: 4, nI: 3, nF: 2, nP: 2, dropout: 0.1 }).getDim("nF"), 2);
    relu.dispose();
  });
});
