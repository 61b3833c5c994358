import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { selectBackend } from "../../src/ml/backend.js";
import { withScope } from "../../src/ml/model.js";
import { type ParserModel, parserModelNO, transitionBasedParser } from "../../src/ml/models/parser.js";
import { Adam } from "../../src/ml/optimizers/index.js";
import { tf } from "../../src/ml/tf.js";
import { DependencyParser } from "../../src/pipes/parser.js";
import type { PipelineContext } from "../../src/pipes/pipe.js";
import { registerParserFactory } from "../../src/pipes/register-parser.js";
import { parserScore } from "../../src/scorer/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { testRegistry, tinyTok2vec } from "../helpers/tiny-models.js";

/** A toy treebank: [words, heads, labels]; the last doc holds two sentences. */
const TREEBANK: Array<[string, number[], string[]]> = [
  ["I like green eggs .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"]],
  ["They eat red apples .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"]],
  ["We see big dogs .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"]],
  ["The dog runs fast .", [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "advmod", "punct"]],
  ["A cat sleeps well .", [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "advmod", "punct"]],
  ["The cat eats red eggs .", [1, 2, 2, 4, 2, 2], ["det", "nsubj", "ROOT", "amod", "dobj", "punct"]],
  ["We run . The dog sleeps .", [1, 1, 1, 4, 5, 5, 5], ["nsubj", "ROOT", "punct", "det", "nsubj", "ROOT", "punct"]],
];

const vocab = new Vocab({ lang: "en" });

function examples(): Example[] {
  return TREEBANK.map(([text, heads, deps]) => {
    const words = text.split(" ");
    return new Example(new Doc(vocab, { words }), new Doc(vocab, { words, heads, deps }));
  });
}

function parserModel(extraStateTokens = false): ParserModel {
  return transitionBasedParser({ tok2vec: tinyTok2vec(32), stateType: "parser", extraStateTokens, hiddenWidth: 32, maxoutPieces: 2, useUpper: true });
}

function makeParser(model: ParserModel = parserModel()): DependencyParser {
  const parser = new DependencyParser(vocab, model, "parser", { minActionFreq: 1, scorer: parserScore });
  parser.random = () => 0.5;
  return parser;
}

/** Heads and labels of the component's parses of fresh docs with the examples' words. */
function parses(parser: DependencyParser, texts: readonly string[]): string[] {
  const docs = texts.map((text) => new Doc(vocab, { words: text.split(" ") }));
  return [...parser.pipe(docs)].map((doc) => doc.deps.map((dep, i) => `${doc.heads[i]}:${dep}`).join(" "));
}

