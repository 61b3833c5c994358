/**
 * The LSTM (LSTM.v1, PyTorchLSTM.v1) and bidirectional: shapes, the gate maths against a step
 * worked out by hand and against Thinc's own numbers, the two directions, gradients against
 * finite differences, padding, dropout and initialization. Then what the registry table
 * cannot check of the layers and architectures registered beside them: golden hashes,
 * uniqued's grouping, the Cauchy similarity's value, and TextCatLowData over a stand-in for
 * static vectors.
 */
import { strict as assert } from "node:assert";
import { createVocab } from "../../src/lang/create.js";
import { selectBackend } from "../../src/ml/backend.js";
import { bidirectional, reverseSequences } from "../../src/ml/layers/bidirectional.js";
import { cauchySimilarity } from "../../src/ml/layers/cauchy-similarity.js";
import { type ArrayDoc, featureExtractor } from "../../src/ml/layers/feature-extractor.js";
import { hashEmbed } from "../../src/ml/layers/hash-embed.js";
import { list2paddedData } from "../../src/ml/layers/list2padded.js";
import { lstm, pytorchLstm } from "../../src/ml/layers/lstm.js";
import { lstmSlots } from "../../src/ml/layers/lstm-params.js";
import { strings2arrays } from "../../src/ml/layers/strings2arrays.js";
import { uniqued } from "../../src/ml/layers/uniqued.js";
import { withFlatten } from "../../src/ml/layers/with-flatten.js";
import { withPadded } from "../../src/ml/layers/with-padded.js";
import { type AnyModel, Model, withScope } from "../../src/ml/model.js";
import { textCatLowData } from "../../src/ml/models/textcat-legacy.js";
import { idsToRagged } from "../../src/ml/models/tok2vec.js";
import { registerExtraModels } from "../../src/ml/models/register-models-extra.js";
import { registerRecurrentLayers } from "../../src/ml/register-recurrent.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, type Floats3d, Ints2d, Padded, Ragged, type Uint64s2d } from "../../src/ml/types.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { Doc } from "../../src/tokens/doc.js";
import { TsnlpError } from "../../src/util/errors.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";

type Lstm = Model<Padded, Padded>;

/** Sequences of lengths 3, 1 and 2, nI wide, filled with cos(0.3 k + 0.1) row by row. */
function cosineSequences(nI = 3, lengths = [3, 1, 2]): Floats2d[] {
  let k = 0;
  return lengths.map((length) => {
    const values = Float32Array.from({ length: length * nI }, () => Math.cos(0.3 * k++ + 0.1));
    return tf.tensor2d(values, [length, nI]);
  });
}

/** 0.5 sin(0.7 i) for every entry of the flat LSTM vector. */
function sineWeights(model: AnyModel): void {
  const size = model.getParam("LSTM").size;
  model.setParam(
    "LSTM",
    tf.tidy(() => tf.mul(0.5, tf.sin(tf.mul(tf.range(0, size, 1, "float32"), 0.7)))),
  );
}

