import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import { characterEmbed, utf8Ends } from "../../src/ml/layers/character-embed.js";
import { embed } from "../../src/ml/layers/embed.js";
import { expandWindow } from "../../src/ml/layers/expand-window.js";
import { extractNgrams, ngrams } from "../../src/ml/layers/extract-ngrams.js";
import { featureExtractor } from "../../src/ml/layers/feature-extractor.js";
import { hashEmbed } from "../../src/ml/layers/hash-embed.js";
import { maxout } from "../../src/ml/layers/maxout.js";
import { reduceFirst, reduceLast, reduceMax, reduceMean, reduceSum } from "../../src/ml/layers/reduce.js";
import { remapIds, remapIdsV2 } from "../../src/ml/layers/remap-ids.js";
import { type AnyModel, type Model, type Optimizer, withScope } from "../../src/ml/model.js";
import { hashRows } from "../../src/ml/ops/hash.js";
import { registerEmbedLayers } from "../../src/ml/register-embed.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, Ints2d, Ragged, Uint64s2d } from "../../src/ml/types.js";
import { registry } from "../../src/registry/index.js";
import { Doc, Vocab } from "../../src/tokens/index.js";
import { murmurHash64A } from "../../src/util/hash.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";

const sgd = (rate: number): Optimizer => ({ update: (_key, param, grad) => tf.sub(param, tf.mul(grad, rate)) });

/** 64-bit ids: rows x cols, deterministic, spread over the whole range. */
function ids(rows: number, cols: number, salt = 1): Uint64s2d {
  const values = new BigUint64Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = BigInt.asUintN(64, BigInt(i + salt) * 0x9e3779b97f4a7c15n);
  return Uint64s2d.fromBigInts(values, rows, cols);
}

function assertClose(a: Tensor, b: Tensor, tol = 1e-5): void {
  assert.deepEqual(a.shape, b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i]! - y[i]!) <= tol, `entry ${i}: ${x[i]} vs ${y[i]}`);
}

/** 100 updates inside scopes must leave the tensor count where it was after the first. */
function assertFlatTensorCount(model: AnyModel, step: () => void): void {
  const run = () =>
    withScope(() => {
      step();
      model.finishUpdate(sgd(0.01));
    });
  run();
  const count = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) run();
  assert.equal(tf.memory().numTensors, count);
}

