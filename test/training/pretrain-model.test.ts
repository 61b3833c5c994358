/** The pretraining objectives' pieces: byte targets, losses, masking and the objective networks. */
import { strict as assert } from "node:assert";
import { before, describe, it } from "mocha";
import { selectBackend } from "../../src/ml/backend.js";
import { type Backprop, Model, withScope } from "../../src/ml/model.js";
import {
  applyMask,
  charactersLoss,
  createPretrainCharacters,
  createPretrainVectors,
  MASK_TOKEN,
  maskedLanguageModel,
  type PretrainLoss,
  RandomWords,
  utf8Array,
  vectorsLoss,
} from "../../src/ml/models/pretrain.js";
import { tok2vec as buildTok2vec, maxoutWindowEncoder, multiHashEmbed } from "../../src/ml/models/tok2vec.js";
import { CosineDistance, L2Distance } from "../../src/ml/losses/index.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";
import { Doc } from "../../src/tokens/doc.js";
import { Vectors } from "../../src/tokens/vectors.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";

const vocab = new Vocab({ lang: "en" });
const doc = (text: string) => new Doc(vocab, { words: text.split(" ") });

function smallTok2vec() {
  return buildTok2vec(
    multiHashEmbed({ width: 16, attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows: [100, 50, 50, 50] }),
    maxoutWindowEncoder({ width: 16, windowSize: 1, maxoutPieces: 3, depth: 1 }),
  );
}

/** A stand-in for the wrapped network: one row of ones per token; it records what it saw. */
function recorder() {
  const seen: { docs: Doc[]; dY: number[] } = { docs: [], dY: [] };
  const model = new Model<Doc[], Floats2d>("recorder", (_m, docs) => {
    seen.docs = docs;
    const rows = docs.reduce((n, d) => n + d.length, 0);
    const backprop: Backprop<Floats2d, Doc[]> = (dY) => {
      seen.dY = [...dY.dataSync()];
      return docs;
    };
    return [tf.ones([rows, 1]) as Floats2d, backprop];
  });
  return { model, seen };
}

