import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { type AnyModel, withScope } from "../../../src/ml/model.js";
import { textCatBOW, textCatCNN, textCatEnsemble } from "../../../src/ml/models/textcat.js";
import { modelFromBytes, modelToBytes } from "../../../src/ml/serialize.js";
import { tf } from "../../../src/ml/tf.js";
import type { Floats2d } from "../../../src/ml/types.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Vocab } from "../../../src/tokens/vocab.js";
import { checkParamGradients } from "../../helpers/gradcheck.js";
import { cyclicOneHot } from "../../helpers/layers.js";
import { sgd, testRegistry, tinyTok2vec } from "../../helpers/tiny-models.js";

const vocab = new Vocab({ lang: "en" });
const makeDoc = (text: string) => new Doc(vocab, { words: text.split(" "), spaces: text.split(" ").map(() => true) });
const TEXTS = ["the cat sat on the mat", "dogs bark", "a b c d e f g", "the the the", "hello"];

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

const labels = (rows: number): Floats2d => cyclicOneHot(rows, N_LABELS);

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
