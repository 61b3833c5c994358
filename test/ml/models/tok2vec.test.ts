import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { createVocab } from "../../../src/lang/create.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { type AnyModel, type Optimizer, withScope } from "../../../src/ml/model.js";
import { registerTok2VecModels } from "../../../src/ml/models/register-models-tok2vec.js";
import { multiHashEmbed } from "../../../src/ml/models/tok2vec.js";
import { registerCombinators } from "../../../src/ml/register-combinators.js";
import { registerDenseLayers } from "../../../src/ml/register-dense.js";
import { registerEmbedLayers } from "../../../src/ml/register-embed.js";
import { modelFromBytes, modelToBytes } from "../../../src/ml/serialize.js";
import { tf } from "../../../src/ml/tf.js";
import type { Floats2d } from "../../../src/ml/types.js";
import { registerBuiltins } from "../../../src/registry/builtins/index.js";
import { Registry } from "../../../src/registry/registry.js";
import { Doc } from "../../../src/tokens/index.js";
import { checkParamGradients } from "../../helpers/gradcheck.js";

const sgd = (rate: number): Optimizer => ({ update: (_key, param, grad) => tf.sub(param, tf.mul(grad, rate)) });

function makeRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  registerCombinators(registry);
  registerDenseLayers(registry);
  registerEmbedLayers(registry);
  registerTok2VecModels(registry);
  return registry;
}

function makeDocs(): Doc[] {
  const vocab = createVocab("en");
  return [["The", "quick", "brown", "fox", "jumps", "."], ["Hello", "world"], ["A"], ["Ünïcode", "wörds", "and", "emoji", "🙂", "too", "!"]].map(
    (words) => new Doc(vocab, { words }),
  );
}

const WIDTH = 8;

const EMBED: Record<string, string[]> = {
  multiHash: [
    '@architectures = "spacy.MultiHashEmbed.v2"',
    `width = ${WIDTH}`,
    'attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]',
    "rows = [50, 20, 20, 20]",
    "include_static_vectors = false",
  ],
  multiHashV1: [
    '@architectures = "spacy.MultiHashEmbed.v1"',
    `width = ${WIDTH}`,
    'attrs = ["ORTH", "SHAPE"]',
    "rows = [50, 20]",
    "include_static_vectors = false",
  ],
  character: ['@architectures = "spacy.CharacterEmbed.v2"', `width = ${WIDTH}`, "rows = 50", "nM = 4", "nC = 3", "include_static_vectors = false"],
  characterV1: [
    '@architectures = "spacy.CharacterEmbed.v1"',
    `width = ${WIDTH}`,
    "rows = 50",
    "nM = 4",
    "nC = 4",
    "include_static_vectors = false",
    'feature = "NORM"',
  ],
};

const ENCODE: Record<string, string[]> = {
  maxout: ['@architectures = "spacy.MaxoutWindowEncoder.v2"', `width = ${WIDTH}`, "window_size = 1", "maxout_pieces = 3", "depth = 2"],
  maxoutV1: ['@architectures = "spacy.MaxoutWindowEncoder.v1"', `width = ${WIDTH}`, "window_size = 2", "maxout_pieces = 2", "depth = 2"],
  mish: ['@architectures = "spacy.MishWindowEncoder.v2"', `width = ${WIDTH}`, "window_size = 1", "depth = 2"],
  mishV1: ['@architectures = "spacy.MishWindowEncoder.v1"', `width = ${WIDTH}`, "window_size = 1", "depth = 3"],
};

function tok2vecConfig(version: "v1" | "v2", embed: string, encode: string): string[] {
  return ["[model]", `@architectures = "spacy.Tok2Vec.${version}"`, "", "[model.embed]", ...EMBED[embed]!, "", "[model.encode]", ...ENCODE[encode]!];
}