describe("pretraining objectives", function () {
  this.timeout(20_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  describe("utf8Array (spaCy's Doc.to_utf8_array)", () => {
    it("takes bytes from both ends in the order first, last, second, second-to-last, padding with 255", () => {
      // What spaCy's doc.to_utf8_array gives for these words (nr_char 4, then 3).
      const words = ["cat", "héllo", "a", "word", "€"];
      assert.deepEqual([...utf8Array(words, 4)], [99, 116, 97, 255, 104, 111, 195, 108, 97, 255, 255, 255, 119, 100, 111, 114, 226, 172, 130, 255]);
      assert.deepEqual([...utf8Array(["abcdefgh"], 3)], [97, 104, 98]);
    });
  });

  describe("charactersLoss (spaCy's get_characters_loss)", () => {
    it("is the summed squared distance to the one-hot bytes, with the difference over the row count as gradient", () => {
      withScope(() => {
        const docs = [doc("ab c")];
        const prediction = tf.fill([2, 512], 1 / 256) as Floats2d;
        const [loss, grad] = charactersLoss(docs, prediction, 2);
        // What spaCy's get_characters_loss gives for this input: each of the 4 positions adds
        // (1 - 1/256)² + 255 (1/256)²; the gradient is (prediction - one-hot) / 2 rows.
        assert.ok(Math.abs(loss - 3.984375) < 1e-4, `loss ${loss}`);
        const g = grad.arraySync() as number[][];
        assert.ok(Math.abs(g[0]![97]! - -0.49804688) < 1e-6, "the target byte 'a' of 'ab'");
        assert.ok(Math.abs(g[0]![256 + 98]! - -0.49804688) < 1e-6, "the target byte 'b' of 'ab' in the second softmax");
        assert.ok(Math.abs(g[1]![256 + 255]! - -0.49804688) < 1e-6, "the padding byte of 'c'");
        assert.ok(Math.abs(g[1]![5]! - 0.001953125) < 1e-6);
      });
    });
  });

  describe("vectorsLoss (spaCy's get_vectors_loss)", () => {
    const table = new Vectors({ keys: ["cat", "dog"], data: Float32Array.from([1, 0, 0, 2]), width: 2 });

    it("compares each token with its vector and gives words without one a zero target", () => {
      withScope(() => {
        const docs = [doc("cat bird dog")];
        const prediction = tf.tensor2d([1, 1, 3, 3, 0, 1], [3, 2]) as Floats2d;
        const [loss, grad] = vectorsLoss(docs, prediction, table, new L2Distance({ normalize: true }));
        // What spaCy's get_vectors_loss computes for this input, with L2Distance(normalize=True)
        // and CosineDistance(normalize=True, ignore_zeros=True); "bird" has no vector.
        const close = (actual: ArrayLike<number>, expected: number[]) => expected.every((x, i) => Math.abs(actual[i]! - x) < 1e-6);
        assert.ok(Math.abs(loss - 2.222222328186035) < 1e-5, `L2 loss ${loss}`);
        assert.ok(close(grad.dataSync(), [0, 0.3333333432674408, 1, 1, 0, -0.3333333432674408]), `L2 gradient ${grad.dataSync()}`);
        const [cosLoss, cosGrad] = vectorsLoss(docs, prediction, table, new CosineDistance({ normalize: true, ignoreZeros: true }));
        assert.ok(Math.abs(cosLoss - 0.097631074488163) < 1e-5, `cosine loss ${cosLoss}`);
        assert.ok(close(cosGrad.dataSync(), [-0.11785111576318741, 0.1178511381149292, 0, 0, 0, 0]), `cosine gradient ${cosGrad.dataSync()}`);
      });
    });

    it("looks words up by LOWER when the table was made with attr LOWER", () => {
      withScope(() => {
        const lower = new Vectors({ keys: ["cat"], data: Float32Array.from([1, 0]), width: 2, attr: "LOWER" });
        const prediction = tf.zeros([1, 2]) as Floats2d;
        const [, grad] = vectorsLoss([doc("Cat")], prediction, lower, new L2Distance({ normalize: true }));
        assert.deepEqual([...grad.dataSync()], [-1, 0]);
      });
    });

    it("the vectors objective without vectors is an error naming the config path and the way out", () => {
      const objective = createPretrainVectors({ maxoutPieces: 3, hiddenSize: 8, loss: "cosine" });
      assert.throws(
        () => objective(new Vocab({ lang: "en" }), smallTok2vec()),
        (error: unknown) =>
          error instanceof TsnlpError &&
          error.code === "E_PRETRAIN_NO_VECTORS" &&
          /pretraining\.objective/.test(error.message) &&
          /\[initialize\] vectors/.test(error.hint ?? "") &&
          /PretrainCharacters/.test(error.hint ?? ""),
      );
      assert.throws(() => createPretrainVectors({ maxoutPieces: 3, hiddenSize: 8, loss: "L1" as "L2" }), /Supported values are 'cosine' and 'L2'/);
    });
  });

  describe("masking (spaCy's _apply_mask and build_masked_language_model)", () => {
    it("chooses about 15% of the tokens; 80% of those become [MASK], 10% a random word, 10% stay", () => {
      fixRandomSeed(7);
      const words = Array.from({ length: 40_000 }, (_, i) => `w${i % 500}`);
      const original = new Doc(vocab, { words });
      const { chosen, docs } = applyMask([original], new RandomWords(vocab));
      const masked = docs[0]!.words;
      let nChosen = 0;
      let nMask = 0;
      let nSame = 0;
      let nUnchosenChanged = 0;
      chosen.forEach((c, i) => {
        if (c === 0) {
          if (masked[i] !== words[i]) nUnchosenChanged++;
          return;
        }
        nChosen++;
        if (masked[i] === MASK_TOKEN) nMask++;
        else if (masked[i] === words[i]) nSame++;
      });
      assert.equal(nUnchosenChanged, 0);
      assert.ok(Math.abs(nChosen / words.length - 0.15) < 0.01, `chosen ${nChosen / words.length}`);
      assert.ok(Math.abs(nMask / nChosen - 0.8) < 0.02, `[MASK] ${nMask / nChosen}`);
      // Random words are drawn from a pool of hundreds of forms, so few equal the original.
      assert.ok(Math.abs(nSame / nChosen - 0.1) < 0.02, `kept ${nSame / nChosen}`);
      assert.ok(Math.abs((nChosen - nMask - nSame) / nChosen - 0.1) < 0.02, `replaced ${(nChosen - nMask - nSame) / nChosen}`);
      assert.deepEqual(original.words, words, "the original doc keeps its words");
    });

    it("passes the gradient back only at the chosen tokens, and does not mask at prediction time", () => {
      const docs = [doc("the cat sat on the mat"), doc("a dog ran after it in the park today")];
      fixRandomSeed(3);
      const { chosen } = applyMask(docs, new RandomWords(vocab));
      assert.ok(chosen.includes(1) && chosen.includes(0), `chosen ${[...chosen]}`);
      fixRandomSeed(3);
      const { model, seen } = recorder();
      const mlm = maskedLanguageModel(vocab, model);
      withScope(() => {
        const [output, backprop] = mlm.beginUpdate(docs);
        backprop(tf.onesLike(output) as Floats2d);
      });
      assert.deepEqual(seen.dY, [...chosen]);
      for (let seed = 0; seed < 20; seed++) {
        fixRandomSeed(seed);
        withScope(() => mlm.predict(docs));
        assert.deepEqual(
          seen.docs.map((d) => d.words),
          docs.map((d) => d.words),
        );
      }
    });
  });

  describe("the objective networks", () => {
    it("PretrainCharacters: one 256-way softmax per byte on the tok2vec, with a falling loss on a repeated batch", () => {
      fixRandomSeed(1);
      const tok2vec = smallTok2vec();
      const model = createPretrainCharacters({ maxoutPieces: 3, hiddenSize: 24, nCharacters: 4 })(vocab, tok2vec);
      const docs = [doc("I like green eggs and ham"), doc("They eat red apples")];
      withScope(() => model.initialize(docs));
      assert.equal(model.getRef("tok2vec"), tok2vec);
      const sums = withScope(() => {
        const Y = model.predict(docs);
        assert.deepEqual(Y.shape, [10, 1024]);
        return [...tf.sum(tf.reshape(Y, [10, 4, 256]), 2).dataSync()];
      });
      for (const sum of sums) assert.ok(Math.abs(sum - 1) < 1e-4);
      const loss = model.attrs.loss as PretrainLoss;
      const sgd = { update: (_key: string, param: Tensor, grad: Tensor) => tf.sub(param, tf.mul(grad, 0.5)) };
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      for (let i = 0; i < 15; i++) {
        losses.push(
          withScope(() => {
            const [Y, backprop] = model.beginUpdate(docs);
            const [value, dY] = loss(docs, Y);
            backprop(dY);
            model.finishUpdate(sgd);
            return value;
          }),
        );
      }
      assert.equal(tf.memory().numTensors, before, "no tensors leak across updates");
      assert.ok(losses.at(-1)! < losses[0]! * 0.92, `loss ${losses[0]} -> ${losses.at(-1)}`);
    });

    it("PretrainVectors: a zero-initialized linear output as wide as the vectors", () => {
      const withVectors = new Vocab({ lang: "en", vectors: new Vectors({ keys: ["cat", "dog"], data: Float32Array.from([1, 0, 0, 0, 1, 0]), width: 3 }) });
      const model = createPretrainVectors({ maxoutPieces: 2, hiddenSize: 8, loss: "L2" })(withVectors, smallTok2vec());
      const docs = [new Doc(withVectors, { words: ["cat", "and", "dog"] })];
      withScope(() => model.initialize(docs));
      const Y = withScope(() => model.predict(docs).arraySync() as number[][]);
      assert.deepEqual(Y, [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]);
    });
  });
});
