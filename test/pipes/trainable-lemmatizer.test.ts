import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import type { AnyModel } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import { registerLemmaFactories } from "../../src/pipes/register-lemma.js";
import { type EditTreeLabelData, EditTreeLemmatizer } from "../../src/pipes/trainable-lemmatizer.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

registerLemmaFactories(registry);

const CONFIG = TINY_TAGGER_CONFIG.replace('pipeline = ["tok2vec","tagger"]', 'pipeline = ["tok2vec","trainable_lemmatizer"]')
  .replace("[components.tagger]", "[components.trainable_lemmatizer]")
  .replace('factory = "tagger"', 'factory = "trainable_lemmatizer"\nmin_tree_freq = MIN_TREE_FREQ')
  .replace("[components.tagger.model]", "[components.trainable_lemmatizer.model]")
  .replace("[components.tagger.model.tok2vec]", "[components.trainable_lemmatizer.model.tok2vec]");

/** Sentences as "word/lemma" pairs. */
const LEMMATIZED = [
  "The/the dogs/dog were/be running/run home/home ./.",
  "Cats/cat are/be sleeping/sleep on/on mats/mat ./.",
  "She/she was/be walking/walk dogs/dog ./.",
  "They/they were/be eating/eat apples/apple ./.",
  "Birds/bird are/be singing/sing songs/song ./.",
  "He/he was/be reading/read books/book ./.",
];

function examples(nlp: Language): Example[] {
  return LEMMATIZED.map((line) => {
    const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
    const words = pairs.map(([word]) => word);
    const spaces = words.map((_, i) => i < words.length - 2);
    const reference = new Doc(nlp.vocab, { words, spaces, lemmas: pairs.map(([, lemma]) => lemma) });
    return new Example(nlp.makeDoc(reference.text), reference);
  });
}

function pipeline(minTreeFreq = 1): Language {
  return Language.fromConfig(parseConfig(CONFIG.replace("MIN_TREE_FREQ", String(minTreeFreq))).tree);
}

function train(nlp: Language, steps: number) {
  const egs = examples(nlp);
  const optimizer = nlp.initialize(() => egs);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const stepLosses: Record<string, number> = {};
    nlp.update(egs, { sgd: optimizer, losses: stepLosses });
    losses.push(stepLosses.trainable_lemmatizer ?? Number.NaN);
  }
  return { egs, optimizer, losses };
}

function predictedLemmas(nlp: Language, texts: string[]): string[][] {
  return [...nlp.pipe(texts)].map((doc) => [...doc.lemmas]);
}

function gold(): string[][] {
  return LEMMATIZED.map((line) => line.split(" ").map((pair) => pair.split("/")[1]!));
}

const TEXTS = LEMMATIZED.map((line) =>
  line
    .split(" ")
    .map((pair) => pair.split("/")[0])
    .join(" ")
    .replace(" .", "."),
);

/** A stand-in model that scores every token with the same row: label i gets scores[i]. */
function fixedScores(scores: number[]): AnyModel {
  return {
    initialize: () => {},
    predict: (docs: Doc[]) => docs.map((doc) => tf.tensor2d(new Array(doc.length).fill(scores).flat(), [doc.length, scores.length])),
  } as unknown as AnyModel;
}

/** A lemmatizer whose labels are the trees of these pairs, in order, over a stand-in model. */
function withLabels(pairs: Array<[string, string]>, scores: number[], settings: ConstructorParameters<typeof EditTreeLemmatizer>[3] = {}) {
  const vocab = new Vocab();
  const lemmatizer = new EditTreeLemmatizer(vocab, fixedScores(scores), "lemmatizer", settings);
  const trees = lemmatizer.trees;
  const labels = pairs.map(([form, lemma]) => trees.add(form, lemma));
  const data: EditTreeLabelData = { trees: trees.toJSON(), labels };
  const sample = new Doc(vocab, { words: ["sample"] });
  lemmatizer.initialize(() => [new Example(sample, sample)], { nlp: { vocab } as never, labels: data });
  return { vocab, lemmatizer };
}

