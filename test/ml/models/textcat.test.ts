import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { hashEmbed } from "../../../src/ml/layers/hash-embed.js";
import { flatten, unflatten } from "../../../src/ml/layers/list2array.js";
import { maxout } from "../../../src/ml/layers/maxout.js";
import { type AnyModel, Model, type Optimizer, withScope } from "../../../src/ml/model.js";
import { registerHeadModels } from "../../../src/ml/models/register-models-heads.js";
import { textCatBOW, textCatCNN, textCatEnsemble } from "../../../src/ml/models/textcat.js";
import { registerCombinators } from "../../../src/ml/register-combinators.js";
import { registerDenseLayers } from "../../../src/ml/register-dense.js";
import { registerEmbedLayers } from "../../../src/ml/register-embed.js";
import { modelFromBytes, modelToBytes } from "../../../src/ml/serialize.js";
import { tf } from "../../../src/ml/tf.js";
import { type Floats2d, Uint64s2d } from "../../../src/ml/types.js";
import { registerBuiltins } from "../../../src/registry/builtins/index.js";
import { declareFunction } from "../../../src/registry/declare.js";
import { Registry } from "../../../src/registry/registry.js";
import { sig } from "../../../src/registry/types.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Vocab } from "../../../src/tokens/vocab.js";
import { z } from "zod";
import { checkParamGradients } from "../../helpers/gradcheck.js";

/** A small tok2vec for the tests: HashEmbed of NORM over all tokens, then a Maxout. */
function tinyTok2vec(width: number, seed = 5, nP = 2): Model<Doc[], Floats2d[]> {
  const embed = hashEmbed({ nO: width, nV: 97, seed, column: 0 });
  const mix = maxout({ nO: width, nI: width, nP });
  return new Model<Doc[], Floats2d[]>(
    "tiny_tok2vec",
    (_model, docs, isTrain) => {
      const tables = docs.map((doc) => {
        const { data, rows, cols } = doc.toArray(["NORM"]);
        return Uint64s2d.fromBigInts(data, rows, cols);
      });
      const lengths = Int32Array.from(tables, (table) => table.rows);
      const words = new Uint32Array(tables.reduce((sum, table) => sum + table.words.length, 0));
      let at = 0;
      for (const table of tables) {
        words.set(table.words, at);
        at += table.words.length;
      }
      const [E, backpropEmbed] = embed.call(new Uint64s2d(words, words.length / 2, 1), isTrain);
      const [H, backpropMix] = mix.call(E, isTrain);
      const backprop = (dHs: Floats2d[]): Doc[] => {
        backpropEmbed(backpropMix(flatten(dHs)));
        return docs;
      };
      return [unflatten(H, lengths), backprop];
    },
    {
      layers: [embed, mix],
      dims: { nO: width },
      init: () => {
        embed.initialize();
        mix.initialize();
      },
    },
  );
}

const vocab = new Vocab({ lang: "en" });
const makeDoc = (text: string) => new Doc(vocab, { words: text.split(" "), spaces: text.split(" ").map(() => true) });
const TEXTS = ["the cat sat on the mat", "dogs bark", "a b c d e f g", "the the the", "hello"];
const sgd = (rate: number): Optimizer => ({ update: (_key, param, grad) => tf.sub(param, tf.mul(grad, rate)) });

function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  registerCombinators(registry);
  registerDenseLayers(registry);
  registerEmbedLayers(registry);
  registerHeadModels(registry);
  registry.register(
    declareFunction("architectures", "test.TinyTok2Vec.v1", {
      description: "a tiny tok2vec for tests",
      args: { width: z.number().int() },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
      origin: "user",
    }),
  );
  registry.implement("architectures", "test.TinyTok2Vec.v1", (args) => tinyTok2vec(args.width as number));
  return registry;
}

const CONFIG = `
[bow]
@architectures = "spacy.TextCatBOW.v2"
exclusive_classes = true
ngram_size = 2
no_output_layer = false

[bow_multi]
@architectures = "spacy.TextCatBOW.v1"
exclusive_classes = false
ngram_size = 1
no_output_layer = false

[cnn]
@architectures = "spacy.TextCatCNN.v2"
exclusive_classes = true

[cnn.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 6

[cnn_multi]
@architectures = "spacy.TextCatCNN.v2"
exclusive_classes = false

[cnn_multi.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 5

[ensemble]
@architectures = "spacy.TextCatEnsemble.v2"

[ensemble.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 4

[ensemble.linear_model]
@architectures = "spacy.TextCatBOW.v2"
exclusive_classes = true
ngram_size = 1
no_output_layer = false
`;

function buildAll(): Record<string, AnyModel> {
  return resolveConfig(parseConfig(CONFIG, { file: "inline.cfg" }).tree, testRegistry()) as Record<string, AnyModel>;
}

const N_LABELS = 3;

function labels(nDocs: number): Floats2d {
  const y = new Float32Array(nDocs * N_LABELS);
  for (let i = 0; i < nDocs; i++) y[i * N_LABELS + (i % N_LABELS)] = 1;
  return tf.tensor2d(y, [nDocs, N_LABELS]);
}

