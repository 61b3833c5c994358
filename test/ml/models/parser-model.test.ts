import { strict as assert } from "node:assert";
import { parseConfig } from "../../../src/config/load.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { type AnyModel, withScope } from "../../../src/ml/model.js";
import { type ParserModel, type ParserStepModel, parserModelNO } from "../../../src/ml/models/parser.js";
import { modelFromBytes, modelToBytes } from "../../../src/ml/serialize.js";
import { type Tensor, tf } from "../../../src/ml/tf.js";
import type { Floats2d } from "../../../src/ml/types.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Vocab } from "../../../src/tokens/vocab.js";
import { checkParamGradients } from "../../helpers/gradcheck.js";
import { sgd, testRegistry } from "../../helpers/tiny-models.js";

const vocab = new Vocab({ lang: "en" });
const makeDoc = (text: string) => {
  const words = text === "" ? [] : text.split(" ");
  return new Doc(vocab, { words, spaces: words.map(() => true) });
};
const TEXTS = ["the cat sat on the mat", "dogs bark", "", "a b c d", "hello"];

const CONFIG = `
[parser]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 8
maxout_pieces = 2
use_upper = true

[parser.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 6

[ner]
@architectures = "spacy.TransitionBasedParser.v1"
state_type = "ner"
extra_state_tokens = true
hidden_width = 5
maxout_pieces = 3
use_upper = false
nO = 7

[ner.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 4

[relu]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 4
maxout_pieces = 1
use_upper = true
nO = 3

[relu.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 4
`;

function buildAll(): Record<"parser" | "ner" | "relu", ParserModel> {
  return resolveConfig(parseConfig(CONFIG, { file: "inline.cfg" }).tree, testRegistry()) as never;
}

const N_ACTIONS = 5;

/** Pseudo-random feature ids in [-1, nTokens), about one in five missing. */
function randomIds(nStates: number, nF: number, nTokens: number, seed: number): Int32Array {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x100000000;
  };
  return Int32Array.from({ length: nStates * nF }, () => (next() < 0.2 ? -1 : Math.floor(next() * nTokens)));
}

function randomizeParams(model: AnyModel): void {
  let seed = 1;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      if (node.hasParam(name) === true) node.setParam(name, tf.randomNormal(node.getParam(name).shape, 0, 0.3, "float32", seed++));
    }
  }
}