describe("trainable_lemmatizer (EditTreeLemmatizer)", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("keeps as labels the trees seen at least min_tree_freq times, in order of first sight", () => {
    const nlp = pipeline(2);
    nlp.initialize(() => examples(nlp));
    const lemmatizer = nlp.getPipe("trainable_lemmatizer") as EditTreeLemmatizer;
    const labelled = lemmatizer.treeLabels.map((id) => lemmatizer.trees.treeToStr(id));
    // What spaCy's EditTreeLemmatizer keeps for this corpus with min_tree_freq = 2.
    assert.deepEqual(labelled, [
      "(m 1 0 (s 'T' 't') ())",
      "(m 0 1 () (s 's' ''))",
      "(m 1 2 (s 'w' 'b') (s 're' ''))",
      "(m 0 0 () ())",
      "(m 2 0 (s 'ar' 'b') ())",
      "(m 0 3 () (s 'ing' ''))",
      "(s 'was' 'be')",
    ]);
    assert.deepEqual(lemmatizer.labels, lemmatizer.treeLabels.map(String));
    assert.equal(lemmatizer.hideLabels, true);
  });

  it("trains tokens whose tree is no label towards label 0, as spaCy does", () => {
    fixRandomSeed(5);
    const nlp = pipeline(2);
    train(nlp, 30);
    const [first] = predictedLemmas(nlp, TEXTS.slice(0, 1));
    // "running" -> "run" is seen once; label 0 ("The" -> "the") does not apply to it, so it backs off.
    assert.deepEqual(first, ["the", "dog", "be", "running", "home", "."]);
  });

  it("learns a toy corpus, with a falling loss", () => {
    fixRandomSeed(3);
    const nlp = pipeline();
    const { losses } = train(nlp, 30);
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    assert.deepEqual(predictedLemmas(nlp, TEXTS), gold());
    const scores = nlp.evaluate(examples(nlp));
    assert.ok((scores.lemma_acc as number) > 0.9, `lemma_acc ${scores.lemma_acc}`);
  });

  it("keeps the tensor count flat across updates and predictions", () => {
    const nlp = pipeline();
    const { egs, optimizer } = train(nlp, 2);
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) nlp.update(egs, { sgd: optimizer });
    predictedLemmas(nlp, TEXTS);
    assert.equal(tf.memory().numTensors, count);
  });

  it("saves and loads a pipeline with identical predictions", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-lemmatizer-"));
    try {
      fixRandomSeed(4);
      const nlp = pipeline();
      train(nlp, 10);
      nlp.toDisk(join(dir, "model"));
      assert.deepEqual(readdirSync(join(dir, "model", "trainable_lemmatizer")).sort(), ["cfg", "model", "trees"]);
      const saved = JSON.parse(readFileSync(join(dir, "model", "trainable_lemmatizer", "trees"), "utf8")) as { trees: unknown[] };
      const original = nlp.getPipe("trainable_lemmatizer") as EditTreeLemmatizer;
      assert.equal(saved.trees.length, original.trees.size);
      const loaded = loadPipeline(join(dir, "model"));
      const lemmatizer = loaded.getPipe("trainable_lemmatizer") as EditTreeLemmatizer;
      assert.deepEqual(lemmatizer.treeLabels, original.treeLabels);
      assert.deepEqual(predictedLemmas(loaded, TEXTS), predictedLemmas(nlp, TEXTS));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes labels back from labelData, as 'init labels' writes them", () => {
    const nlp = pipeline();
    nlp.initialize(() => examples(nlp));
    const data = (nlp.getPipe("trainable_lemmatizer") as EditTreeLemmatizer).labelData!;
    const other = pipeline();
    const lemmatizer = other.getPipe("trainable_lemmatizer") as EditTreeLemmatizer;
    lemmatizer.initialize(() => examples(other), { nlp: other, labels: JSON.parse(JSON.stringify(data)) });
    assert.deepEqual(lemmatizer.treeLabels, data.labels);
    assert.deepEqual(lemmatizer.trees.toJSON(), data.trees);
    assert.throws(
      () => lemmatizer.initialize(() => examples(other), { nlp: other, labels: ["a"] }),
      (error: TsnlpError) => error.code === "E_LEMMATIZER_LABELS",
    );
    assert.throws(
      () => lemmatizer.initialize(() => examples(other), { nlp: other, labels: { trees: data.trees, labels: [data.trees.length] } }),
      (error: TsnlpError) => error.code === "E_LEMMATIZER_LABELS",
    );
  });

  it("tries the top_k best trees in turn and backs off when none applies", () => {
    // Label 0 ("-ing" stripped) scores highest, then label 2 ("was" -> "be"), then label 1 ("-s" stripped).
    const pairs: Array<[string, string]> = [
      ["walking", "walk"],
      ["dogs", "dog"],
      ["was", "be"],
    ];
    const scores = [0.5, 0.2, 0.3];
    const lemmatize = (topK: number, backoff: string | null = "orth") => {
      const { vocab, lemmatizer } = withLabels(pairs, scores, { topK, backoff });
      const doc = new Doc(vocab, { words: ["Walking", "cats", "was", "X"] });
      return [...lemmatizer.call(doc).lemmas];
    };
    assert.deepEqual(lemmatize(1), ["Walk", "cats", "was", "X"]);
    assert.deepEqual(lemmatize(2), ["Walk", "cats", "be", "X"]);
    assert.deepEqual(lemmatize(3), ["Walk", "cat", "be", "X"]);
    assert.deepEqual(lemmatize(1, "lower"), ["Walk", "cats", "was", "x"]);
    assert.deepEqual(lemmatize(3, null), ["Walk", "cat", "be", ""]);
  });

  it("leaves lemmas that are set unless overwrite is on", () => {
    const pairs: Array<[string, string]> = [["dogs", "dog"]];
    for (const overwrite of [false, true]) {
      const { vocab, lemmatizer } = withLabels(pairs, [1], { overwrite });
      const doc = new Doc(vocab, { words: ["cats", "rats"], lemmas: ["feline", ""] });
      assert.deepEqual([...lemmatizer.call(doc).lemmas], overwrite ? ["cat", "rat"] : ["feline", "rat"]);
    }
  });

  it("rejects a backoff that is no token attribute, and a top_k below 1", () => {
    const vocab = new Vocab();
    const model = fixedScores([1]);
    assert.throws(
      () => new EditTreeLemmatizer(vocab, model, "lemmatizer", { backoff: "text" }),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_BACKOFF" && /"orth"/.test(e.hint!),
    );
    assert.throws(
      () => new EditTreeLemmatizer(vocab, model, "lemmatizer", { topK: 0 }),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_TOP_K",
    );
  });

  it("says so when the training data has no lemmas", () => {
    const nlp = pipeline();
    const egs = ["a b", "c d"].map((text) => new Example(nlp.makeDoc(text), nlp.makeDoc(text)));
    assert.throws(
      () => nlp.initialize(() => egs),
      (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS",
    );
  });
});