function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(got.length, want.length, `${what}: sizes`);
  for (let i = 0; i < got.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= tol, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

const values = (t: Tensor) => Array.from(t.dataSync());

/** The model's gradient check: outputs are the padded data; backprop takes their gradient. */
function paddedRun(model: Lstm, X: () => Padded) {
  return (isTrain: boolean): [Tensor[], (dY: Tensor[]) => void] => {
    const Xp = X();
    const [Yp, backprop] = model.call(Xp, isTrain);
    return [[Yp.data], ([dY]) => void backprop(new Padded(dY as Floats3d, Yp.sizeAtT, Yp.lengths, Yp.indices))];
  };
}

describe("LSTM.v1 and PyTorchLSTM.v1", function () {
  this.timeout(60_000);

  before(async () => {
    await selectBackend();
  });

  it("maps a Padded batch to nO features per position, and lists through with_padded", () => {
    withScope(() => {
      for (const [bi, depth] of [
        [false, 1],
        [true, 2],
      ] as const) {
        const core = lstm({ nO: 4, bi, depth });
        const Xs = cosineSequences();
        withPadded(core).initialize(Xs);
        const Xp = list2paddedData(Xs);
        const Yp = core.predict(Xp);
        assert.deepEqual(Yp.data.shape, [3, 3, 4]);
        assert.deepEqual([...Yp.sizeAtT], [...Xp.sizeAtT]);
        assert.deepEqual([...Yp.indices], [...Xp.indices]);
        const Ys = withPadded(core).predict(Xs);
        assert.deepEqual(
          Ys.map((y) => y.shape),
          [
            [3, 4],
            [1, 4],
            [2, 4],
          ],
        );
        core.dispose();
      }
    });
  });

  it("has Thinc's parameter count, zero biases and zero initial state", () => {
    withScope(() => {
      // Thinc's assertion in lstm.py init: 4 dirs nH (nH + nI) + 8 dirs nH for the first layer, ...
      const expected = (nI: number, nO: number, depth: number, dirs: number) => {
        const nH = nO / dirs;
        let size = 4 * dirs * nH * (nH + nI) + dirs * 8 * nH;
        for (let layer = 1; layer < depth; layer++) size += 4 * dirs * (nH + nH * dirs) * nH + dirs * 8 * nH;
        return size;
      };
      for (const [nI, nO, bi, depth] of [
        [3, 4, false, 1],
        [3, 4, true, 2],
        [5, 6, true, 3],
      ] as const) {
        const model = lstm({ nI, nO, bi, depth }).initialize();
        const dirs = bi ? 2 : 1;
        assert.equal(model.getParam("LSTM").size, expected(nI, nO, depth, dirs));
        assert.deepEqual(model.getParam("HC0").shape, [2, depth, dirs, nO / dirs]);
        assert.ok(values(model.getParam("HC0")).every((v) => v === 0));
        const flat = model.getParam("LSTM").dataSync();
        const { slots } = lstmSlots({ nI, nH: nO / dirs, depth, dirs }, "thinc");
        for (const slot of slots.flat()) {
          for (const at of [slot.bx, slot.bh])
            assert.ok(
              flat.subarray(at, at + (4 * nO) / dirs).every((v) => v === 0),
              "zero biases",
            );
          // glorot_uniform per gate block: bound √(6 / (nH + nI)).
          const bound = Math.sqrt(6 / (nO / dirs + slot.nI));
          assert.ok(flat.subarray(slot.Wx, slot.bx).every((v) => Math.abs(v) <= bound));
        }
        model.dispose();
      }
      // PyTorch: every weight and bias in U(±1/√nH), the biases too.
      const torch = pytorchLstm({ nI: 3, nO: 8, bi: true, depth: 2 });
      torch.initialize();
      const core = torch.layers[0]!;
      assert.equal(core.hasParam("HC0"), false, "torch.nn.LSTM starts from zeros, without a param");
      const flat = values(core.getParam("LSTM"));
      assert.ok(flat.every((v) => Math.abs(v) <= 1 / Math.sqrt(4)));
      assert.ok(
        flat.some((v) => Math.abs(v) > 0.25),
        "drawn over the whole range",
      );
      torch.dispose();
    });
  });

  it("computes one step as worked out by hand, from the initial state in HC0", () => {
    withScope(() => {
      // nI = 2, nH = 1. Thinc's layout: Wx rows (f, i, o, c), bx, Wh (f, i, o, c), bh.
      const Wx = [
        [0.2, -0.4],
        [0.5, 0.1],
        [-0.3, 0.8],
        [0.7, 0.6],
      ];
      const bx = [0.1, -0.2, 0.05, 0.3];
      const Wh = [0.6, -0.5, 0.4, 0.9];
      const bh = [0.02, 0.04, -0.06, 0.08];
      const [h0, c0] = [0.3, -0.2];
      const x = [0.5, -1];
      const model = lstm({ nI: 2, nO: 1 }).initialize();
      model.setParam("LSTM", tf.tensor1d([...Wx.flat(), ...bx, ...Wh, ...bh]));
      // HC0[0] holds the cells, HC0[1] the hidden states.
      model.setParam("HC0", tf.tensor4d([c0, h0], [2, 1, 1, 1]));
      const Y = model.predict(list2paddedData([tf.tensor2d([x], [1, 2])]));

      const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
      const pre = [0, 1, 2, 3].map((g) => Wx[g]![0]! * x[0]! + Wx[g]![1]! * x[1]! + bx[g]! + bh[g]! + Wh[g]! * h0);
      const [f, i, o] = pre.slice(0, 3).map(sigmoid) as [number, number, number];
      const cand = Math.tanh(pre[3]!);
      const c = f * c0 + i * cand;
      const h = o * Math.tanh(c);
      assertClose(values(Y.data), [h], 1e-6, "h");
      model.dispose();
    });
  });

  it("gives Thinc's outputs for the same weights (NumPy LSTM, one layer, and two bidirectional layers)", () => {
    // What Thinc computes for these inputs and weights (with_padded(LSTM(nO=4, nI=3, ...)),
    // LSTM param = 0.5 sin(0.7 i), HC0 = 0), rounded to 6 places.
    const golden = {
      "1": [
        [-0.001894, -0.058872, -0.378753, 0.07801, -0.094919, -0.154212, -0.371298, 0.036611, -0.227112, -0.2546, -0.214689, -0.174888],
        [-0.167557, -0.248644, 0.061547, -0.284349],
        [-0.14353, -0.258742, 0.016273, -0.18362, -0.139428, -0.350883, -0.229111, -0.00462],
      ],
      "2": [
        [-0.007841, -0.137534, -0.190672, -0.194337, -0.010777, -0.205101, -0.170137, -0.186858, -0.054912, -0.237303, -0.130352, -0.137271],
        [-0.081313, -0.123541, -0.161804, -0.106626],
        [-0.06516, -0.129497, -0.205016, -0.16268, -0.073637, -0.185269, -0.112646, -0.136555],
      ],
    };
    withScope(() => {
      for (const [bi, depth, key, size] of [
        [false, 1, "1", 144],
        [true, 2, "2", 240],
      ] as const) {
        const core = lstm({ nO: 4, nI: 3, bi, depth });
        const model = withPadded(core);
        model.initialize(cosineSequences());
        assert.equal(core.getParam("LSTM").size, size, "Thinc's param count");
        sineWeights(core);
        const Ys = model.predict(cosineSequences());
        for (const [i, Y] of Ys.entries()) assertClose(values(Y), golden[key][i]!, 2e-5, `depth ${depth} sequence ${i}`);
        core.dispose();
      }
    });
  });

  it("joins left-to-right and right-to-left states as bidirectional() does with one LSTM per direction", () => {
    withScope(() => {
      const Xp = list2paddedData(cosineSequences());
      const both = lstm({ nO: 4, nI: 3, bi: true }).initialize();
      sineWeights(both);
      both.setParam(
        "HC0",
        tf.tidy(() => tf.reshape(tf.mul(0.3, tf.cos(tf.range(0, 8, 1, "float32"))), [2, 1, 2, 2])),
      );
      // Each direction's slot of the flat vector, and its initial state, as a one-way LSTM's.
      const [l2r, r2l] = [0, 1].map((dir) => {
        const one = lstm({ nO: 2, nI: 3 }).initialize();
        const size = one.getParam("LSTM").size;
        one.setParam("LSTM", tf.slice(both.getParam("LSTM"), dir * size, size));
        one.setParam("HC0", tf.reshape(tf.slice(tf.reshape(both.getParam("HC0"), [2, 2, 2]), [0, dir, 0], [2, 1, 2]), [2, 1, 1, 2]));
        return one;
      }) as [Lstm, Lstm];
      const joined = bidirectional(l2r, r2l);
      const want = values(both.predict(Xp).data);
      assertClose(values(joined.predict(Xp).data), want, 1e-6, "bidirectional(l2r, r2l) vs LSTM(bi=True)");
      // The right-to-left half is the one-way LSTM over each sequence read backwards.
      const backwards = reverseSequences(r2l.predict(reverseSequences(Xp)));
      const half = tf.split(both.predict(Xp).data, 2, 2)[1]!;
      assertClose(values(half), values(backwards.data), 1e-6, "right-to-left half");
      // The left-to-right half does not depend on later tokens: cut the longest sequence short.
      const first = l2r.predict(list2paddedData([tf.slice(cosineSequences()[0]!, [0, 0], [2, 3])]));
      assertClose(values(first.data), values(tf.slice(tf.split(both.predict(Xp).data, 2, 2)[0]!, [0, 0, 0], [2, 1, 2])), 1e-6, "l2r prefix");
      for (const model of [both, joined]) model.dispose();
    });
  });

  it("gives PyTorch's layout (gates i, f, g, o; W_ih, W_hh, b_ih, b_hh) the same maths as Thinc's", () => {
    withScope(() => {
      const [nI, nO, depth] = [3, 4, 2];
      const nH = nO / 2;
      const thinc = lstm({ nO, nI, bi: true, depth }).initialize();
      sineWeights(thinc);
      const torch = pytorchLstm({ nO, nI, bi: true, depth });
      torch.initialize();
      const core = torch.layers[0]!;
      // Move each block of Thinc's vector to its place in PyTorch's.
      const from = thinc.getParam("LSTM").dataSync();
      const to = new Float32Array(from.length);
      const thincSlots = lstmSlots({ nI, nH, depth, dirs: 2 }, "thinc").slots.flat();
      const torchSlots = lstmSlots({ nI, nH, depth, dirs: 2 }, "pytorch").slots.flat();
      const torchGate = [1, 0, 3, 2]; // Thinc's f, i, o, c sit at PyTorch's positions 1, 0, 3, 2.
      thincSlots.forEach((src, k) => {
        const dst = torchSlots[k]!;
        for (const [block, width] of [
          ["Wx", src.nI],
          ["bx", 1],
          ["Wh", nH],
          ["bh", 1],
        ] as const) {
          for (let gate = 0; gate < 4; gate++) {
            const size = nH * width;
            to.set(from.subarray(src[block] + gate * size, src[block] + (gate + 1) * size), dst[block] + torchGate[gate]! * size);
          }
        }
      });
      core.setParam("LSTM", tf.tensor1d(to));
      const Xp = list2paddedData(cosineSequences());
      assertClose(values(torch.predict(Xp).data), values(thinc.predict(Xp).data), 1e-6, "PyTorch layout vs Thinc layout");
      thinc.dispose();
      torch.dispose();
    });
  });

  for (const [name, build] of [
    ["LSTM (two bidirectional layers)", () => lstm({ nO: 4, bi: true, depth: 2 })],
    ["PyTorchLSTM (two bidirectional layers)", () => pytorchLstm({ nO: 4, nI: 3, bi: true, depth: 2 })],
    ["LSTM (one layer, one direction)", () => lstm({ nO: 3 })],
  ] as const) {
    it(`has exact gradients: ${name}`, () => {
      const model = build();
      withScope(() => model.initialize(list2paddedData(cosineSequences())));
      for (const node of model.walk()) {
        for (const param of node.paramNames) {
          const shape = node.getParam(param).shape;
          node.setParam(
            param,
            tf.tidy(() => tf.randomUniform(shape, -0.6, 0.6, "float32", 17)),
          );
        }
      }
      const X = () => list2paddedData(cosineSequences());
      const checked = checkParamGradients(model, paddedRun(model, X), { samples: 24 });
      assert.ok(checked >= 24);
      const input = withScope(() => tf.keep(list2paddedData(cosineSequences()).data));
      const { sizeAtT, lengths, indices } = withScope(() => list2paddedData(cosineSequences()));
      checkInputGradient(
        (data, isTrain) => {
          const [Yp, backprop] = model.call(new Padded(data as Floats3d, sizeAtT, lengths, indices), isTrain);
          return [[Yp.data], ([dY]) => backprop(new Padded(dY as Floats3d, sizeAtT, lengths, indices)).data];
        },
        input,
        { samples: 12 },
      );
      input.dispose();
      model.dispose();
    });
  }

  it("ignores padded positions: zero outputs there, no effect on the rest, zero gradients back", () => {
    withScope(() => {
      const model = lstm({ nO: 4, nI: 3, bi: true, depth: 2 }).initialize();
      sineWeights(model);
      const clean = list2paddedData(cosineSequences());
      const [nS, nB] = clean.data.shape;
      // 1 where a sequence is running, 0 in its padding.
      const running = new Float32Array(nS * nB);
      for (let t = 0; t < nS; t++) for (let b = 0; b < clean.sizeAtT[t]!; b++) running[t * nB + b] = 1;
      const mask = tf.tensor3d(running, [nS, nB, 1]);
      const noisy = new Padded(
        tf.add(clean.data, tf.mul(tf.sub(1, mask), tf.randomNormal(clean.data.shape, 0, 3, "float32", 4))) as Floats3d,
        clean.sizeAtT,
        clean.lengths,
        clean.indices,
      );
      const Yclean = model.predict(clean);
      const [Ynoisy, backprop] = model.beginUpdate(noisy);
      assertClose(values(Ynoisy.data), values(Yclean.data), 1e-6, "padding changes nothing");
      assert.ok(
        values(tf.mul(tf.sub(1, mask), Ynoisy.data)).every((v) => v === 0),
        "zero outputs in the padding",
      );
      const dX = backprop(new Padded(tf.onesLike(Ynoisy.data), noisy.sizeAtT, noisy.lengths, noisy.indices));
      assert.ok(
        values(tf.mul(tf.sub(1, mask), dX.data)).every((v) => v === 0),
        "zero gradients in the padding",
      );
      model.dispose();
    });
  });

  it("gives a batch the outputs of its sequences one at a time (each right-to-left pass starts at its own end)", () => {
    withScope(() => {
      const core = lstm({ nO: 4, nI: 3, bi: true, depth: 2 }).initialize();
      sineWeights(core);
      const model = withPadded(core);
      const Xs = cosineSequences(3, [2, 5, 0, 1, 4]);
      const batch = model.predict(Xs);
      Xs.forEach((X, i) => {
        const [alone] = model.predict([X]);
        assertClose(values(batch[i]!), values(alone!), 1e-6, `sequence ${i}`);
      });
      core.dispose();
    });
  });

  it("drops weights while training (Thinc), or the outputs between layers (PyTorch)", () => {
    withScope(() => {
      const Xp = list2paddedData(cosineSequences());
      const ones = (Yp: Padded) => new Padded(tf.onesLike(Yp.data), Yp.sizeAtT, Yp.lengths, Yp.indices);
      // Thinc: with every weight dropped, the gates are sigmoid(0) and tanh(0) and the state stays at HC0 = 0.
      const thinc = lstm({ nO: 4, nI: 3, dropout: 1 }).initialize();
      const [Y, backprop] = thinc.beginUpdate(Xp);
      assert.ok(values(Y.data).every((v) => v === 0));
      backprop(ones(Y));
      assert.ok(
        values(thinc.getGrad("LSTM")!).every((v) => v === 0),
        "no gradient for dropped weights",
      );
      assert.ok(
        values(thinc.predict(Xp).data).some((v) => v !== 0),
        "prediction keeps every weight",
      );
      // PyTorch: the second layer sees none of the first layer's output, so no gradient reaches X.
      const torch = pytorchLstm({ nO: 4, nI: 3, depth: 2, dropout: 1 });
      torch.initialize();
      const [Yt, backpropT] = torch.beginUpdate(Xp);
      assert.ok(values(backpropT(ones(Yt)).data).every((v) => v === 0));
      // With one layer there is nothing between layers to drop.
      const single = pytorchLstm({ nO: 4, nI: 3, depth: 1, dropout: 1 });
      single.initialize();
      assertClose(values(single.beginUpdate(Xp)[0].data), values(single.predict(Xp).data), 0, "one layer");
      for (const model of [thinc, torch, single]) model.dispose();
    });
  });

  it("copes with a batch without rows, and says what is wrong with bad sizes", () => {
    withScope(() => {
      const model = withPadded(lstm({ nO: 4, nI: 3, bi: true })).initialize();
      const [Ys, backprop] = model.beginUpdate([tf.zeros([0, 3]) as Floats2d]);
      assert.deepEqual(Ys[0]!.shape, [0, 4]);
      assert.deepEqual(backprop(Ys)[0]!.shape, [0, 3]);
      assert.equal(model.layers[0]!.getGrad("LSTM"), undefined);
      const wrongWidth = () => model.predict([tf.zeros([2, 5]) as Floats2d]);
      assert.throws(wrongWidth, (error: unknown) => error instanceof TsnlpError && error.code === "E_LAYER_INPUT");
      model.dispose();
    });
    assert.throws(
      () => lstm({ nO: 5, nI: 3, bi: true }).initialize(),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_LSTM_WIDTH",
    );
    assert.throws(
      () => lstm({ depth: 0 }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_LAYER_ARGS",
    );
    assert.equal(pytorchLstm({ nO: 4, nI: 4, depth: 0 }).name, "noop", "PyTorchLSTM of depth 0 is a noop, as in Thinc");
  });
});

describe("the layers and architectures registered beside the LSTM", function () {
  this.timeout(60_000);

  before(async () => {
    await selectBackend();
  });

  it("strings2arrays: murmurhash's hash_unicode, sign-extended to uint64", () => {
    const [first, second] = strings2arrays().predict([
      ["the", "cat"],
      ["ünï", "Dogs"],
    ]) as [Uint64s2d, Uint64s2d];
    // What Thinc's strings2arrays gives for these words.
    assert.deepEqual([first.get(0, 0), first.get(1, 0)], [18446744072576802658n, 1751422759n]);
    assert.deepEqual([second.get(0, 0), second.get(1, 0)], [916940523n, 696667416n]);
    assert.deepEqual([first.rows, first.cols], [2, 1]);
  });

  it("uniqued: the layer sees each distinct key once; repeats share its output and sum their gradients", () => {
    withScope(() => {
      const seen: number[] = [];
      const inner = hashEmbed({ nO: 3, nV: 11, seed: 2, column: 1 });
      const spy = new Model<Ints2d, Floats2d>(
        "spy",
        (_model, X, isTrain) => {
          seen.push(X.rows);
          const [Y, backprop] = inner.call(X, isTrain);
          return [Y, (dY) => backprop(dY) as Ints2d];
        },
        { layers: [inner], dims: { nO: 3 }, init: () => void inner.initialize() },
      );
      const model = uniqued(spy, { column: 0 }).initialize();
      // Keys 5, 6, 5, 7, 6 in column 0; column 1 is what gets embedded.
      const X = new Ints2d(Int32Array.of(5, 1, 6, 2, 5, 1, 7, 3, 6, 2), 5, 2);
      const [Y, backprop] = model.beginUpdate(X);
      assert.deepEqual(seen, [3]);
      const direct = inner.predict(X);
      assertClose(values(Y), values(direct), 1e-6, "same as without uniqued");
      backprop(tf.ones([5, 3]) as Floats2d);
      const viaUniqued = values(inner.getGrad("E")!);
      inner.clearGrads();
      inner.beginUpdate(X)[1](tf.ones([5, 3]) as Floats2d);
      assertClose(viaUniqued, values(inner.getGrad("E")!), 1e-6, "table gradient");
      model.dispose();
    });
  });

  it("CauchySimilarity: 1 / (1 + Σ W (x1 - x2)²), W starting at ones", () => {
    withScope(() => {
      const model = cauchySimilarity({ nI: 2 }).initialize();
      const sim = model.predict([
        tf.tensor2d([
          [1, 2],
          [0.5, 0],
        ]),
        tf.tensor2d([
          [0, 0],
          [0.5, 0],
        ]),
      ]);
      assertClose(values(sim), [1 / 6, 1], 1e-6, "similarity");
      model.dispose();
    });
  });

  it("with_flatten.v1: one array per outer item, a row per inner item", () => {
    withScope(() => {
      const inner = new Model<number[], Floats2d>("rows", (_m, items) => [tf.tensor2d(items, [items.length, 1]), () => []]);
      const Ys = withFlatten(inner).predict([[1, 2], [], [3]]) as Floats2d[];
      assert.deepEqual(
        Ys.map((y) => values(y)),
        [[1, 2], [], [3]],
      );
    });
  });

  it("TextCatLowData.v1 runs over a stand-in for static vectors; built from the registry it asks for them", () => {
    const vocab = createVocab("en");
    const docs = ["a good film", "bad", ""].map((text) => new Doc(vocab, { words: text === "" ? [] : text.split(" ") }));
    // A Model[List[Doc], Ragged] of the given width, as spacy.StaticVectors is.
    const standIn = (width: number) => {
      const features = featureExtractor(["NORM"]);
      const toRagged = idsToRagged();
      const embed = hashEmbed({ nO: width, nV: 17, seed: 4, column: 0 });
      return new Model<ArrayDoc[], Ragged>(
        "static_stand_in",
        (_model, Xs, isTrain) => {
          const ids = toRagged.predict(features.predict(Xs));
          const [E, backprop] = embed.call(ids.data as unknown as Uint64s2d, isTrain);
          const backpropDocs = (dY: Ragged): ArrayDoc[] => {
            backprop(dY.data);
            return [];
          };
          return [new Ragged(E, ids.lengths), backpropDocs];
        },
        { layers: [embed], dims: { nO: width }, init: () => void embed.initialize() },
      );
    };
    withScope(() => {
      const model = textCatLowData({ width: 4, dropout: 0.1, nO: null, staticVectors: standIn });
      model.initialize(docs, tf.tensor2d([1, 0, 0, 1, 1, 0], [3, 2]) as Floats2d);
      assert.equal(model.getDim("nO"), 2);
      const [Y, backprop] = model.beginUpdate(docs);
      assert.deepEqual(Y.shape, [3, 2]);
      assert.ok(
        values(Y).every((v) => v > 0 && v < 1),
        "logistic scores",
      );
      backprop(tf.onesLike(Y));
      const withGrads = [...model.walk()].filter((node) => node.paramNames.some((name) => node.hasGrad(name)));
      assert.ok(withGrads.length >= 5, "gradients reach the embedding, attention, residual Relus and output");
      assert.equal(model.attrs.multi_label, true);
      model.dispose();
    });
    const registry = new Registry();
    registerBuiltins(registry);
    registerRecurrentLayers(registry);
    registerExtraModels(registry);
    const build = (name: string, args: Record<string, unknown>) => registry.get("architectures", name).build!(args, []);
    assert.throws(
      () => build("spacy.TextCatLowData.v1", { width: 4, dropout: null, nO: 2 }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_NO_STATIC_VECTORS",
    );
    const ensemble = {
      width: 4,
      embed_size: 20,
      exclusive_classes: true,
      ngram_size: 1,
      window_size: 1,
      conv_depth: 1,
      dropout: null,
      nO: 2,
    };
    assert.throws(
      () => build("spacy.TextCatEnsemble.v1", { ...ensemble, pretrained_vectors: true }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_NO_STATIC_VECTORS",
    );
    const exclusive = build("spacy.TextCatEnsemble.v1", { ...ensemble, pretrained_vectors: false }) as AnyModel;
    assert.equal(exclusive.attrs.multi_label, false);
    assert.equal(exclusive.getRef("output_layer").name, "sparse_linear");
    // Without nO, the labels' Y gives it to the bag of words, the CNN's Linear and the output layer.
    const open = build("spacy.TextCatEnsemble.v1", { ...ensemble, exclusive_classes: false, nO: null, pretrained_vectors: false }) as AnyModel;
    withScope(() => {
      open.initialize(docs, tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0, 1], [3, 3]));
      assert.equal(open.getDim("nO"), 3);
      assert.deepEqual((open.predict(docs) as Tensor).shape, [3, 3]);
    });
    for (const model of [exclusive, open]) model.dispose();
    assert.throws(
      () => build("spacy.TorchBiLSTMEncoder.v1", { width: 5, depth: 1, dropout: 0 }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_LSTM_WIDTH",
    );
  });
});