const CASES: Array<{ name: string; lines: string[] }> = [
  { name: "Tok2Vec.v2(MultiHashEmbed.v2, MaxoutWindowEncoder.v2)", lines: tok2vecConfig("v2", "multiHash", "maxout") },
  { name: "Tok2Vec.v2(CharacterEmbed.v2, MishWindowEncoder.v2)", lines: tok2vecConfig("v2", "character", "mish") },
  { name: "Tok2Vec.v1(MultiHashEmbed.v1, MaxoutWindowEncoder.v1)", lines: tok2vecConfig("v1", "multiHashV1", "maxoutV1") },
  { name: "Tok2Vec.v1(CharacterEmbed.v1, MishWindowEncoder.v1)", lines: tok2vecConfig("v1", "characterV1", "mishV1") },
  {
    name: "HashEmbedCNN.v2",
    lines: [
      "[model]",
      '@architectures = "spacy.HashEmbedCNN.v2"',
      `width = ${WIDTH}`,
      "depth = 2",
      "embed_size = 60",
      "window_size = 1",
      "maxout_pieces = 3",
      "subword_features = true",
      "pretrained_vectors = null",
    ],
  },
  {
    name: "HashEmbedCNN.v1 without subword features",
    lines: [
      "[model]",
      '@architectures = "spacy.HashEmbedCNN.v1"',
      `width = ${WIDTH}`,
      "depth = 1",
      "embed_size = 60",
      "window_size = 1",
      "maxout_pieces = 2",
      "subword_features = false",
      "pretrained_vectors = false",
    ],
  },
];

/** A tagger block on top of a tok2vec case: the [model] section moves to [model.tok2vec]. */
function taggerConfig(version: "v1" | "v2", t2v: string[], extra: string[] = []): string[] {
  const moved = t2v.map((line) => line.replace(/^\[model(\.|\])/, (_m, tail: string) => `[model.tok2vec${tail}`));
  return ["[model]", `@architectures = "spacy.Tagger.${version}"`, ...extra, "", ...moved];
}

function build(registry: Registry, lines: string[]): AnyModel {
  const config = parseConfig(lines.join("\n"), { file: "inline.cfg" });
  return (resolveConfig(config.tree, registry) as { model: AnyModel }).model;
}

function predictions(model: AnyModel, docs: Doc[]): Float32Array[] {
  return withScope(() => (model.predict(docs) as Floats2d[]).map((Y) => Y.dataSync() as Float32Array));
}

