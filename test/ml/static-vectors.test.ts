import { strict as assert } from "node:assert";
import { before, describe, it } from "mocha";
import { selectBackend } from "../../src/ml/backend.js";
import { staticVectors } from "../../src/ml/layers/static-vectors.js";
import { type AnyModel, type Optimizer, withScope } from "../../src/ml/model.js";
import { characterEmbedModel, multiHashEmbed } from "../../src/ml/models/tok2vec.js";
import { registerVectorLayers } from "../../src/ml/register-vectors.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, Ragged } from "../../src/ml/types.js";
import { registry } from "../../src/registry/index.js";
import { Doc, Vectors, Vocab } from "../../src/tokens/index.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { checkParamGradients } from "../helpers/gradcheck.js";

const WORDS = ["the", "cat", "sat", "on", "mat"];

/** A 5 x 4 table: row r holds r + 1, r + 2, ... so that every row differs. */
function vectorsVocab(attr: "ORTH" | "LOWER" = "ORTH"): Vocab {
  const data = Float32Array.from({ length: 20 }, (_, i) => Math.floor(i / 4) + 1 + (i % 4) * 0.5);
  return new Vocab({ lang: "en", vectors: new Vectors({ data, width: 4, keys: WORDS, attr }) });
}

function docs(vocab: Vocab): Doc[] {
  return [new Doc(vocab, { words: ["the", "cat", "sat"] }), new Doc(vocab, { words: ["on", "dog", "mat"] })];
}

function values(tensor: Tensor): number[][] {
  const [rows, cols] = tensor.shape as [number, number];
  const data = tensor.dataSync();
  return Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * cols, (r + 1) * cols)));
}

function close(a: number[][], b: number[][], tol = 1e-5): void {
  assert.equal(a.length, b.length);
  a.forEach((row, r) => {
    row.forEach((value, k) => {
      assert.ok(Math.abs(value - b[r]![k]!) <= tol, `[${r}][${k}]: ${value} vs ${b[r]![k]}`);
    });
  });
}

/** V W, computed on the host: the rows of `words` (zeros where missing) times the layer's W (nM x nO). */
function expected(model: AnyModel, vocab: Vocab, words: string[], unknown: "zeros" | "last" = "zeros"): number[][] {
  const W = values(model.getParam("W"));
  const table = vocab.vectors;
  return words.map((word) => {
    let row = table.rowOf(word);
    if (row < 0 && unknown === "last") row = table.size - 1;
    const v = row < 0 ? new Float32Array(table.width) : table.row(row);
    return W[0]!.map((_, o) => W.reduce((sum, wRow, m) => sum + v[m]! * wRow[o]!, 0));
  });
}

const sgd = (rate: number): Optimizer => ({ update: (_key, param, grad) => tf.sub(param, tf.mul(grad, rate)) });