describe("textcat architectures", () => {
  before(async () => {
    await selectBackend();
  });

  const docs = TEXTS.map(makeDoc);

  it("build from config, initialize, predict the right shapes and ranges", () => {
    const models = buildAll();
    for (const [name, model] of Object.entries(models)) {
      withScope(() => model.initialize(docs, labels(docs.length)));
      assert.equal(model.getDim("nO"), N_LABELS, name);
      const Y = withScope(() => {
        const out = model.predict(docs) as Floats2d;
        assert.deepEqual(out.shape, [docs.length, N_LABELS], name);
        return out.arraySync() as number[][];
      });
      const exclusive = model.attrs.multi_label === false;
      assert.equal(exclusive, !name.endsWith("multi"), name);
      for (const row of Y) {
        for (const p of row) assert.ok(p >= 0 && p <= 1 && Number.isFinite(p), `${name}: ${row}`);
        if (exclusive) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${name}: ${row} does not sum to 1`);
      }
      model.dispose();
    }
  });

  it("backprop runs and training lowers the loss, with a flat tensor count", () => {
    const models = buildAll();
    for (const [name, model] of Object.entries(models)) {
      const truth = tf.keep(labels(docs.length));
      withScope(() => model.initialize(docs, truth));
      const step = (): number =>
        withScope(() => {
          const [Y, backprop] = model.call(docs, true) as [Floats2d, (dY: Floats2d) => unknown];
          const d = tf.sub(Y, truth) as Floats2d;
          const loss = tf.sum(tf.square(d)).dataSync()[0]!;
          backprop(d);
          model.finishUpdate(sgd(0.1));
          return loss;
        });
      const first = step();
      const count = tf.memory().numTensors;
      let last = first;
      for (let i = 0; i < 15; i++) last = step();
      assert.equal(tf.memory().numTensors, count, `${name} leaks tensors`);
      assert.ok(last < first, `${name}: loss ${first} -> ${last}`);
      truth.dispose();
      model.dispose();
    }
  });

  it("toBytes / fromBytes gives identical predictions", () => {
    const trained = buildAll();
    const fresh = buildAll();
    for (const [name, model] of Object.entries(trained)) {
      withScope(() => model.initialize(docs, labels(docs.length)));
      // Move the weights away from their (partly zero) initial values.
      withScope(() => {
        const [Y, backprop] = model.call(docs, true) as [Floats2d, (dY: Floats2d) => unknown];
        backprop(tf.sub(Y, labels(docs.length)) as Floats2d);
        model.finishUpdate(sgd(1));
      });
      const other = fresh[name]!;
      withScope(() => other.initialize(docs, labels(docs.length)));
      modelFromBytes(other, modelToBytes(model));
      withScope(() => {
        const a = (model.predict(docs) as Floats2d).dataSync();
        const b = (other.predict(docs) as Floats2d).dataSync();
        assert.deepEqual(Array.from(b), Array.from(a), name);
      });
      model.dispose();
      other.dispose();
    }
  });

  it("multi-label CNN and ensemble gradients match finite differences", () => {
    // All params are redrawn from fixed seeds, so the maxout kinks sit in the same places on
    // every run and a small eps stays clear of them.
    const cnn = textCatCNN({ tok2vec: tinyTok2vec(4, 3, 2), exclusiveClasses: false, nO: 2 });
    const ensemble = textCatEnsemble({
      tok2vec: tinyTok2vec(3, 4, 2),
      linearModel: textCatBOW({ exclusiveClasses: false, ngramSize: 2, noOutputLayer: false }),
      nO: 2,
    });
    const sample = docs.slice(0, 3);
    for (const model of [cnn, ensemble]) {
      withScope(() => model.initialize(sample, tf.zeros([3, 2]) as Floats2d));
      let seed = 1;
      for (const node of model.walk()) {
        for (const name of node.paramNames) {
          if (node.hasParam(name) === true) node.setParam(name, tf.randomNormal(node.getParam(name).shape, 0, 0.5, "float32", seed++));
        }
      }
      const checked = checkParamGradients(
        model,
        (isTrain) => {
          const [Y, backprop] = model.call(sample, isTrain) as [Floats2d, (dY: Floats2d) => unknown];
          return [[Y], ([dY]) => void backprop(dY as Floats2d)];
        },
        { samples: 3, eps: 1e-3 },
      );
      assert.ok(checked > 10);
      model.dispose();
    }
  });

  it("resize_output adds a class and keeps the old classes' scores", () => {
    const models = buildAll();
    for (const name of ["bow", "cnn", "cnn_multi"]) {
      const model = models[name]!;
      withScope(() => model.initialize(docs, labels(docs.length)));
      withScope(() => {
        const [Y, backprop] = model.call(docs, true) as [Floats2d, (dY: Floats2d) => unknown];
        backprop(tf.sub(Y, labels(docs.length)) as Floats2d);
        model.finishUpdate(sgd(1));
      });
      const before = withScope(() => (model.predict(docs) as Floats2d).arraySync() as number[][]);
      const resize = model.attrs.resize_output as (m: AnyModel, nO: number) => AnyModel;
      resize(model, N_LABELS + 1);
      assert.equal(model.getDim("nO"), N_LABELS + 1);
      const after = withScope(() => {
        const out = model.predict(docs) as Floats2d;
        assert.deepEqual(out.shape, [docs.length, N_LABELS + 1]);
        return out.arraySync() as number[][];
      });
      for (const [i, row] of before.entries()) {
        for (const [j, p] of row.entries()) assert.ok(Math.abs(p - after[i]![j]!) < 1e-4, `${name}[${i}][${j}]: ${p} -> ${after[i]![j]}`);
      }
      model.dispose();
    }
    for (const model of Object.values(models)) model.dispose();
  });
});