describe("embedding-side layers", () => {
  before(async () => {
    await selectBackend();
  });

  describe("maxout", () => {
    it("computes the max of nP affine pieces, with correct gradients", () => {
      const model = maxout({ nO: 3, nP: 2 });
      const X = tf.keep(tf.randomNormal([5, 4], 0, 1, "float32", 3)) as Floats2d;
      model.initialize(X);
      assert.equal(model.getDim("nI"), 4);
      assert.deepEqual(model.getParam("W").shape, [4, 6]);
      assert.deepEqual(model.getParam("b").shape, [6]);
      // Seeded parameters and a small step: a finite difference that crosses a maxout kink
      // (two pieces within eps of each other) measures the wrong slope.
      model.setParam("W", tf.randomNormal([4, 6], 0, 1, "float32", 5));
      model.setParam("b", tf.randomNormal([6], 0, 1, "float32", 4));
      withScope(() => {
        // Reference: Z = X W + b, pieces of output o in columns o * nP + p.
        const Z = tf.add(tf.matMul(X, model.getParam("W") as Floats2d), model.getParam("b")).arraySync() as number[][];
        const want = Z.map((row) => [0, 1, 2].map((o) => Math.max(row[2 * o]!, row[2 * o + 1]!)));
        assertClose(model.predict(X), tf.tensor2d(want));
      });
      assert.ok(
        checkParamGradients(model, (isTrain) => {
          const [Y, backprop] = model.call(X, isTrain);
          return [[Y], ([dY]) => backprop(dY as Floats2d)];
        }, { eps: 1e-3 }) >= 12,
      );
      checkInputGradient(
        (input, isTrain) => {
          const [Y, backprop] = model.call(input as Floats2d, isTrain);
          return [[Y], ([dY]) => backprop(dY as Floats2d)];
        },
        X,
        { eps: 1e-3 },
      );
      assertFlatTensorCount(model, () => {
        const [Y, backprop] = model.beginUpdate(X);
        backprop(tf.mul(Y, 0.1) as Floats2d);
      });
      X.dispose();
      model.dispose();
    });

    it("chains LayerNorm and Dropout when asked", () => {
      const model = maxout({ nO: 3, nI: 4, dropout: 0.1, normalize: true });
      assert.deepEqual([...model.walk()].map((node) => node.name).slice(1), ["maxout", "layernorm", "dropout"]);
      model.initialize();
      withScope(() => assert.deepEqual(model.predict(tf.ones([2, 4]) as Floats2d).shape, [2, 3]));
      model.dispose();
    });
  });

  describe("HashEmbed", () => {
    it("sums the four hashed rows of its table, one column of the ids", () => {
      const model = hashEmbed({ nO: 6, nV: 13, seed: 5, column: 1 }).initialize();
      const X = ids(4, 3);
      withScope(() => {
        const rows = hashRows(X, 5, 13, 1);
        const E = model.getParam("E").arraySync() as number[][];
        const want = [0, 1, 2, 3].map((i) => E[0]!.map((_, j) => [0, 1, 2, 3].reduce((sum, k) => sum + E[rows[4 * i + k]!]![j]!, 0)));
        assertClose(model.predict(X), tf.tensor2d(want));
        // Batched equals one row at a time.
        const single = [0, 1, 2, 3].map((i) => model.predict(Uint64s2d.fromBigInts(BigUint64Array.of(X.get(i, 0), X.get(i, 1), X.get(i, 2)), 1, 3)));
        assertClose(model.predict(X), tf.concat(single, 0));
        assert.deepEqual(model.predict(ids(0, 3)).shape, [0, 6]);
      });
      assert.equal(hashEmbed({ nO: 2, nV: 3 }).attrs.seed !== null, true, "no seed: the layer's id, as Thinc");
      assert.throws(() => withScope(() => model.predict(ids(2, 1))), /embeds column 1, but its input has 1 column/);
      model.dispose();
    });

    it("has a table gradient that matches finite differences, and no leaks", () => {
      const model = hashEmbed({ nO: 3, nV: 7, seed: 1 }).initialize();
      const X = ids(9, 1, 3);
      assert.ok(
        checkParamGradients(
          model,
          (isTrain) => {
            const [Y, backprop] = model.call(X, isTrain);
            return [[Y], ([dY]) => void backprop(dY as Floats2d)];
          },
          { samples: 12 },
        ) >= 12,
      );
      assertFlatTensorCount(model, () => {
        const [Y, backprop] = model.beginUpdate(X);
        backprop(tf.mul(Y, 0.1) as Floats2d);
      });
      model.dispose();
    });

    it("drops whole columns while training with a dropout rate", () => {
      const model = hashEmbed({ nO: 50, nV: 10, seed: 2, dropout: 0.5 }).initialize();
      withScope(() => {
        const [Y] = model.call(ids(3, 1), true);
        const rows = Y.arraySync() as number[][];
        const dropped = rows[0]!.map((v, j) => v === 0 && rows[1]![j] === 0 && rows[2]![j] === 0);
        assert.ok(dropped.some(Boolean) && !dropped.every(Boolean));
        assertClose(model.predict(ids(3, 1)), model.predict(ids(3, 1)));
      });
      model.dispose();
    });
  });

  describe("Embed and remap_ids", () => {
    it("looks rows up, with a finite-difference-checked gradient", () => {
      const model = embed({ nO: 4, nV: 5 }).initialize();
      const X = new Ints2d(Int32Array.of(1, 9, 4, 9, 1, 9), 3, 2);
      const column0 = embed({ nO: 4, nV: 5, column: 0 });
      column0.setDim("nO", 4);
      column0.initialize();
      column0.setParam("E", model.getParam("E").clone());
      withScope(() => {
        const E = model.getParam("E").arraySync() as number[][];
        assertClose(column0.predict(X), tf.tensor2d([E[1]!, E[4]!, E[1]!]));
      });
      const flat = Int32Array.of(0, 3, 3, 2);
      assert.ok(
        checkParamGradients(model, (isTrain) => {
          const [Y, backprop] = model.call(flat, isTrain);
          return [[Y], ([dY]) => void backprop(dY as Floats2d)];
        }) >= 6,
      );
      assert.throws(() => withScope(() => model.predict(Int32Array.of(5))), /has 5 rows, but got row id 5/);
      model.dispose();
      column0.dispose();
    });

    it("remaps keys through the table, with a default", () => {
      const v1 = remapIds({ mappingTable: { a: 1, "7": 2 }, default: 9 }).predict(["a", 7, "z"]);
      assert.ok(v1 instanceof Ints2d);
      assert.deepEqual([...v1.data], [1, 2, 9]);
      assert.equal(v1.cols, 1);
      const X = Uint64s2d.fromBigInts(BigUint64Array.of(5n, 18446744073709551615n, 6n, 7n), 2, 2);
      const v2 = remapIdsV2({ mappingTable: new Map<unknown, number>([[18446744073709551615n, 3]]), column: 1 }).predict(X);
      assert.deepEqual([...v2.data], [3, 0]);
      assert.throws(() => remapIdsV2().predict([1]), /no mapping table/);
    });
  });

  describe("expand_window and reductions", () => {
    it("expand_window keeps windows inside each sequence of a Ragged batch", () => {
      const model = expandWindow<Ragged<Floats2d>>(1);
      const X = tf.keep(tf.randomNormal([5, 2], 0, 1, "float32", 9)) as Floats2d;
      const lengths = Int32Array.of(2, 3);
      withScope(() => {
        const Y = model.predict(new Ragged(X, lengths));
        const rows = Y.data.arraySync() as number[][];
        const x = X.arraySync() as number[][];
        assert.deepEqual(rows[1]!.slice(4), [0, 0], "row 1 is the last of its sequence");
        assert.deepEqual(rows[2]!.slice(0, 2), [0, 0], "row 2 is the first of its sequence");
        assertClose(tf.tensor2d([rows[3]!]), tf.tensor2d([[...x[2]!, ...x[3]!, ...x[4]!]]));
      });
      checkInputGradient((input, isTrain) => {
        const [Y, backprop] = model.call(new Ragged(input as Floats2d, lengths), isTrain);
        return [[Y.data], ([dY]) => backprop(new Ragged(dY as Floats2d, lengths)).data];
      }, X);
      const plain = expandWindow(2);
      withScope(() => assert.deepEqual(plain.predict(X).shape, [5, 10]));
      X.dispose();
    });

    it("each reduction has a backprop that matches finite differences", () => {
      // Values at least 0.3 apart, so that no finite difference step crosses a tie in reduce_max.
      const X = tf.keep(
        tf.tensor2d(
          Float32Array.from({ length: 18 }, (_, k) => ((k * 7) % 18) * 0.3 - 2.5),
          [6, 3],
        ),
      ) as Floats2d;
      const lengths = Int32Array.of(2, 3, 1);
      for (const model of [reduceSum(), reduceMean(), reduceMax(), reduceFirst(), reduceLast()] as Array<Model<Ragged<Floats2d>, Floats2d>>) {
        withScope(() => assert.deepEqual(model.predict(new Ragged(X, lengths)).shape, [3, 3]));
        checkInputGradient(
          (input, isTrain) => {
            const [Y, backprop] = model.call(new Ragged(input as Floats2d, lengths), isTrain);
            return [[Y], ([dY]) => backprop(dY as Floats2d).data];
          },
          X,
          { samples: 10 },
        );
      }
      X.dispose();
    });
  });

  describe("doc features", () => {
    const vocab = new Vocab({ lang: "en" });

    it("FeatureExtractor gives each doc its attribute ids", () => {
      const doc = new Doc(vocab, { words: ["Hello", "world", "!"] });
      const [features] = featureExtractor(["ORTH", "LOWER"]).predict([doc]) as Uint64s2d[];
      const want = doc.toArray(["ORTH", "LOWER"]);
      assert.equal(features!.rows, 3);
      assert.equal(features!.cols, 2);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) assert.equal(features!.get(i, j), want.data[i * 2 + j]);
      const [span] = featureExtractor(["LOWER"]).predict([{ doc, start: 1, end: 3 }]);
      assert.deepEqual([span!.get(0, 0), span!.get(1, 0)], [want.data[3], want.data[5]]);
    });

    it("extract_ngrams counts unigram and hashed bigram keys per doc", () => {
      const doc = new Doc(vocab, { words: ["a", "b", "a", "b"] });
      const [keys, values, lengths] = extractNgrams(2).predict([doc, new Doc(vocab, { words: ["c"] })]) as [BigUint64Array, Float32Array, Int32Array];
      const lower = doc.toArray(["LOWER"]).data;
      const key = (i: number) => murmurHash64A(new Uint8Array(BigUint64Array.of(lower[i]!, lower[i + 1]!).buffer), 0);
      assert.deepEqual([...ngrams(2, lower)], [key(0), key(1), key(2)]);
      const counts = new Map<bigint, number>([
        [lower[0]!, 2],
        [lower[1]!, 2],
        [key(0), 2],
        [key(1), 1],
      ]);
      assert.deepEqual([...lengths], [4, 1]);
      const first = [...keys.subarray(0, 4)];
      assert.deepEqual(
        first,
        [...counts.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
      );
      first.forEach((k, i) => {
        assert.equal(values[i], counts.get(k));
      });
    });

    it("CharEmbed embeds the bytes at both ends of each word", () => {
      assert.deepEqual([...utf8Ends(["hello", "é"], 4)], [..."hoel"].map((c) => c.charCodeAt(0)).concat([0xc3, 0xa9, 255, 255]));
      const model = characterEmbed(2, 3).initialize();
      assert.deepEqual(model.getParam("E").shape, [3, 256, 2]);
      model.setParam("E", tf.randomNormal([3, 256, 2], 0, 1, "float32", 5));
      const docs = [new Doc(vocab, { words: ["ab", "c"] }), new Doc(vocab, { words: ["xyz"] })];
      withScope(() => {
        const [Y0, Y1] = model.predict(docs);
        const E = model.getParam("E").arraySync() as number[][][];
        const code = (c: string) => c.charCodeAt(0);
        assertClose(
          Y0!,
          tf.tensor2d([
            [...E[0]![code("a")]!, ...E[1]![code("b")]!, ...E[2]![255]!],
            [...E[0]![code("c")]!, ...E[1]![255]!, ...E[2]![255]!],
          ]),
        );
        assertClose(Y1!, tf.tensor2d([[...E[0]![code("x")]!, ...E[1]![code("z")]!, ...E[2]![code("y")]!]]));
      });
      assert.ok(
        checkParamGradients(
          model,
          (isTrain) => {
            const [Ys, backprop] = model.call(docs, isTrain);
            return [Ys, (dYs) => void backprop(dYs as Floats2d[])];
          },
          { samples: 4 },
        ) >= 4,
      );
      model.dispose();
    });
  });

  it("builds every layer through the registry", () => {
    registerEmbedLayers(registry);
    const build = (name: string, args: Record<string, unknown>) => registry.get("layers", name).build!(args, []) as AnyModel;
    assert.equal(build("HashEmbed.v1", { nO: 4, nV: 10, seed: 3, column: 0, initializer: null, dropout: null }).name, "hashembed");
    assert.equal(build("Maxout.v1", { nO: 4, nI: 2, nP: 3, init_W: null, init_b: null, dropout: null, normalize: false }).name, "maxout");
    assert.equal(build("Embed.v1", { nO: 4, nV: 10, column: null, initializer: null, dropout: null }).name, "embed");
    assert.equal(build("expand_window.v1", { window_size: 1 }).attrs.window_size, 1);
    for (const name of ["reduce_sum.v1", "reduce_mean.v1", "reduce_max.v1", "reduce_first.v1", "reduce_last.v1"])
      assert.equal(build(name, {}).name, name.slice(0, -3));
    assert.equal(build("remap_ids.v2", { mapping_table: null, default: 0, column: null }).name, "remap_ids");
    assert.equal(build("spacy.FeatureExtractor.v1", { columns: ["ORTH"] }).name, "extract_features");
    assert.equal(build("spacy.extract_ngrams.v1", { ngram_size: 2, attr: 66 }).name, "extract_ngrams");
    assert.equal(build("spacy.CharEmbed.v1", { nM: 4, nC: 3 }).getDim("nO"), 12);
  });
});