describe("DependencyParser", function () {
  this.timeout(30_000);

  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  beforeEach(() => fixRandomSeed(0));

  it("initializes moves from the treebank in spaCy's order, with dep and ROOT always there, and sizes the model", () => {
    const parser = makeParser();
    parser.initialize(() => examples());
    assert.deepEqual(parser.moveNames, ["S", "D", "L-nsubj", "L-det", "L-amod", "L-dep", "R-punct", "R-dobj", "R-advmod", "R-dep", "B-ROOT"]);
    assert.deepEqual(parser.labels, ["ROOT", "advmod", "amod", "dep", "det", "dobj", "nsubj", "punct"]);
    assert.equal(parserModelNO(parser.parserModel), parser.moves.nMoves);
    // The label data gives the same moves back.
    const again = makeParser();
    again.initialize(() => examples().slice(0, 1), { labels: JSON.parse(JSON.stringify(parser.labelData)) });
    assert.deepEqual(again.moveNames, parser.moveNames);
    // The default min_action_freq of 30 leaves only the moves every parser has.
    const rare = new DependencyParser(vocab, parserModel(), "parser");
    rare.initialize(() => examples());
    assert.deepEqual(rare.moveNames, ["S", "D", "L-dep", "R-dep", "B-ROOT"]);
    assert.throws(() => makeParser().initialize(() => [], {}), /no examples/);
    assert.throws(() => makeParser().initialize(() => examples(), { labels: 7 }), /neither label data/);
    for (const p of [parser, again, rare]) p.model.dispose();
  });

  it("learns a toy treebank to 100% UAS and LAS, with a flat tensor count and save/load giving identical parses", () => {
    const parser = makeParser();
    const egs = examples();
    parser.initialize(() => egs);
    const optimizer = Adam({ learnRate: 0.01 });
    const losses: number[] = [];
    let tensors = -1;
    let updates = 0;
    let scores: Record<string, unknown> = {};
    for (; updates < 60; updates++) {
      const result = parser.update(egs, { sgd: optimizer, losses: {} });
      losses.push(result.parser!);
      if (updates === 1) tensors = tf.memory().numTensors;
      if (updates >= 1) assert.equal(tf.memory().numTensors, tensors, `tensor count after update ${updates + 1}`);
      if (updates % 5 === 4) {
        const predicted = egs.map((eg) => new Example(parser.call(new Doc(vocab, { words: eg.predicted.words })), eg.reference));
        scores = parser.score(predicted);
        if (scores.dep_uas === 1 && scores.dep_las === 1) break;
      }
    }
    console.log(`      (UAS and LAS 1.0 after ${updates + 1} updates)`);
    assert.equal(scores.dep_uas, 1, `UAS after ${updates + 1} updates: ${JSON.stringify(scores)}`);
    assert.equal(scores.dep_las, 1);
    assert.equal(scores.sents_f, 1, "the two-sentence doc is split where the treebank splits it");
    assert.ok(losses.at(-1)! < losses[0]! / 4, `loss fell: ${losses[0]} -> ${losses.at(-1)}`);
    assert.equal(tf.memory().numTensors, tensors, "prediction leaves no tensors");
    const twoSentences = parser.call(new Doc(vocab, { words: "We run . The dog sleeps .".split(" ") }));
    assert.deepEqual(
      twoSentences.sents.map((sent) => sent.text),
      ["We run .", "The dog sleeps ."],
    );

    const dir = mkdtempSync(join(tmpdir(), "tsnlp-parser-"));
    try {
      parser.toDisk(dir);
      const moves = JSON.parse(readFileSync(join(dir, "moves"), "utf8"));
      assert.deepEqual(moves.moves["4"], { ROOT: 8 });
      const loaded = makeParser().fromDisk(dir);
      assert.deepEqual(loaded.moveNames, parser.moveNames);
      const texts = [...TREEBANK.map(([text]) => text), "They see big eggs .", "A dog eats green apples . We sleep well .", "x"];
      assert.deepEqual(parses(loaded, texts), parses(parser, texts));
      // The same scores, not only the same argmax.
      const docs = texts.map((text) => new Doc(vocab, { words: text.split(" ") }));
      const ids = Int32Array.from({ length: 3 * 8 }, (_, i) => (i % 7 === 0 ? -1 : i % 20));
      const stateScores = (component: DependencyParser) =>
        withScope(() => Array.from(component.parserModel.call(docs, false)[0].scoreStates(ids)[0].dataSync()));
      assert.deepEqual(stateScores(loaded), stateScores(parser));
      loaded.model.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    parser.model.dispose();
  });

  it("learns non-projective trees through decorated labels and undoes them after parsing", () => {
    // spaCy's non-projective test tree: "h" hangs from "e" across "f"; training lifts it to "f" as "acl||dobj".
    const words = "a b c d e f g h i".split(" ");
    const heads = [1, 2, 2, 4, 5, 2, 7, 4, 2];
    const deps = ["det", "nsubj", "ROOT", "det", "dobj", "aux", "nsubj", "acl", "punct"];
    const eg = new Example(new Doc(vocab, { words }), new Doc(vocab, { words, heads, deps }));
    const parser = makeParser(parserModel(true));
    parser.initialize(() => [eg]);
    assert.ok(parser.moveNames.includes("R-acl||dobj"), parser.moveNames.join(" "));
    assert.ok(parser.labels.includes("dobj"));
    const optimizer = Adam({ learnRate: 0.01 });
    let doc = new Doc(vocab, { words });
    for (let i = 0; i < 60; i++) {
      parser.update([eg], { sgd: optimizer });
      doc = parser.call(new Doc(vocab, { words }));
      if (doc.deps.join(" ") === deps.join(" ") && Array.from(doc.heads).join(" ") === heads.join(" ")) break;
    }
    assert.deepEqual(Array.from(doc.heads), heads);
    assert.deepEqual(doc.deps, deps);
    parser.model.dispose();
  });

  it("adds labels as moves of every action, at the end and unseen", () => {
    const parser = makeParser();
    parser.initialize(() => examples());
    const before = parser.moveNames;
    assert.equal(parser.addLabel("iobj"), 1);
    assert.equal(parser.addLabel("iobj"), 0);
    assert.deepEqual(parser.moveNames, [...before, "S-iobj", "D-iobj", "L-iobj", "R-iobj", "B-iobj"]);
    assert.equal(parserModelNO(parser.parserModel), before.length + 5);
    assert.deepEqual([...(parser.model.attrs.unseen_classes as Set<number>)], [11, 12, 13, 14, 15]);
    assert.ok(parser.labels.includes("iobj"));
    assert.throws(() => parser.addLabel(""), /non-empty string/);
    parser.model.dispose();
  });

  it("handles empty docs, skips examples without gold, and says when it has no moves", () => {
    const parser = makeParser();
    assert.throws(() => parser.call(new Doc(vocab, { words: ["a"] })), /has no moves/);
    parser.initialize(() => examples());
    const [empty, one] = [...parser.pipe([new Doc(vocab, { words: [] }), new Doc(vocab, { words: ["Run"] })])];
    assert.equal(empty!.length, 0);
    assert.deepEqual([one!.heads[0], one!.deps[0]], [0, "ROOT"]);
    const words = "a b".split(" ");
    const noGold = new Example(new Doc(vocab, { words }), new Doc(vocab, { words }));
    assert.deepEqual(parser.update([noGold], { losses: { other: 1 } }), { other: 1, parser: 0 });
    assert.throws(() => parser.update([{} as Example]), /takes Example objects/);
    assert.throws(() => new DependencyParser(vocab, parserModel(), "p", { learnTokens: true }), /learn_tokens/);
    parser.model.dispose();
  });

  it("is built by the 'parser' factory from a config, model included", () => {
    const registry = testRegistry();
    registerParserFactory(registry);
    const { model } = resolveConfig(
      parseConfig(
        `
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = true
hidden_width = 16
maxout_pieces = 2
use_upper = false

[model.tok2vec]
@architectures = "test.TinyTok2Vec.v1"
width = 16
`,
        { file: "inline.cfg" },
      ).tree,
      registry,
    ) as { model: ParserModel };
    const nlp: PipelineContext = { vocab, lang: "en", components: [], pipeline: [], makeDoc: (text) => new Doc(vocab, { words: text.split(" ") }) };
    const build = registry.get("factories", "parser").build!;
    const args = { nlp, name: "my_parser", model, moves: null, update_with_oracle_cut_size: 4, learn_tokens: false, min_action_freq: 1, scorer: null };
    const parser = build(args) as DependencyParser;
    assert.ok(parser instanceof DependencyParser);
    assert.equal(parser.name, "my_parser");
    assert.equal(parser.cfg.min_action_freq, 1);
    parser.random = () => 0.5;
    const egs = examples();
    parser.initialize(() => egs);
    // Cut segments of 4 moves, the model without upper layer and with 13 context tokens: it still learns.
    const optimizer = Adam({ learnRate: 0.01 });
    const first = parser.update(egs, { sgd: optimizer }).my_parser!;
    let last = first;
    for (let i = 0; i < 15; i++) last = parser.update(egs, { sgd: optimizer }).my_parser!;
    assert.ok(last < first, `${first} -> ${last}`);
    assert.deepEqual(parser.score(egs), {}, "no scorer, no scores");
    assert.throws(() => build({ ...args, model: 3 }), /must be a model/);
    assert.throws(() => build({ ...args, moves: {} }), /moves must be null/);
    assert.throws(() => build({ ...args, min_action_freq: 1.5 }), /whole number/);
    parser.model.dispose();
  });
});