describe("tok2vec and tagger architectures", function () {
  this.timeout(60_000);
  const registry = makeRegistry();

  before(async () => {
    await selectBackend();
  });

  for (const { name, lines } of CASES) {
    describe(name, () => {
      it("builds from config, initializes, runs forward and backward with a flat tensor count", () => {
        const docs = makeDocs();
        const model = build(registry, lines);
        assert.equal(model.getDim("nO"), WIDTH);
        model.initialize(docs.slice(0, 2));
        const Ys = withScope(() => (model.predict(docs) as Floats2d[]).map((Y) => Y.shape));
        assert.deepEqual(
          Ys,
          docs.map((doc) => [doc.length, WIDTH]),
        );
        const step = () =>
          withScope(() => {
            const [Y, backprop] = model.beginUpdate(docs) as [Floats2d[], (dY: Floats2d[]) => unknown];
            backprop(Y.map((y) => tf.onesLike(y)));
            let grads = 0;
            for (const node of model.walk()) for (const param of node.paramNames) if (node.hasGrad(param)) grads++;
            assert.ok(grads > 0);
            model.finishUpdate(sgd(0.01));
          });
        step();
        const count = tf.memory().numTensors;
        for (let i = 0; i < 5; i++) step();
        assert.equal(tf.memory().numTensors, count);
        model.dispose();
      });

      it("saves and loads to identical predictions", () => {
        const docs = makeDocs();
        const model = build(registry, lines);
        model.initialize(docs);
        // Move the params off their initial values (CharEmbed starts at zeros).
        withScope(() => {
          const [Y, backprop] = model.beginUpdate(docs) as [Floats2d[], (dY: Floats2d[]) => unknown];
          backprop(Y.map((y) => tf.randomUniform(y.shape, -1, 1, "float32", 3)));
          model.finishUpdate(sgd(0.1));
        });
        const other = build(registry, lines);
        modelFromBytes(other, modelToBytes(model));
        assert.deepEqual(predictions(other, docs), predictions(model, docs));
        model.dispose();
        other.dispose();
      });
    });
  }

  it("gradients of a small Tok2Vec match finite differences", () => {
    const docs = makeDocs().slice(0, 2);
    const model = build(registry, [
      ...tok2vecConfig("v2", "multiHash", "mish").map((line) => line.replace(`width = ${WIDTH}`, "width = 4").replace("depth = 2", "depth = 1")),
    ]);
    model.initialize(docs);
    // Seeded params of a useful size: reproducible, and away from LayerNorm's steepest region.
    let seed = 1;
    for (const node of model.walk())
      for (const name of node.paramNames) node.setParam(name, tf.randomUniform(node.getParam(name).shape, -0.5, 0.5, "float32", seed++));
    const checked = checkParamGradients(
      model,
      (isTrain) => {
        const [Ys, backprop] = model.call(docs, isTrain) as [Floats2d[], (dY: Floats2d[]) => unknown];
        return [Ys, (dYs) => void backprop(dYs as Floats2d[])];
      },
      { samples: 4, eps: 1e-3 },
    );
    assert.ok(checked >= 10, `${checked} entries checked`);
    model.dispose();
  });

  for (const version of ["v1", "v2"] as const) {
    it(`Tagger.${version}: infers nO from labels, outputs one row per token, backprops`, () => {
      const docs = makeDocs();
      const model = build(registry, taggerConfig(version, CASES[0]!.lines, ["nO = null"]));
      assert.equal(model.getRef("tok2vec").getDim("nO"), WIDTH);
      const nO = 5;
      withScope(() => model.initialize(docs, docs.map((doc) => tf.oneHot(tf.tensor1d(new Int32Array(doc.length), "int32"), nO)) as never));
      assert.equal(model.getRef("output_layer").getDim("nO"), nO);
      assert.equal(model.getRef("softmax"), model.getRef("output_layer"));
      withScope(() => {
        const [Ys, backprop] = model.beginUpdate(docs) as [Floats2d[], (dY: Floats2d[]) => unknown];
        assert.deepEqual(
          Ys.map((Y) => Y.shape),
          docs.map((doc) => [doc.length, nO]),
        );
        // Zero-initialised W: uniform probabilities while training.
        assert.ok(Math.abs(Ys[0]!.dataSync()[0]! - 1 / nO) < 1e-6);
        backprop(Ys.map((Y) => tf.sub(Y, tf.cast(tf.oneHot(tf.zeros([Y.shape[0]], "int32"), nO), "float32"))));
        model.finishUpdate(sgd(0.1));
      });
      // v2 (normalize = false) predicts logits; v1 probabilities.
      const first = predictions(model, docs)[0]!;
      const rowSum = first.slice(0, nO).reduce((a, b) => a + b, 0);
      if (version === "v1") assert.ok(Math.abs(rowSum - 1) < 1e-5);
      else assert.ok(Math.abs(rowSum - 1) > 1e-3, `row sums to ${rowSum}`);
      model.dispose();
    });
  }

  it("Tagger.v2 with normalize = true predicts probabilities", () => {
    const docs = makeDocs();
    const model = build(registry, taggerConfig("v2", CASES[0]!.lines, ["nO = 3", "normalize = true"]));
    model.initialize(docs);
    const first = predictions(model, docs)[0]!;
    assert.ok(Math.abs(first[0]! - 1 / 3) < 1e-6);
    model.dispose();
  });

  it("MultiHashEmbed gives its tables spaCy's seeds and columns", () => {
    const model = multiHashEmbed({ width: 4, attrs: ["NORM", "PREFIX", "SUFFIX"], rows: [10, 20, 30] });
    const tables = [...model.walk()].filter((node) => node.name === "hashembed");
    assert.deepEqual(
      tables.map((t) => [t.attrs.seed, t.attrs.column, t.getDim("nV")]),
      [
        [8, 0, 10],
        [9, 1, 20],
        [10, 2, 30],
      ],
    );
  });

  it("builds with static vectors, and says clearly what it cannot build", () => {
    const lines = (embed: string[]) => ["[model]", ...embed];
    for (const embed of [EMBED.multiHash!, EMBED.character!]) {
      const model = build(registry, lines(embed.map((line) => line.replace("include_static_vectors = false", "include_static_vectors = true")))) as AnyModel;
      assert.ok([...model.walk()].some((node) => node.name === "static_vectors"), "a StaticVectors layer is in the model");
    }
    assert.throws(() => build(registry, lines(EMBED.multiHash!.map((line) => line.replace("rows = [50, 20, 20, 20]", "rows = [50]")))), /mismatched lengths/);
  });
});
