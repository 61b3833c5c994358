import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { type Model, withScope } from "../../../src/ml/model.js";
import { buildNgramRangeSuggester, buildNgramSuggester, type SpanCatInput } from "../../../src/ml/models/spancat.js";
import { modelFromBytes, modelToBytes } from "../../../src/ml/serialize.js";
import { tf } from "../../../src/ml/tf.js";
import type { Floats2d, Ints2d, Ragged } from "../../../src/ml/types.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Vocab } from "../../../src/tokens/vocab.js";
import { checkParamGradients } from "../../helpers/gradcheck.js";
import { cyclicOneHot } from "../../helpers/layers.js";
import { sgd, testRegistry } from "../../helpers/tiny-models.js";

const vocab = new Vocab({ lang: "en" });
const makeDoc = (text: string) => {
  const words = text === "" ? [] : text.split(" ");
  return new Doc(vocab, { words, spaces: words.map(() => true) });
};
const TEXTS = ["the cat sat on the mat", "dogs bark", "", "a b c d", "hello"];

const CONFIG = `
[ngrams]
@misc = "spacy.ngram_suggester.v1"
sizes = [1, 2]

[range]
@misc = "spacy.ngram_range_suggester.v1"
min_size = 1
max_size = 3

[model]
@architectures = "spacy.SpanCategorizer.v1"

[model.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 6

[model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 8

[model.scorer]
@layers = "spacy.LinearLogistic.v1"
`;

type Suggest = (docs: Doc[]) => Ragged<Ints2d>;

function buildAll(): { ngrams: Suggest; range: Suggest; model: Model<SpanCatInput, Floats2d> } {
  return resolveConfig(parseConfig(CONFIG, { file: "inline.cfg" }).tree, testRegistry()) as never;
}

function pairs(spans: Ragged<Ints2d>): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < spans.data.rows; i++) out.push([spans.data.get(i, 0), spans.data.get(i, 1)]);
  return out;
}

const N_LABELS = 3;

const labels = (rows: number): Floats2d => cyclicOneHot(rows, N_LABELS);

describe("spancat architectures", () => {
  before(async () => {
    await selectBackend();
  });

  const docs = TEXTS.map(makeDoc);

  it("ngram suggesters give every n-gram of each size, per doc", () => {
    const { ngrams, range } = buildAll();
    const spans = ngrams([makeDoc("a b c d"), makeDoc(""), makeDoc("x")]);
    assert.deepEqual(Array.from(spans.lengths), [7, 0, 1]);
    assert.deepEqual(pairs(spans), [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [0, 2],
      [1, 3],
      [2, 4],
      [0, 1],
    ]);
    const ranged = range([makeDoc("a b c"), makeDoc("x y")]);
    assert.deepEqual(Array.from(ranged.lengths), [6, 3]);
    assert.deepEqual(pairs(ranged), [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 2],
      [1, 3],
      [0, 3],
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const none = ngrams([]);
    assert.equal(none.data.rows, 0);
    assert.equal(none.data.cols, 2);
    assert.deepEqual(pairs(buildNgramSuggester([3])([makeDoc("a b")])), []);
    assert.deepEqual(pairs(buildNgramRangeSuggester(2, 2)([makeDoc("a b c")])), [
      [0, 2],
      [1, 3],
    ]);
    assert.throws(() => buildNgramSuggester([0]), /at least 1/);
  });

  it("builds from config, initializes, scores every span, trains without leaking tensors", () => {
    const { ngrams, model } = buildAll();
    const spans = ngrams(docs);
    const nSpans = spans.data.rows;
    const truth = tf.keep(labels(nSpans));
    withScope(() => model.initialize([docs, spans], truth));
    assert.equal(model.getRef("scorer").getDim("nO"), N_LABELS);
    assert.equal(model.getRef("reducer").getDim("nO"), 8);
    withScope(() => {
      const Y = model.predict([docs, spans]);
      assert.deepEqual(Y.shape, [nSpans, N_LABELS]);
      for (const p of Y.dataSync()) assert.ok(p > 0 && p < 1);
    });
    const step = (): number =>
      withScope(() => {
        const [Y, backprop] = model.call([docs, spans], true);
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
    assert.equal(tf.memory().numTensors, count);
    assert.ok(last < first, `loss ${first} -> ${last}`);
    truth.dispose();
    model.dispose();
  });

  it("gradients match finite differences", () => {
    const { ngrams, model } = buildAll();
    const sample = [makeDoc("the cat sat"), makeDoc("dogs bark")];
    const spans = ngrams(sample);
    withScope(() => model.initialize([sample, spans], labels(spans.data.rows)));
    let seed = 1;
    for (const node of model.walk()) {
      for (const name of node.paramNames) {
        if (node.hasParam(name) === true) node.setParam(name, tf.randomNormal(node.getParam(name).shape, 0, 0.5, "float32", seed++));
      }
    }
    const checked = checkParamGradients(
      model,
      (isTrain) => {
        const [Y, backprop] = model.call([sample, spans], isTrain);
        return [[Y], ([dY]) => void backprop(dY as Floats2d)];
      },
      { samples: 3, eps: 1e-3 },
    );
    assert.ok(checked > 10);
    model.dispose();
  });

  it("toBytes / fromBytes gives identical predictions", () => {
    const a = buildAll();
    const b = buildAll();
    const spans = a.ngrams(docs);
    for (const { model } of [a, b]) withScope(() => model.initialize([docs, spans], labels(spans.data.rows)));
    withScope(() => {
      const [Y, backprop] = a.model.call([docs, spans], true);
      backprop(tf.sub(Y, labels(spans.data.rows)) as Floats2d);
      a.model.finishUpdate(sgd(1));
    });
    modelFromBytes(b.model, modelToBytes(a.model));
    withScope(() => assert.deepEqual(Array.from(b.model.predict([docs, spans]).dataSync()), Array.from(a.model.predict([docs, spans]).dataSync())));
    a.model.dispose();
    b.model.dispose();
  });
});