describe("StaticVectors", () => {
  before(async () => {
    await selectBackend({ prefer: "wasm" });
    fixRandomSeed(3);
  });

  it("projects each token's vector to nO, with zeros for words without one (v2)", () => {
    const vocab = vectorsVocab();
    const model = staticVectors({ nO: 3 });
    const batch = docs(vocab);
    model.initialize(batch);
    assert.equal(model.getDim("nM"), 4);
    assert.deepEqual(model.getParam("W").shape, [4, 3]);
    withScope(() => {
      const Y = model.predict(batch);
      assert.deepEqual(Array.from(Y.lengths), [3, 3]);
      assert.deepEqual(Y.data.shape, [6, 3]);
      close(values(Y.data), expected(model, vocab, ["the", "cat", "sat", "on", "dog", "mat"]));
      assert.deepEqual(values(Y.data)[4], [0, 0, 0]);
    });
  });

  it("gives unknown words the table's last row in v1, as spacy-legacy does", () => {
    const vocab = vectorsVocab();
    const model = staticVectors({ nO: 2, version: 1 });
    model.initialize(docs(vocab));
    withScope(() => {
      close(values(model.predict(docs(vocab)).data), expected(model, vocab, ["the", "cat", "sat", "on", "dog", "mat"], "last"));
    });
  });

  it("sends no gradient to the table, and W's gradient matches finite differences", () => {
    const vocab = vectorsVocab();
    const before = vocab.vectors.data.slice();
    const model = staticVectors({ nO: 3 });
    const batch = docs(vocab);
    model.initialize(batch);
    const checked = checkParamGradients(
      model,
      (isTrain) => {
        const [Y, backprop] = model.call(batch, isTrain);
        return [[Y.data], ([dY]) => assert.deepEqual(backprop(new Ragged(dY as Floats2d, Y.lengths)), [])];
      },
      { samples: 8 },
    );
    assert.equal(checked, 8);
    withScope(() => {
      const [Y, backprop] = model.call(batch, true);
      backprop(new Ragged(tf.onesLike(Y.data) as Floats2d, Y.lengths));
      model.finishUpdate(sgd(0.5));
    });
    assert.deepEqual(vocab.vectors.data, before);
    assert.deepEqual(
      [...model.walk()].flatMap((node) => node.paramNames),
      ["W"],
    );
  });

  it("drops whole output columns over the batch while training", () => {
    const vocab = vectorsVocab();
    const model = staticVectors({ nO: 40, dropout: 0.5 });
    model.initialize(docs(vocab));
    withScope(() => {
      const Y = values(model.call(docs(vocab), true)[0].data);
      const dropped = Y[0]!.map((_, k) => Y.every((row) => row[k] === 0));
      assert.ok(dropped.some(Boolean) && !dropped.every(Boolean), "some columns dropped, not all");
      // Every column is either dropped in every row or kept in every row (known words only: row 4 is zero).
      for (const row of [Y[0]!, Y[1]!, Y[2]!, Y[3]!, Y[5]!])
        assert.deepEqual(
          row.map((value) => value === 0),
          dropped,
        );
      assert.deepEqual(
        values(model.predict(docs(vocab)).data)[0]!.filter((value) => value === 0),
        [],
      );
    });
  });

  it("looks words up by LOWER for LOWER tables, and by the key_attr otherwise", () => {
    const lower = vectorsVocab("LOWER");
    const model = staticVectors({ nO: 2 });
    const shouting = [new Doc(lower, { words: ["THE", "Cat"] })];
    model.initialize(shouting);
    withScope(() => close(values(model.predict(shouting).data), expected(model, lower, ["the", "cat"])));
    const byLower = staticVectors({ nO: 2, keyAttr: "LOWER" });
    const vocab = vectorsVocab();
    const mixed = [new Doc(vocab, { words: ["The", "MAT"] })];
    byLower.initialize(mixed);
    withScope(() => close(values(byLower.predict(mixed).data), expected(byLower, vocab, ["the", "mat"])));
    assert.throws(() => staticVectors({ keyAttr: "SHAPE" }), /ORTH, LOWER or NORM/);
  });

  it("handles batches without tokens", () => {
    const vocab = vectorsVocab();
    const model = staticVectors({ nO: 3 });
    model.initialize(docs(vocab));
    withScope(() => {
      const [Y, backprop] = model.call([new Doc(vocab, { words: [] }), new Doc(vocab, { words: [] })], true);
      assert.deepEqual(Y.data.shape, [0, 3]);
      assert.deepEqual(Array.from(Y.lengths), [0, 0]);
      assert.deepEqual(backprop(Y), []);
    });
  });

  it("says clearly when there are no vectors, or not the ones it was trained with", () => {
    const empty = new Vocab({ lang: "en" });
    assert.throws(
      () => staticVectors({ nO: 3 }).initialize([new Doc(empty, { words: ["a"] })]),
      (e: TsnlpError) => e.code === "E_STATIC_VECTORS" && /no vectors/.test(e.message) && /\[initialize\] vectors/.test(e.hint ?? ""),
    );
    const model = staticVectors({ nO: 3 });
    model.initialize(docs(vectorsVocab()));
    const narrow = new Vocab({ lang: "en", vectors: new Vectors({ data: new Float32Array([1, 2]), width: 2, keys: ["a"] }) });
    assert.throws(
      () => withScope(() => model.predict([new Doc(narrow, { words: ["a"] })])),
      (e: TsnlpError) => e.code === "E_STATIC_VECTORS" && /2 wide, but the layer was initialized for vectors 4 wide/.test(e.message),
    );
    assert.throws(() => withScope(() => model.predict([new Doc(empty, { words: ["a"] })])), /the vocab has no vectors/);
  });

  it("is built from the registry as spacy.StaticVectors.v1 and .v2", () => {
    registerVectorLayers(registry);
    for (const name of ["spacy.StaticVectors.v1", "spacy.StaticVectors.v2"]) {
      const decl = registry.get("layers", name);
      const model = decl.build!(decl.args.parse({ nO: 5, dropout: 0.1 }) as Record<string, unknown>, []) as AnyModel;
      assert.equal(model.name, "static_vectors");
      assert.equal(model.getDim("nO"), 5);
      assert.equal(model.attrs.version, name.endsWith("v1") ? 1 : 2);
      assert.equal(model.attrs.dropout_rate, 0.1);
    }
  });

  it("joins MultiHashEmbed and CharacterEmbed (include_static_vectors) before the mixing layer, and keeps the tensor count flat", () => {
    const vocab = vectorsVocab();
    const batch = docs(vocab);
    for (const model of [
      multiHashEmbed({ width: 8, attrs: ["NORM", "SHAPE"], rows: [50, 20], includeStaticVectors: true }),
      characterEmbedModel({ width: 8, rows: 50, nM: 4, nC: 2, includeStaticVectors: true }),
    ]) {
      model.initialize(batch);
      const vectorsLayer = model.getNode("static_vectors")!;
      assert.deepEqual(vectorsLayer.getParam("W").shape, [4, 8]);
      const step = () =>
        withScope(() => {
          const [Ys, backprop] = model.call(batch, true);
          assert.deepEqual(
            Ys.map((Y: Floats2d) => Y.shape),
            [
              [3, 8],
              [3, 8],
            ],
          );
          backprop(Ys.map((Y: Floats2d) => tf.onesLike(Y) as Floats2d));
          assert.ok(vectorsLayer.hasGrad("W"));
          model.finishUpdate(sgd(0.01));
        });
      step();
      const count = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) step();
      assert.equal(tf.memory().numTensors, count);
    }
    assert.equal(
      [...multiHashEmbed({ width: 8, attrs: ["NORM", "SHAPE"], rows: [50, 20], includeStaticVectors: true }).walk()]
        .find((node) => node.name === "maxout")!
        .getDim("nI"),
      24,
    );
    assert.equal(
      [...characterEmbedModel({ width: 8, rows: 50, nM: 4, nC: 2, includeStaticVectors: true }).walk()].find((node) => node.name === "maxout")!.getDim("nI"),
      4 * 2 + 16,
    );
  });
});