describe("transition-based parser model", () => {
  before(async () => {
    await selectBackend();
  });

  const docs = TEXTS.map(makeDoc);
  const nTokens = docs.reduce((sum, doc) => sum + doc.length, 0);

  it("builds from config, sets nF by state type, and scores (nStates, nActions)", () => {
    const { parser, ner, relu } = buildAll();
    assert.equal(parserModelNO(parser), null);
    assert.throws(() => parser.initialize(docs), /number of actions/);
    (parser.attrs.resize_output as (m: ParserModel, n: number) => ParserModel)(parser, N_ACTIONS);
    assert.equal(parserModelNO(parser), N_ACTIONS);
    for (const model of [parser, ner, relu]) withScope(() => model.initialize(docs));
    const cases: Array<[ParserModel, number, number]> = [
      [parser, 8, N_ACTIONS],
      [ner, 6, 7],
      [relu, 3, 3],
    ];
    for (const [model, nF, nO] of cases) {
      withScope(() => {
        const [step] = model.call(docs, false);
        assert.equal(step.nF, nF);
        assert.equal(step.nO, nO);
        assert.equal(step.nTokens, nTokens);
        assert.deepEqual(step.tokvecs.shape, [nTokens, model.getRef("lower").getDim("nI")]);
        const [scores] = step.scoreStates(randomIds(9, nF, nTokens, 3));
        assert.deepEqual(scores.shape, [9, nO]);
        for (const v of scores.dataSync()) assert.ok(Number.isFinite(v));
        assert.throws(() => step.scoreStates(new Int32Array(nF + 1)), /multiple/);
        assert.throws(() => step.scoreStates(new Int32Array(nF).fill(nTokens)), /outside/);
      });
      model.dispose();
    }
  });

  it("without upper, scores are the maxout of the summed precomputed features", () => {
    const { ner } = buildAll();
    withScope(() => ner.initialize(docs));
    randomizeParams(ner);
    withScope(() => {
      const lower = ner.getRef("lower");
      const [nI, nF, nO, nP] = lower.getParam("W").shape as [number, number, number, number];
      const W = lower.getParam("W").dataSync();
      const b = lower.getParam("b").dataSync();
      const pad = lower.getParam("pad").dataSync();
      const [step] = ner.call(docs, false);
      const X = step.tokvecs.arraySync() as number[][];
      const ids = randomIds(4, nF, nTokens, 11);
      ids[0] = -1;
      const got = step.scoreStates(ids)[0].arraySync() as number[][];
      for (let s = 0; s < 4; s++) {
        for (let o = 0; o < nO; o++) {
          let best = Number.NEGATIVE_INFINITY;
          for (let p = 0; p < nP; p++) {
            let z = b[o * nP + p]!;
            for (let f = 0; f < nF; f++) {
              const id = ids[s * nF + f]!;
              if (id < 0) z += pad[(f * nO + o) * nP + p]!;
              else for (let i = 0; i < nI; i++) z += X[id]![i]! * W[((i * nF + f) * nO + o) * nP + p]!;
            }
            best = Math.max(best, z);
          }
          assert.ok(Math.abs(got[s]![o]! - best) < 1e-4, `state ${s} class ${o}: ${got[s]![o]} vs ${best}`);
        }
      }
    });
    ner.dispose();
  });

  /** Two steps of states, their scores as the outputs; backprop records both and finishes. */
  function run(model: ParserModel, nF: number, isTrain: boolean): [Tensor[], (dY: Tensor[]) => void] {
    const [step, finish] = model.call(docs, isTrain);
    const first = step.scoreStates(randomIds(6, nF, nTokens, 5));
    const second = step.scoreStates(randomIds(4, nF, nTokens, 6));
    return [
      [first[0], second[0]],
      ([d1, d2]) => {
        first[1](d1 as Floats2d);
        second[1](d2 as Floats2d);
        finish(step as ParserStepModel);
      },
    ];
  }

  it("backprop matches finite differences (maxout with upper, maxout alone, relu with upper)", () => {
    const { parser, ner, relu } = buildAll();
    (parser.attrs.resize_output as (m: ParserModel, n: number) => ParserModel)(parser, N_ACTIONS);
    const cases: Array<[ParserModel, number]> = [
      [parser, 8],
      [ner, 6],
      [relu, 3],
    ];
    for (const [model, nF] of cases) {
      withScope(() => model.initialize(docs));
      model.attrs.dropout_rate = 0;
      randomizeParams(model);
      const eps = 1e-3;
      const checked = checkParamGradients(model, (isTrain) => run(model, nF, isTrain), { samples: 6, eps });
      assert.ok(checked >= 20, `${checked} checked`);
      model.dispose();
    }
  });

  it("resizing keeps old scores, marks new classes unseen (minimum score, no gradient)", () => {
    const { parser, ner } = buildAll();
    (parser.attrs.resize_output as (m: ParserModel, n: number) => ParserModel)(parser, N_ACTIONS);
    for (const [model, nF] of [
      [parser, 8],
      [ner, 6],
    ] as Array<[ParserModel, number]>) {
      withScope(() => model.initialize(docs));
      randomizeParams(model);
      model.attrs.dropout_rate = 0;
      const ids = randomIds(5, nF, nTokens, 9);
      const before = withScope(() => model.call(docs, false)[0].scoreStates(ids)[0].arraySync() as number[][]);
      const oldNO = parserModelNO(model)!;
      (model.attrs.resize_output as (m: ParserModel, n: number) => ParserModel)(model, oldNO + 2);
      assert.equal(parserModelNO(model), oldNO + 2);
      assert.deepEqual([...(model.attrs.unseen_classes as Set<number>)], [oldNO, oldNO + 1]);
      withScope(() => {
        const [step, finish] = model.call(docs, true);
        const [scores, backprop] = step.scoreStates(ids);
        const after = scores.arraySync() as number[][];
        // New classes score 0 (zero weights) before they are masked to the minimum.
        const min = Math.min(0, ...before.flat());
        for (let s = 0; s < 5; s++) {
          for (let o = 0; o < oldNO; o++) assert.ok(Math.abs(after[s]![o]! - before[s]![o]!) < 1e-4);
          assert.ok(Math.abs(after[s]![oldNO]! - min) < 1e-4);
        }
        for (const node of model.walk()) node.clearGrads();
        const d = new Float32Array(5 * (oldNO + 2));
        for (let s = 0; s < 5; s++) d[s * (oldNO + 2) + oldNO] = 1;
        backprop(tf.tensor2d(d, [5, oldNO + 2]));
        finish(step);
        for (const node of model.walk()) {
          const grad = node.getGrad("W");
          if (grad) assert.ok(tf.max(tf.abs(grad)).dataSync()[0]! === 0, `${node.name}.W has a gradient from an unseen class`);
        }
      });
      model.dispose();
    }
  });

  it("trains with a flat tensor count, and toBytes / fromBytes gives identical scores", () => {
    const a = buildAll();
    const b = buildAll();
    for (const set of [a, b]) (set.parser.attrs.resize_output as (m: ParserModel, n: number) => ParserModel)(set.parser, N_ACTIONS);
    const model = a.parser;
    withScope(() => model.initialize(docs));
    const update = () =>
      withScope(() => {
        const [outputs, backprop] = run(model, 8, true);
        backprop(outputs.map((y) => tf.sub(y, 1)));
        model.finishUpdate(sgd(0.05));
      });
    update();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) update();
    assert.equal(tf.memory().numTensors, count);
    withScope(() => b.parser.initialize(docs));
    modelFromBytes(b.parser, modelToBytes(model));
    const ids = randomIds(7, 8, nTokens, 21);
    const scores = (m: ParserModel) => withScope(() => Array.from(m.call(docs, false)[0].scoreStates(ids)[0].dataSync()));
    assert.deepEqual(scores(b.parser), scores(model));
    for (const set of [a, b]) for (const m of Object.values(set)) m.dispose();
  });
});
